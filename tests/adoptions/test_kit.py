"""The reuse kit: one zip per published example with its summary and the files anyone may pass on.

The Danish headings and file names come from the compiled Danish catalogue
(`make messages`); the English kit needs none.
"""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from adoptions import kit
from initiatives.models import Attachment, Initiative
from opendata import licence
from portal.demo import load_demo
from tests.factories import AttachmentFactory, InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db

Licence = Attachment.Licence
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DEMO = "bogpakke-i-udsatte-omraader"
HEADINGS_DA = [
    "Målgruppe",
    "Metode: hvad der gøres",
    "Implementering: sådan kommer du i gang",
    "Effekt: resultater og evidens",
    "Økonomi: udgifter",
]
HEADINGS_EN = [
    "Target group",
    "Method: what is done",
    "Implementation: how to get started",
    "Effect: outcomes and evidence",
    "Economy: costs",
]
CONTACT = {"contact_name": "Kirsten Kontaktsen", "contact_email": "kirsten@bibliotek.example"}


def kit_url(example, language="da"):
    with translation.override(language):
        return reverse("adoptions:kit", kwargs={"slug": example.slug})


def download(client, example, language="da"):
    response = client.get(kit_url(example, language))
    assert response.status_code == 200, response
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def text(archive, name):
    return archive.read(name).decode("utf-8")


