"""The moderation e-mails: plain text, sent by a task, and retried while the mail server is down."""

import logging

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from initiatives import services, tasks
from initiatives.models import Initiative
from tests.factories import InitiativeFactory, complete_draft
from tests.mailserver import Inbox, run_worker

TITLE = 'Læs "højt" & <lyt> > tal'


@pytest.mark.django_db
def test_subjects_and_bodies_are_plain_text(
    verified_user, curator, django_capture_on_commit_callbacks
):
    initiative = complete_draft(title=TITLE, summary="Børn & <voksne>", submitted_by=verified_user)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(initiative, by=verified_user)
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(initiative, step="reject", by=curator, note='Ikke "nu" & <her>')

    to_curator, to_submitter = mail.outbox
    assert to_curator.subject == f"Nyt eksempel til gennemsyn: {TITLE}"
    assert "Børn & <voksne>" in to_curator.body
    assert TITLE in to_submitter.subject and "&quot;" not in to_submitter.subject
    assert 'Ikke "nu" & <her>' in to_submitter.body
    assert f"“{TITLE}”" in to_submitter.body


def test_retries_wait_longer_each_time_up_to_an_hour():
    delays = [tasks.retry_delay(attempt).total_seconds() / 60 for attempt in range(1, 10)]
    assert delays == [1, 2, 4, 8, 16, 32, 60, 60, 60]


# The mail server down and up again: a real SMTP server on a local port.


def send_for_review(client, user):
    initiative = complete_draft(submitted_by=user)
    client.force_login(user)
    response = client.post(reverse("initiatives:send", kwargs={"slug": initiative.slug}))
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:mine")
    initiative.refresh_from_db()
    assert initiative.state == Initiative.State.SUBMITTED
    return initiative


def test_the_curators_get_the_e_mail_once_the_mail_server_is_back(
    transactional_db,
    django_db_serialized_rollback,
    client,
    verified_user,
    curator,
    smtp_port,
    database_queue,
    caplog,
):
    send_for_review(client, verified_user)
    (queued,) = DBTaskResult.objects.all()
    assert queued.status == "READY"

    # The mail server is down: the attempt fails and is put back for later.
    with caplog.at_level(logging.WARNING, logger="initiatives.tasks"):
        run_worker()
    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == "FAILED"
    assert retry.status == "READY"
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now()
    assert "attempt 1 of 10" in caplog.text

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        run_worker()  # too early: the retry waits for its time
        assert inbox.envelopes == []
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        run_worker()
    finally:
        controller.stop()

    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == [curator.email]
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"


def test_a_mail_server_outage_never_fails_a_send_without_a_worker(
    db, client, verified_user, curator, smtp_port, django_capture_on_commit_callbacks, caplog
):
    # The immediate backend (the default) sends at once and cannot wait: it logs.
    with django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.ERROR):
        send_for_review(client, verified_user)
    assert "giving up" in caplog.text


def test_the_last_attempt_gives_up_and_enqueues_nothing(
    transactional_db, django_db_serialized_rollback, curator, smtp_port, database_queue, caplog
):
    initiative = InitiativeFactory(submitted=True)
    tasks.tell_curators.enqueue(initiative.pk, attempt=tasks.MAX_ATTEMPTS)

    with caplog.at_level(logging.ERROR, logger="initiatives.tasks"):
        run_worker()

    (result,) = DBTaskResult.objects.all()
    assert result.status == "FAILED"
    assert "giving up" in caplog.text
