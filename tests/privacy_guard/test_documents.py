"""The text of attachments (portal.lib.documenttext): PDF, Word and OpenDocument, within limits."""

import io
import zipfile

from portal.lib import documenttext
from portal.lib.documenttext import document_text
from tests.privacy_guard.documents import docx_with_text, odt_with_text, pdf_with_text


def read(data, extension):
    return document_text(io.BytesIO(data), extension)


def test_a_pdfs_text_is_read():
    assert "Eleven hedder Sofie" in read(pdf_with_text("Eleven hedder Sofie"), ".pdf")


def test_a_word_documents_paragraphs_are_read_as_lines():
    assert read(docx_with_text("Første linje", "Anden & sidste"), ".docx").split("\n")[:2] == [
        "Første linje",
        "Anden & sidste",
    ]


def test_a_word_that_word_split_into_runs_is_read_whole():
    assert "010203-1234" in read(docx_with_text("CPR 010203-1234", runs_split=True), ".docx")


def test_an_opendocument_texts_paragraphs_are_read():
    assert "Ring på 22 33 44 55" in read(odt_with_text("Ring på 22 33 44 55"), ".odt")


def test_images_and_unknown_types_have_no_text():
    assert read(b"\x89PNG\r\n\x1a\n", ".png") == ""
    assert read(b"anything", ".exe") == ""


def test_a_damaged_file_gives_no_text_and_no_error():
    assert read(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", ".pdf") == ""
    assert read(b"PK\x03\x04 not a zip", ".docx") == ""


def test_a_file_over_the_size_limit_is_not_read(monkeypatch):
    monkeypatch.setattr(documenttext, "MAX_BYTES", 100)
    assert read(pdf_with_text("Eleven hedder Sofie"), ".pdf") == ""


def test_a_member_that_unpacks_to_much_is_read_only_so_far(monkeypatch):
    monkeypatch.setattr(documenttext, "MAX_MEMBER_BYTES", 1000)
    text = read(docx_with_text("x" * 50_000, "010203-1234"), ".docx")
    assert len(text) < 1000
    assert "010203-1234" not in text


def test_an_entity_declared_in_the_document_is_never_expanded():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "010203-1234">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document><w:p><w:t>&b;</w:t></w:p></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", laughs)
    assert "010203-1234" not in read(buffer.getvalue(), ".docx")
