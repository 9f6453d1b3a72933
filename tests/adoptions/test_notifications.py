"""Who hears of an adoption by e-mail: the curators when it is sent, the adopter when a
curator decides, and the example's submitter when their example is taken up elsewhere."""

import datetime
import logging

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from adoptions import services, tasks
from adoptions.models import Adoption
from tests.factories import (
    AdoptionFactory,
    InitiativeFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.mailserver import run_worker

pytestmark = pytest.mark.django_db

State = Adoption.State
EXAMPLE = 'Læs "højt" & <lyt>'


@pytest.fixture
def example_submitter():
    return UserFactory(email="eksempel@roskilde.example")


@pytest.fixture
def adopter():
    return UserFactory(email="adopter@skive.example")


@pytest.fixture
def waiting(example_submitter, adopter):
    """An adoption in Skive, sent for review, of a published example someone else wrote."""
    example = InitiativeFactory(published=True, title=EXAMPLE, submitted_by=example_submitter)
    return AdoptionFactory(
        submitted=True,
        initiative=example,
        organisation=OrganisationFactory(name="Skive Bibliotek"),
        submitted_by=adopter,
        started=datetime.date(2025, 9, 1),
    )


def take(step, adoption, curator, capture, note=""):
    with capture(execute=True):
        services.moderate(adoption, step=step, by=curator, note=note)


def to(address):
    return [message for message in mail.outbox if message.to == [address]]


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


# Sent for review: the curators


def test_the_curators_and_superusers_are_told_when_an_adoption_is_sent(
    curator, superuser, contributor, django_capture_on_commit_callbacks
):
    adoption = AdoptionFactory(state=State.DRAFT, published_at=None, submitted_by=contributor)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(adoption, by=contributor)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([curator.email, superuser.email])
    message = to(curator.email)[0]
    assert message.subject == f"Nyt genbrug til gennemsyn: {adoption.title}"
    admin_url = reverse("admin:adoptions_adoption_change", args=[adoption.pk])
    assert absolute(admin_url) in message.body
    assert adoption.adaptation in message.body


def test_the_curators_read_who_took_up_which_example_where_and_since_when(curator, waiting):
    tasks.tell_curators.enqueue(waiting.pk)
    (message,) = mail.outbox
    assert f"Skive Bibliotek har også gjort “{EXAMPLE}”: i Skive siden september 2025." in (
        message.body
    )


def test_nobody_is_told_before_the_change_is_committed(curator, contributor):
    adoption = AdoptionFactory(state=State.DRAFT, published_at=None, submitted_by=contributor)
    services.submit(adoption, by=contributor)  # the test's transaction is never committed
    assert mail.outbox == []


# A curator decides: the adopter


def test_the_adopter_hears_that_it_is_published(
    curator, waiting, adopter, django_capture_on_commit_callbacks
):
    take("publish", waiting, curator, django_capture_on_commit_callbacks, note="Flot!")

    (message,) = to(adopter.email)
    assert message.subject == f"Udgivet: I har også gjort “{EXAMPLE}”"
    assert "Flot!" in message.body
    assert absolute(waiting.get_absolute_url()) in message.body


def test_the_adopter_gets_the_note_and_the_link_to_change_it(
    curator, waiting, adopter, django_capture_on_commit_callbacks
):
    note = 'Skriv "hvor" & <hvornår>.'
    take("request_changes", waiting, curator, django_capture_on_commit_callbacks, note=note)

    (message,) = mail.outbox
    assert message.to == [adopter.email]
    assert message.subject == f"Ret venligst det, I fortalte om “{EXAMPLE}”"
    assert note in message.body
    assert absolute(reverse("adoptions:edit", args=[waiting.pk])) in message.body


def test_the_adopter_gets_the_reason_for_a_rejection(
    curator, waiting, adopter, django_capture_on_commit_callbacks
):
    take("reject", waiting, curator, django_capture_on_commit_callbacks, note="En dublet.")

    (message,) = mail.outbox
    assert message.to == [adopter.email]
    assert message.subject == f"Det, I fortalte om “{EXAMPLE}”, blev ikke udgivet"
    assert "En dublet." in message.body


# Published: the example's submitter


def test_the_examples_submitter_hears_that_their_example_is_reused_in_skive(
    curator, waiting, example_submitter, django_capture_on_commit_callbacks
):
    take("publish", waiting, curator, django_capture_on_commit_callbacks)

    (message,) = to(example_submitter.email)
    assert message.subject == "Dit eksempel er genbrugt i Skive"
    assert f"Skive Bibliotek har også gjort “{EXAMPLE}”: i Skive siden september 2025." in (
        message.body
    )
    assert absolute(waiting.initiative.get_absolute_url() + "#spread") in message.body


def test_a_nationwide_adoption_is_reused_in_the_whole_country(
    curator, waiting, example_submitter, django_capture_on_commit_callbacks
):
    Adoption.objects.filter(pk=waiting.pk).update(nationwide=True, municipality=None)
    waiting.refresh_from_db()
    take("publish", waiting, curator, django_capture_on_commit_callbacks)

    (message,) = to(example_submitter.email)
    assert message.subject == "Dit eksempel er genbrugt i hele landet"
    assert "i hele landet siden september 2025" in message.body


def test_the_examples_submitter_never_gets_the_adopters_address(
    curator, waiting, adopter, example_submitter, django_capture_on_commit_callbacks
):
    take("publish", waiting, curator, django_capture_on_commit_callbacks)

    (message,) = to(example_submitter.email)
    headers = [*message.to, *message.cc, *message.bcc, *message.reply_to, message.from_email]
    assert adopter.email not in [*headers, message.subject, message.body]
    assert adopter.email not in message.message().as_string()


def test_published_again_from_the_archive_the_examples_submitter_is_not_told_twice(
    curator, waiting, example_submitter, django_capture_on_commit_callbacks
):
    take("publish", waiting, curator, django_capture_on_commit_callbacks)
    take("archive", waiting, curator, django_capture_on_commit_callbacks)
    take("publish", waiting, curator, django_capture_on_commit_callbacks)

    assert len(to(example_submitter.email)) == 1


def test_who_took_up_their_own_example_gets_one_e_mail(
    curator, waiting, example_submitter, django_capture_on_commit_callbacks
):
    Adoption.objects.filter(pk=waiting.pk).update(submitted_by=example_submitter)
    waiting.refresh_from_db()
    take("publish", waiting, curator, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert message.subject.startswith("Udgivet:")


# Nobody without an address


def test_an_adopter_without_an_address_is_skipped(
    curator, waiting, adopter, example_submitter, django_capture_on_commit_callbacks
):
    adopter.email = ""
    adopter.save()
    take("publish", waiting, curator, django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [[example_submitter.email]]


def test_an_examples_submitter_without_an_address_is_skipped(
    curator, waiting, adopter, example_submitter, django_capture_on_commit_callbacks
):
    example_submitter.email = ""
    example_submitter.save()
    take("publish", waiting, curator, django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [[adopter.email]]


def test_a_deleted_account_is_told_nothing(curator, waiting, django_capture_on_commit_callbacks):
    Adoption.objects.filter(pk=waiting.pk).update(submitted_by=None)
    waiting.initiative.submitted_by = None
    waiting.initiative.save()
    waiting.refresh_from_db()
    take("publish", waiting, curator, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_a_curator_without_an_address_is_skipped(
    curator, contributor, django_capture_on_commit_callbacks
):
    curator.email = ""
    curator.save()
    adoption = AdoptionFactory(state=State.DRAFT, published_at=None, submitted_by=contributor)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(adoption, by=contributor)

    assert mail.outbox == []


# The mail server is down


def test_a_mail_server_outage_never_fails_the_curators_step(
    curator, waiting, smtp_port, django_capture_on_commit_callbacks, caplog
):
    # The immediate backend (the default) sends at once and cannot wait: it logs.
    with caplog.at_level(logging.ERROR):
        take("publish", waiting, curator, django_capture_on_commit_callbacks)

    waiting.refresh_from_db()
    assert waiting.state == State.PUBLISHED
    assert "giving up" in caplog.text


def test_with_a_worker_each_e_mail_is_tried_again_later(
    transactional_db,
    django_db_serialized_rollback,
    curator,
    smtp_port,
    database_queue,
):
    example = InitiativeFactory(published=True, submitted_by=UserFactory())
    adoption = AdoptionFactory(submitted=True, initiative=example)
    services.moderate(adoption, step="publish", by=curator)  # committed: no test transaction

    run_worker()

    retries = DBTaskResult.objects.filter(status="READY")
    assert sorted(r.task_path.rsplit(".", 1)[1] for r in retries) == [
        "tell_adopter",
        "tell_example_submitter",
    ]
    assert all(r.args_kwargs["kwargs"]["attempt"] == 2 for r in retries)
