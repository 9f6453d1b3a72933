"""allauth's e-mails (sign-up, password reset) go through the task queue too."""

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.mailserver import Inbox, run_worker

SIGN_UP = {
    "email": "ny@bibliotek.example",
    "password1": "et-godt-kodeord-9",
    "password2": "et-godt-kodeord-9",
}


@pytest.mark.django_db
def test_the_sign_up_e_mail_is_sent_by_a_task_in_danish(client):
    client.post(reverse("account_signup"), SIGN_UP)
    (message,) = mail.outbox
    assert message.to == ["ny@bibliotek.example"]
    assert message.subject.startswith("[Gode eksempler]")


def test_signing_up_while_the_mail_server_is_down_works_and_the_mail_follows(
    transactional_db, django_db_serialized_rollback, client, smtp_port, database_queue
):
    response = client.post(reverse("account_signup"), SIGN_UP)
    assert response.status_code == 302
    run_worker()  # the server is down: the attempt fails and waits
    retry = DBTaskResult.objects.filter(status="READY").get()

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        run_worker()
    finally:
        controller.stop()
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["ny@bibliotek.example"]