def h2s(html):
    return [re.sub(r"\s+", " ", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]


def attach(example, title, licence, data=PDF, name="fil.pdf"):
    return AttachmentFactory(
        initiative=example, title=title, licence=licence, file=SimpleUploadedFile(name, data)
    )


@pytest.fixture
def demo_example():
    """A demo example with one attachment under each licence: three CC, one all rights reserved."""
    load_demo()
    example = Initiative.objects.get(slug=DEMO)
    attach(example, "Folder til forældre", Licence.CC_BY, PDF + b"by")
    attach(example, "Plakat", Licence.CC0, PNG, "plakat.png")
    attach(example, "Spørgeskema", Licence.CC_BY_SA, PDF + b"sa")
    attach(example, "Samarbejdsaftale", Licence.ALL_RIGHTS, PDF + b"arr")
    return example


@pytest.fixture
def example():
    return InitiativeFactory(published=True, slug="laeseklub", **CONTACT)


# The done-when of issue 17.


def test_a_demo_examples_kit_has_the_five_headings_and_exactly_its_cc_files(client, demo_example):
    archive = download(client, demo_example)

    summary = text(archive, "sammendrag.html")
    assert [h for h in h2s(summary) if h in HEADINGS_DA] == HEADINGS_DA
    files = {n: archive.read(n) for n in archive.namelist() if n.startswith("bilag/")}
    assert files == {
        "bilag/folder-til-foraeldre.pdf": PDF + b"by",
        "bilag/plakat.png": PNG,
        "bilag/spoergeskema.pdf": PDF + b"sa",
    }


def test_a_file_with_all_rights_reserved_is_listed_but_left_out(client, demo_example):
    archive = download(client, demo_example)

    assert not any("samarbejdsaftale" in name for name in archive.namelist())
    for name in ("sammendrag.html", "LAES-MIG.txt"):
        assert "Samarbejdsaftale" in text(archive, name)


def test_the_kit_holds_the_summary_twice_and_nothing_else_beside_the_files(client, demo_example):
    names = download(client, demo_example).namelist()

    assert {n for n in names if not n.startswith("bilag/")} == {"sammendrag.html", "LAES-MIG.txt"}


def test_the_plain_text_summary_has_the_five_headings_in_order(client, demo_example):
    readme = text(download(client, demo_example), "LAES-MIG.txt")

    found = re.findall(r"^== (.+) ==$", readme, flags=re.MULTILINE)
    assert [h for h in found if h in HEADINGS_DA] == HEADINGS_DA


def test_each_dimension_shows_its_knowledge_level_and_justification(client, demo_example):
    summary = text(download(client, demo_example), "sammendrag.html")

    effect = summary.split('id="effect-title"')[1].split("<h2")[0]
    assert "A – dokumenteret og afprøvet" in effect
    assert "Evalueringen fra Syddansk Universitet" in effect


def test_the_summary_links_the_examples_page_on_the_portal(client, settings, example):
    settings.SITE_URL = "https://gode-eksempler.example"

    archive = download(client, example)

    page = "https://gode-eksempler.example/eksempler/laeseklub/"
    assert f'href="{page}"' in text(archive, "sammendrag.html")
    assert page in text(archive, "LAES-MIG.txt")


# Licences.


def test_the_summary_says_which_files_are_in_the_kit_and_which_to_ask_for(client, demo_example):
    summary = text(download(client, demo_example, "en"), "summary.html")

    rows = dict(
        re.findall(
            r"<tr>\s*<th scope=\"row\"><a [^>]*>([^<]+)</a>.*?</td>\s*<td>(.*?)</td>", summary, re.S
        )
    )
    assert rows == {
        "Folder til forældre": "Included: attachments/folder-til-foraeldre.pdf",
        "Plakat": "Included: attachments/plakat.png",
        "Samarbejdsaftale": "Listed but not included: all rights reserved. "
        "Ask the owner before you reuse it.",
        "Spørgeskema": "Included: attachments/spoergeskema.pdf",
    }


def test_the_summarys_own_text_is_shared_under_the_portals_licence(client, example):
    summary = text(download(client, example, "en"), "summary.html")

    assert f'<a href="{licence.URL}">{licence.NAME}</a>' in summary
    assert (kit.LICENCE_URLS[kit.TEXT_LICENCE], kit.TEXT_LICENCE_NAME) == (
        licence.URL,
        licence.NAME,
    )


def test_a_shared_file_missing_from_the_disk_is_listed_as_missing(client, example):
    gone = attach(example, "Forsvundet folder", Licence.CC_BY)
    gone.file.storage.delete(gone.file.name)
    attach(example, "Plakat", Licence.CC0, PNG, "plakat.png")

    archive = download(client, example, "en")

    assert [n for n in archive.namelist() if n.startswith("attachments/")] == [
        "attachments/plakat.png"
    ]
    assert "Missing: the file could not be read." in text(archive, "summary.html")


def test_files_with_the_same_title_get_names_of_their_own(client, example):
    attach(example, "Folder", Licence.CC_BY, PDF + b"1")
    attach(example, "Folder", Licence.CC_BY, PDF + b"2")

    archive = download(client, example)

    names = sorted(n for n in archive.namelist() if n.startswith("bilag/"))
    assert names == ["bilag/folder-2.pdf", "bilag/folder.pdf"]
    assert {archive.read(n) for n in names} == {PDF + b"1", PDF + b"2"}


def test_a_title_cannot_name_a_path_outside_the_folder(client, example):
    attach(example, "../../etc/passwd", Licence.CC_BY)

    names = download(client, example).namelist()

    assert names[0] == "bilag/etcpasswd.pdf"
    assert all(".." not in name and not name.startswith("/") for name in names)


def test_unpacked_files_can_be_read_by_anyone_on_the_computer(client, demo_example):
    archive = download(client, demo_example)

    assert {info.external_attr >> 16 for info in archive.infolist()} == {0o100644}


# The contact person is personal data: for signed-in users only.


def test_an_anonymous_kit_names_no_contact_person(client, example):
    archive = download(client, example)

    for name in ("sammendrag.html", "LAES-MIG.txt"):
        summary = text(archive, name)
        assert CONTACT["contact_email"] not in summary
        assert CONTACT["contact_name"] not in summary
        assert reverse("account_login", query={"next": example.get_absolute_url()}) in summary


def test_an_anonymous_kit_gives_the_lead_organisations_public_address(client, example):
    example.lead_organisation.email = "info@bibliotek.example"
    example.lead_organisation.save()

    assert "info@bibliotek.example" in text(download(client, example), "LAES-MIG.txt")


def test_a_signed_in_users_kit_names_the_contact_person(client, example):
    client.force_login(UserFactory())

    archive = download(client, example)

    for name in ("sammendrag.html", "LAES-MIG.txt"):
        assert CONTACT["contact_email"] in text(archive, name)
        assert CONTACT["contact_name"] in text(archive, name)


def test_a_signed_in_users_kit_is_private(client, example):
    client.force_login(UserFactory())

    response = client.get(kit_url(example))

    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_kit_fetched_signed_in_is_never_served_to_an_anonymous_visitor(client, example):
    signed_in = client.__class__()
    signed_in.force_login(UserFactory())
    download(signed_in, example)

    summary = text(download(client, example), "sammendrag.html")

    assert CONTACT["contact_email"] not in summary


# Who gets a kit, and how.


def test_the_kit_downloads_as_a_named_zip_attachment(client, example):
    response = client.get(kit_url(example))

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="genbrugspakke-laeseklub.zip"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_english_kit_has_english_headings_and_names(client, demo_example):
    response = client.get(kit_url(demo_example, "en"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))

    assert response["Content-Disposition"] == (
        f'attachment; filename="reuse-kit-{demo_example.slug}.zip"'
    )
    assert {"summary.html", "README.txt"} <= set(archive.namelist())
    summary = text(archive, "summary.html")
    assert '<html lang="en">' in summary
    assert [h for h in h2s(summary) if h in HEADINGS_EN] == HEADINGS_EN


def test_the_danish_kit_is_in_danish(client, example):
    assert '<html lang="da">' in text(download(client, example), "sammendrag.html")


@pytest.mark.parametrize("state", [s for s in Initiative.State if s != Initiative.State.PUBLISHED])
def test_an_example_that_is_not_published_has_no_kit(client, state):
    example = InitiativeFactory(state=state)

    assert client.get(kit_url(example)).status_code == 404


def test_not_even_the_submitter_gets_a_kit_of_their_draft(client):
    draft = InitiativeFactory()
    client.force_login(draft.submitted_by)

    assert client.get(kit_url(draft)).status_code == 404


def test_an_unknown_example_has_no_kit(client):
    assert client.get("/eksempler/findes-ikke/genbrugspakke.zip").status_code == 404


def test_the_kit_answers_head_and_refuses_post(client, example):
    assert client.head(kit_url(example)).status_code == 200
    assert client.post(kit_url(example)).status_code == 405


def test_one_client_cannot_download_kits_without_end(client, example, monkeypatch):
    monkeypatch.setattr(kit, "KITS_PER_CLIENT", 2)

    statuses = [client.get(kit_url(example)).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_the_kits_queries_do_not_grow_with_its_attachments(client, example):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            download(client, example)
        return len(captured)

    attach(example, "Folder", Licence.CC_BY)
    one = queries()
    for n in range(5):
        attach(example, f"Bilag {n}", [Licence.CC_BY, Licence.ALL_RIGHTS][n % 2])

    assert queries() == one <= 6


def test_an_example_with_little_filled_in_still_gets_a_kit(client):
    bare = InitiativeFactory(published=True, lead_organisation=None, description="")

    summary = text(download(client, bare, "en"), "summary.html")

    assert "The example has no attachments." in summary
    assert [h for h in h2s(summary) if h in HEADINGS_EN] == HEADINGS_EN
