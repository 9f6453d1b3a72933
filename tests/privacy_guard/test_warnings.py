"""The guard's warnings on an example, its attachments and an adoption (initiatives.privacy)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from adoptions.models import Adoption
from initiatives.models import Initiative
from tests.factories import AdoptionFactory, AttachmentFactory, InitiativeFactory
from tests.privacy_guard.documents import docx_with_text, odt_with_text, pdf_with_text

pytestmark = pytest.mark.django_db


def kinds(row):
    row.refresh_from_db()
    return [(w["field"], w["kind"], w["text"]) for w in row.privacy_warnings]


@pytest.mark.parametrize(
    "field, text, kind, found",
    [
        ("description", "Drengens cpr-nummer er 010203-1234.", "cpr", "010203-1234"),
        ("summary", "Forældre kan ringe på 22 33 44 55.", "phone", "22 33 44 55"),
        (
            "how_to_start",
            "Skriv til mette.hansen@skole.dk først.",
            "email",
            "mette.hansen@skole.dk",
        ),
        ("outcomes", "Eleven Sofie læser nu hver dag.", "name", "Sofie"),
    ],
)
def test_each_kind_of_personal_data_in_a_text_field_is_a_warning(field, text, kind, found):
    example = InitiativeFactory(**{field: text})
    assert kinds(example) == [(field, kind, found)]


def test_the_contact_fields_hold_a_name_and_an_address_without_a_warning():
    example = InitiativeFactory(contact_name="Mette Hansen", contact_email="mette@bib.dk")
    assert kinds(example) == []


def test_a_cpr_number_in_a_pdf_attachment_is_a_warning():
    example = InitiativeFactory()
    AttachmentFactory(
        initiative=example,
        title="Tilmelding",
        file=SimpleUploadedFile("tilmelding.pdf", pdf_with_text("CPR: 010203-1234")),
    )
    assert kinds(example) == [("attachment", "cpr", "010203-1234")]
    assert example.privacy_warnings[0]["title"] == "Tilmelding"


def test_each_kind_in_a_pdf_attachment_is_a_warning():
    example = InitiativeFactory()
    document = pdf_with_text(
        "Barnets cpr: 0102031234", "Tlf. 22 33 44 55", "Mail: far@hjemme.dk", "Pigen Emma kom."
    )
    AttachmentFactory(initiative=example, file=SimpleUploadedFile("referat.pdf", document))
    assert [kind for _, kind, _ in kinds(example)] == ["cpr", "phone", "email", "name"]


def test_each_kind_in_a_word_attachment_is_a_warning():
    example = InitiativeFactory()
    document = docx_with_text(
        "Barnets cpr: 0102031234", "Tlf. 22 33 44 55", "Mail: far@hjemme.dk", "Pigen Emma kom."
    )
    AttachmentFactory(initiative=example, file=SimpleUploadedFile("referat.docx", document))
    assert [kind for _, kind, _ in kinds(example)] == ["cpr", "phone", "email", "name"]


def test_an_opendocument_attachment_is_read_too():
    example = InitiativeFactory()
    document = odt_with_text("Ring til os på 22 33 44 55")
    AttachmentFactory(initiative=example, file=SimpleUploadedFile("plan.odt", document))
    assert kinds(example) == [("attachment", "phone", "22 33 44 55")]


def test_deleting_the_attachment_takes_its_warnings_away():
    example = InitiativeFactory()
    attachment = AttachmentFactory(
        initiative=example, file=SimpleUploadedFile("x.pdf", pdf_with_text("0102031234"))
    )
    attachment.delete()
    assert kinds(example) == []


def test_correcting_the_text_takes_the_warning_away():
    example = InitiativeFactory(description="Ring på 22 33 44 55.")
    example.description = "Ring til biblioteket."
    example.save(update_fields=["description"])
    assert kinds(example) == []


def test_a_new_warning_reopens_a_curators_check():
    example = InitiativeFactory(submitted=True, description="Ring på 22 33 44 55.")
    example.publish(by=None, privacy_note="Bibliotekets eget nummer.")
    example.description += " Eleven Sofie var med."
    example.save()
    example.refresh_from_db()
    assert example.privacy_checked_at is None
    assert example.open_privacy_warnings


def test_a_warning_that_goes_away_keeps_the_check():
    example = InitiativeFactory(submitted=True, description="Ring 22 33 44 55 eller 33 44 55 66.")
    example.publish(by=None, privacy_note="Bibliotekets numre.")
    example.description = "Ring 22 33 44 55."
    example.save()
    example.refresh_from_db()
    assert example.privacy_checked_at is not None
    assert example.open_privacy_warnings == []


def test_an_adoptions_text_and_attachment_are_checked():
    adoption = AdoptionFactory(
        submitted=True,
        adaptation="Borgeren Jens fik bøger bragt ud.",
        attachment=SimpleUploadedFile("liste.pdf", pdf_with_text("Tlf. 22 33 44 55")),
        attachment_title="Ruteplan",
    )
    assert kinds(adoption) == [
        ("adaptation", "name", "Jens"),
        ("attachment", "phone", "22 33 44 55"),
    ]


def test_the_warnings_are_kept_out_of_the_history():
    example = InitiativeFactory(description="Ring på 22 33 44 55.")
    historical = example.history.model
    assert "privacy_warnings" not in {f.name for f in historical._meta.fields}
    assert "privacy_warnings" not in {f.name for f in Adoption.history.model._meta.fields}


def test_the_demo_examples_have_no_warnings(demo):
    examples = Initiative.objects.all()
    assert examples.count() == 16
    assert {e.slug: e.privacy_warnings for e in examples if e.privacy_warnings} == {}
    assert not Adoption.objects.exclude(privacy_warnings=[]).exists()
