"""The privacy policy: what is stored, why, who sees it and for how long (#13)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def english_text(name):
    """The page in English, whether the language is in the address or in a cookie."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # Inside the override, so that the language the request activates does not outlive it.
    with translation.override("en"):
        return client.get(reverse(name)).text


def test_the_privacy_policy_is_linked_in_the_footer(client):
    footer = client.get(reverse("home")).text.split('class="site-footer"')[1]
    assert f'href="{reverse("privacy")}"' in footer


def test_the_privacy_policy_has_a_danish_address():
    assert reverse("privacy").endswith("/privatliv/")


@pytest.mark.parametrize(
    "words",
    [
        "e-mail address, your name and the organisation",  # what: the account
        "contact person",  # what: examples' contact details
        "change history",
        "Server logs",
        "public task",  # why
        "consent",
        "only to signed-in users, never to anonymous visitors",  # who
        "until you delete it",  # how long
        "30 days",
        "Datatilsynet",
    ],
)
def test_the_privacy_policy_says_what_why_who_and_how_long(words):
    assert words in english_text("privacy")


def test_the_privacy_policy_leads_to_your_data():
    assert f'href="{reverse("accounts:my_data")}"' in Client().get(reverse("privacy")).text


def test_the_privacy_policy_gives_the_editors_address(client, settings):
    settings.CONTACT_EMAIL = "redaktion@example.dk"
    assert "mailto:redaktion@example.dk" in client.get(reverse("privacy")).text
