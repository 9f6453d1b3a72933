"""Hostile files through the submission form and the admin: web pages and SVG with
script, polyglots, zip bombs dressed as .docx and .odt, tricks in file names, and
bodies over the limit.

Covered elsewhere, not repeated: the upload checks on their own with memory
measured (tests/initiatives/test_uploads.py), HTML and SVG refused in the admin's
inline (tests/initiatives/test_attachments.py), and a 300 MB or chunked body refused
unread (tests/portal/test_limits.py). Here the same attacks go through the views.
"""

import io
import re
import tracemalloc
import zipfile

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives import uploads
from initiatives.models import Attachment, Initiative
from tests.factories import InitiativeFactory
from tests.initiatives.test_submission import form_data
from tests.portal.test_limits import EndlessBody, post_body
from tests.security.helpers import body

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
SCRIPT = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
STORED = re.compile(r"^attachments/[0-9a-f]{32}\.[a-z]{3,4}$")

HOSTILE = [
    ("side.html", SCRIPT),
    ("side.htm", b"\xef\xbb\xbf" + SCRIPT),
    ("billede.svg", SVG),
    ("billede.svg", b'<?xml version="1.0"?>' + SVG),
    ("folder.pdf", SCRIPT),
    ("folder.pdf", b"   %PDF-1.4" + SCRIPT),  # a header not at the start proves nothing
    ("side.xhtml", b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'/>"),
]
# Files whose first bytes are a real type's, followed by a web page.
POLYGLOTS = [
    ("gifar.html", b"GIF89a" + SCRIPT),
    ("pdf.html", b"%PDF-1.4\n" + SCRIPT),
    ("billede.svg", b"\x89PNG\r\n\x1a\n" + SVG),
]
NAMES = [
    "../../x.pdf",
    "..\\..\\x.pdf",
    "/etc/passwd",
    "x.pdf\x00.html",
    "\x00",
    ".htaccess",
    "a" * 300 + ".pdf",
    "læseklub – “folder” 📄.pdf",
    "\u202efdp.exe",  # right-to-left override: shows as exe.pdf
    "CON.pdf",
    "x.pdf;.html",
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def signed_in(client, verified_user):
    client.force_login(verified_user)
    return client


def submit_file(client, taxonomy, name, content):
    data = form_data(
        taxonomy,
        action="draft",
        **{
            "attachments-0-title": "Fil",
            "attachments-0-file": SimpleUploadedFile(name, content),
        },
    )
    return client.post(reverse("initiatives:submit"), data)


def assert_served_safely(client, attachment):
    assert STORED.match(attachment.file.name), attachment.file.name
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] in uploads.CONTENT_TYPES.values()
    assert "html" not in response["Content-Type"] and "svg" not in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_form_refuses_a_web_page_or_svg_whatever_its_name(signed_in, taxonomy):
    for name, content in HOSTILE:
        response = submit_file(signed_in, taxonomy, name, content)
        assert response.status_code == 200
        assert response.context["attachments"].forms[0].errors["file"], name
    assert not Attachment.objects.exists()


def test_a_polyglot_through_the_form_is_refused_or_served_only_as_its_proven_type(
    signed_in, taxonomy
):
    for name, content in POLYGLOTS:
        cache.clear()  # the limit on new examples per hour
        assert submit_file(signed_in, taxonomy, name, content).status_code in {200, 302}
    assert Attachment.objects.count() == len(POLYGLOTS)
    for attachment in Attachment.objects.all():
        assert_served_safely(signed_in, attachment)


def test_a_tricky_file_name_through_the_form_is_stored_under_a_generated_name(
    signed_in, taxonomy, settings
):
    for name in NAMES:
        cache.clear()
        assert submit_file(signed_in, taxonomy, name, PDF).status_code in {200, 302}, name
    # Refused: a name of NUL only (no name), and one over 200 characters (the field's
    # max_length is checked on the name as uploaded, though it is never stored).
    assert Attachment.objects.count() == len(NAMES) - 2
    for attachment in Attachment.objects.all():
        assert_served_safely(signed_in, attachment)
    stored = {p.relative_to(settings.MEDIA_ROOT).as_posix() for p in settings.MEDIA_ROOT.rglob("*")}
    assert stored <= {"attachments"} | {a.file.name for a in Attachment.objects.all()}
    assert not (settings.MEDIA_ROOT.parent / "x.pdf").exists()


def admin_add(client, name, content):
    initiative = InitiativeFactory(published=True)
    return client.post(
        reverse("admin:initiatives_attachment_add"),
        {
            "initiative": initiative.pk,
            "title": "Fil",
            "licence": "cc-by-4.0",
            "file": SimpleUploadedFile(name, content),
        },
    )


def test_the_admins_attachment_page_refuses_a_web_page_or_svg(client_for):
    client = client_for("curator")
    for name, content in HOSTILE:
        response = admin_add(client, name, content)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["file"], name
    assert not Attachment.objects.exists()


def test_a_polyglot_or_tricky_name_through_the_admin_is_stored_and_served_safely(client_for):
    client = client_for("curator")
    for name, content in POLYGLOTS + [(name, PDF) for name in NAMES]:
        assert admin_add(client, name, content).status_code in {200, 302}, name
    assert Attachment.objects.count() == len(POLYGLOTS) + len(NAMES) - 2
    for attachment in Attachment.objects.all():
        assert_served_safely(client, attachment)


# Zip bombs: a megabyte that unpacks to hundreds, refused with flat memory.


def bomb(kind):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        if kind == "odt":
            with archive.open("mimetype", "w") as member:
                member.write(b"application/vnd.oasis.opendocument.text")
                for _ in range(200):
                    member.write(b" " * MB)
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            with archive.open("word/document.xml", "w") as member:
                for _ in range(300):
                    member.write(b" " * MB)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bombs():
    return {"docx": bomb("docx"), "odt": bomb("odt")}


def peak_while(post):
    tracemalloc.start()
    try:
        response = post()
        return response, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_a_zip_bomb_through_the_form_is_refused_with_flat_memory(signed_in, taxonomy, bombs, kind):
    content = bombs[kind]
    assert len(content) < 2 * MB
    response, peak = peak_while(
        lambda: submit_file(signed_in, taxonomy, f"rapport.{kind}", content)
    )
    assert response.status_code == 200
    assert response.context["attachments"].forms[0].errors["file"]
    assert peak < 50 * MB
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_a_zip_bomb_through_the_admin_is_refused_with_flat_memory(client_for, bombs, kind):
    client = client_for("curator")
    response, peak = peak_while(lambda: admin_add(client, f"rapport.{kind}", bombs[kind]))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert peak < 50 * MB
    assert not Attachment.objects.exists()


# A body over the limit, on every endpoint that takes one, is refused before it is read.


@pytest.mark.parametrize("who", ["anonymous", "contributor", "curator"])
def test_every_endpoint_refuses_a_body_over_the_limit_unread(client_for, world, who):
    client = client_for(who)
    paths = [
        reverse("initiatives:submit"),
        reverse("initiatives:edit", kwargs={"slug": world["draft"].slug}),
        reverse("initiatives:send", kwargs={"slug": world["draft"].slug}),
        reverse("accounts:profile"),
        reverse("accounts:delete"),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        reverse("admin:initiatives_initiative_changelist"),
        reverse("admin:initiatives_initiative_change", args=[world["draft"].pk]),
        reverse("admin:initiatives_attachment_add"),
    ]
    read = {}
    for path in paths:
        upload = EndlessBody(300 * MB)
        response = post_body(client, path, upload, CONTENT_LENGTH=str(300 * MB))
        read[path] = (response.status_code, upload.read_so_far)
    assert read == dict.fromkeys(paths, (413, 0))


def test_a_body_that_lies_about_its_length_is_read_no_further_than_it_says(
    signed_in, verified_user
):
    # The WSGI server hands the app at most Content-Length bytes; a longer body is cut.
    upload = EndlessBody(300 * MB)
    response = post_body(signed_in, reverse("initiatives:submit"), upload, CONTENT_LENGTH=str(MB))
    assert response.status_code < 500
    assert upload.read_so_far <= MB + 64 * 1024
    assert body(response)
