"""Archive checks refuse zip bombs while the memory they use stays flat."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from initiatives import uploads

MB = 1024 * 1024
# Well under what the unpacked bombs would take, well over what a check needs.
MEMORY_CEILING = 50 * MB


def bomb(members, *, unpacked=300 * MB):
    """A zip whose last member is `unpacked` bytes of spaces, written without holding them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        with archive.open("payload", "w", force_zip64=False) as member:
            chunk = b" " * MB
            for _ in range(unpacked // MB):
                member.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def odt_bomb():
    """An .odt whose mimetype member unpacks to hundreds of megabytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("mimetype", "w") as member:
            member.write(b"application/vnd.oasis.opendocument.text")
            chunk = b" " * MB
            for _ in range(300):
                member.write(chunk)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def docx_bomb():
    return bomb({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def peak_memory_while_checking(content, name):
    upload = SimpleUploadedFile(name, content)
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refusal:
            uploads.validate_attachment(upload)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refusal.value.code == "type"
    return peak


def test_an_odt_whose_mimetype_unpacks_to_hundreds_of_megabytes_is_refused(odt_bomb):
    assert len(odt_bomb) < 2 * MB
    assert peak_memory_while_checking(odt_bomb, "bombe.odt") < MEMORY_CEILING


def test_a_docx_that_unpacks_to_hundreds_of_megabytes_is_refused(docx_bomb):
    assert len(docx_bomb) < 2 * MB
    assert peak_memory_while_checking(docx_bomb, "bombe.docx") < MEMORY_CEILING


def test_an_odt_with_a_long_mimetype_is_refused_whatever_it_declares(monkeypatch):
    # Declared sizes are not trusted: with the declared-size limit out of the way,
    # the capped read still refuses a mimetype member longer than a few kilobytes.
    monkeypatch.setattr(uploads, "MAX_UNPACKED", 10**12)
    content = bomb({"mimetype": b"application/vnd.oasis.opendocument.text" + b" " * 10_000})
    upload = SimpleUploadedFile("lang.odt", content)
    with pytest.raises(ValidationError):
        uploads.validate_attachment(upload)


def test_an_archive_with_an_absurd_number_of_members_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(uploads.MAX_MEMBERS):
            archive.writestr(f"word/{number}", b"")
    with pytest.raises(ValidationError):
        uploads.validate_attachment(SimpleUploadedFile("mange.docx", buffer.getvalue()))


@pytest.mark.parametrize(
    ("name", "members", "extension"),
    [
        ("brev.odt", {"mimetype": "application/vnd.oasis.opendocument.text"}, ".odt"),
        ("ark.xlsx", {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}, ".xlsx"),
    ],
)
def test_real_office_documents_still_pass(name, members, extension):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    assert uploads.validate_attachment(SimpleUploadedFile(name, buffer.getvalue())) == extension
