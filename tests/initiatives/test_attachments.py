"""Attachments: served through a view that checks who may see them, checked on the model field."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives.models import Attachment
from tests.factories import AttachmentFactory, InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

PRODUCTION = {
    "DEBUG": False,
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    },
}


def body(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def published_attachment():
    initiative = InitiativeFactory(published=True)
    return AttachmentFactory(
        initiative=initiative,
        title="Læseklub: sådan gør I",
        file=SimpleUploadedFile("guide.pdf", PDF),
    )


@pytest.fixture
def draft_attachment(contributor):
    initiative = InitiativeFactory(submitted_by=contributor)
    return AttachmentFactory(initiative=initiative, file=SimpleUploadedFile("udkast.pdf", PDF))


def test_a_published_examples_attachment_downloads_in_production_mode(
    client, settings, published_attachment
):
    for name, value in PRODUCTION.items():
        setattr(settings, name, value)
    response = client.get(published_attachment.get_absolute_url())
    assert response.status_code == 200
    assert body(response) == PDF


def test_the_attachment_url_is_the_portals_view_not_the_media_folder(published_attachment):
    url = published_attachment.get_absolute_url()
    assert url == reverse(
        "initiatives:attachment",
        kwargs={"slug": published_attachment.initiative.slug, "pk": published_attachment.pk},
    )
    assert published_attachment.file.url == url


def test_the_example_page_links_to_the_attachment_view(client, published_attachment):
    response = client.get(published_attachment.initiative.get_absolute_url())
    assert f'href="{published_attachment.get_absolute_url()}"' in response.content.decode()
    assert "/media/" not in response.content.decode()


def test_a_download_names_the_file_after_its_title_and_stored_type(client, published_attachment):
    response = client.get(published_attachment.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        'attachment; filename="laeseklub-saadan-goer-i.pdf"; '
        "filename*=UTF-8''L%C3%A6seklub%20s%C3%A5dan%20g%C3%B8r%20I.pdf"
    )
    assert "private" not in response.get("Cache-Control", "")


def test_the_content_type_comes_from_the_stored_extension_not_the_upload(client):
    attachment = AttachmentFactory(
        initiative=InitiativeFactory(published=True),
        file=SimpleUploadedFile("billede.html", PNG, content_type="text/html"),
    )
    response = client.get(attachment.get_absolute_url())
    assert attachment.file.name.endswith(".png")
    assert response["Content-Type"] == "image/png"


def test_a_drafts_attachment_is_not_found_by_anonymous_visitors(client, draft_attachment):
    assert client.get(draft_attachment.get_absolute_url()).status_code == 404


def test_a_drafts_attachment_is_not_found_by_another_contributor(client, draft_attachment):
    client.force_login(UserFactory())
    assert client.get(draft_attachment.get_absolute_url()).status_code == 404


def test_a_drafts_attachment_downloads_for_its_submitter_privately(client, draft_attachment):
    client.force_login(draft_attachment.initiative.submitted_by)
    response = client.get(draft_attachment.get_absolute_url())
    assert response.status_code == 200
    assert body(response) == PDF
    assert "private" in response["Cache-Control"]


def test_a_drafts_attachment_downloads_for_a_curator(client, curator, draft_attachment):
    client.force_login(curator)
    response = client.get(draft_attachment.get_absolute_url())
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_an_attachment_under_another_examples_address_is_not_found(client, published_attachment):
    other = InitiativeFactory(published=True)
    url = reverse(
        "initiatives:attachment", kwargs={"slug": other.slug, "pk": published_attachment.pk}
    )
    assert client.get(url).status_code == 404


def test_the_attachment_view_refuses_post(client, published_attachment):
    assert client.post(published_attachment.get_absolute_url()).status_code == 405


# The admin: a curator adds a file through the example's change form and its inline.


def admin_form_data(response):
    """What the browser would send back for the admin change page, unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(getattr(item, "pk", item)) for item in value]
            else:
                data[field.html_name] = str(getattr(value, "pk", value))
    return data


def add_in_admin(client, curator, name, content):
    initiative = InitiativeFactory(published=True)
    client.force_login(curator)
    url = reverse("admin:initiatives_initiative_change", args=[initiative.pk])
    data = admin_form_data(client.get(url))
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "Fil",
            "attachments-0-licence": "cc-by-4.0",
            "attachments-0-file": SimpleUploadedFile(name, content),
        }
    )
    return client.post(url, data)


def test_a_curator_adds_a_pdf_in_the_admin(client, curator):
    response = add_in_admin(client, curator, "folder.pdf", PDF)
    assert response.status_code == 302
    assert Attachment.objects.get().file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<!doctype html><script>alert(1)</script>"),
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("side.pdf", b"<html><body><script>alert(1)</script></body></html>"),
    ],
)
def test_a_curator_cannot_attach_html_or_svg_in_the_admin(client, curator, name, content):
    response = add_in_admin(client, curator, name, content)
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][1].formset.errors[0]["file"]
    assert not Attachment.objects.exists()


def test_the_model_field_refuses_a_web_page_whatever_path_saves_it():
    attachment = Attachment(
        initiative=InitiativeFactory(),
        title="Side",
        file=SimpleUploadedFile("side.pdf", b"<html><script>alert(1)</script></html>"),
    )
    with pytest.raises(ValidationError) as refusal:
        attachment.full_clean()
    assert [error.code for error in refusal.value.error_dict["file"]] == ["type"]


def test_an_unproven_file_is_stored_without_an_extension():
    attachment = AttachmentFactory(file=SimpleUploadedFile("side.html", b"<html></html>"))
    assert "." not in attachment.file.name.rsplit("/", 1)[1]
