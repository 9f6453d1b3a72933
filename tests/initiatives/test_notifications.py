"""The moderation e-mails: plain text."""

import pytest
from django.core import mail

from initiatives import services
from tests.factories import complete_draft

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
