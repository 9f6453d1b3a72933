"""`manage.py findpersonaldata` gives rows saved before the guard their warnings."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from adoptions.models import Adoption
from initiatives.models import Attachment, Initiative
from tests.factories import AdoptionFactory, AttachmentFactory, InitiativeFactory
from tests.privacy_guard.documents import docx_with_text

pytestmark = pytest.mark.django_db


def test_rows_from_before_the_guard_get_their_warnings():
    example = InitiativeFactory(description="Ring 22 33 44 55.")
    AttachmentFactory(
        initiative=example,
        file=SimpleUploadedFile("liste.docx", docx_with_text("Barnets cpr: 010203-1234")),
    )
    adoption = AdoptionFactory(result="Skriv til far@hjemme.dk")
    # As the rows were before the migration that added the guard.
    for model in (Initiative, Attachment, Adoption):
        model.objects.update(privacy_warnings=[])

    out = io.StringIO()
    call_command("findpersonaldata", stdout=out)

    example.refresh_from_db()
    adoption.refresh_from_db()
    assert [w["kind"] for w in example.privacy_warnings] == ["phone", "cpr"]
    assert [w["kind"] for w in adoption.privacy_warnings] == ["email"]
    assert "1 attachments" in out.getvalue()
