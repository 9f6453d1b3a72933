"""The contact page's form reaches the editors, with or without a configured address."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.contact import MESSAGES_AN_HOUR

pytestmark = pytest.mark.django_db

URL = reverse("contact")
MESSAGE = {
    "name": "Karen Holm",
    "email": "karen@bib.example",
    "message": "Hvordan deler jeg et eksempel?",
}


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def send(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, {**MESSAGE, **changes})

    return send


def test_a_message_goes_to_the_configured_address(send, settings):
    settings.CONTACT_EMAIL = "redaktion@example.dk"

    response = send()

    assert response.status_code == 302
    (email,) = mail.outbox
    assert email.to == ["redaktion@example.dk"]
    assert email.reply_to == ["karen@bib.example"]
    assert "Hvordan deler jeg et eksempel?" in email.body


def test_without_an_address_the_message_goes_to_the_curators(send, settings, curator):
    settings.CONTACT_EMAIL = ""

    send()

    (email,) = mail.outbox
    assert email.to == [curator.email]


def test_the_visitor_is_told_the_message_is_sent(client, send, settings):
    settings.CONTACT_EMAIL = "redaktion@example.dk"

    send()

    assert "Tak. Din besked er sendt til redaktionen." in client.get(URL).text


def test_a_message_without_an_address_to_answer_is_refused(send, settings):
    settings.CONTACT_EMAIL = "redaktion@example.dk"

    response = send(email="")

    assert response.status_code == 200
    assert mail.outbox == []


def test_a_filled_in_hidden_field_sends_nothing(send, settings):
    settings.CONTACT_EMAIL = "redaktion@example.dk"

    send(website="http://spam.example")

    assert mail.outbox == []


def test_a_visitor_who_writes_too_often_is_asked_to_wait(send, settings):
    settings.CONTACT_EMAIL = "redaktion@example.dk"
    for _ in range(MESSAGES_AN_HOUR):
        send()

    response = send()

    assert response.status_code == 200
    assert "Prøv igen om en time" in response.text
    assert len(mail.outbox) == MESSAGES_AN_HOUR


def test_with_nobody_to_receive_it_the_page_says_so(send, settings):
    settings.CONTACT_EMAIL = ""

    response = send()

    assert "Redaktionen kan ikke kontaktes endnu" in response.text
    assert mail.outbox == []
