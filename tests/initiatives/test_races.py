"""Identical moderation steps at once: one is taken, the others are refused."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from initiatives.models import Initiative, InvalidTransition, Step
from tests.factories import InitiativeFactory, complete_draft

State = Initiative.State


@pytest.mark.django_db
def test_a_stale_copy_cannot_send_an_example_again(contributor):
    initiative = complete_draft(submitted_by=contributor)
    stale = Initiative.objects.get(pk=initiative.pk)
    initiative.submit(by=contributor)

    with pytest.raises(InvalidTransition, match="sendt til gennemsyn"):
        stale.submit(by=contributor)
    assert stale.state == State.SUBMITTED  # the refusal names the state found


@pytest.mark.django_db
def test_a_step_reads_the_moderation_fields_afresh(curator):
    initiative = InitiativeFactory(state=State.ARCHIVED)
    first_published = datetime.datetime(2020, 5, 1, tzinfo=datetime.UTC)
    Initiative.objects.filter(pk=initiative.pk).update(published_at=first_published)

    initiative.publish(by=curator)

    initiative.refresh_from_db()
    assert initiative.published_at == first_published


@pytest.mark.postgres
def test_three_identical_sends_at_once_mail_each_curator_once(
    transactional_db, django_db_serialized_rollback, verified_user, curator, monkeypatch
):
    initiative = complete_draft(submitted_by=verified_user)
    url = reverse("initiatives:send", kwargs={"slug": initiative.slug})

    # All three requests pass the check in Python before any of them writes,
    # which is how a double click meets the database.
    everyone_checked = threading.Barrier(3, timeout=10)
    checked = threading.local()
    check = Step.check

    def check_then_wait(step, example, *args, **kwargs):
        check(step, example, *args, **kwargs)
        if not getattr(checked, "once", False):
            checked.once = True
            everyone_checked.wait()

    monkeypatch.setattr(Step, "check", check_then_wait)

    statuses = []

    def send():
        client = Client()
        client.force_login(verified_user)
        try:
            statuses.append(client.post(url).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert statuses == [302, 302, 302]
    assert [message.to for message in mail.outbox] == [[curator.email]]
    assert Initiative.objects.get().state == State.SUBMITTED
