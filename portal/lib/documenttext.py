"""The text of an uploaded document, read within limits, for the privacy guard.

PDF through pypdf; Word (.docx) from word/document.xml and OpenDocument
(.odt, .ods, .odp) from content.xml. Anything else (images, the old binary
Office formats, presentations and spreadsheets in OOXML) gives "".

An upload is untrusted: a PDF can be built to make a parser work for
minutes, and a small zip can unpack to gigabytes. So at most MAX_BYTES of the
file, MAX_PAGES pages of a PDF, MAX_MEMBER_BYTES of an XML member and
MAX_CHARS of text are read. The XML is never parsed: its tags are dropped and
only the five predefined entities and character references are decoded, so
an entity declared in a DTD (the "billion laughs" attack) is never expanded.
A file that cannot be read gives "" and never an error: the guard warns, it
does not refuse uploads (initiatives.uploads does that).

Pure: imports no app.
"""

import html
import logging
import re
import zipfile
import zlib
from io import BytesIO

MAX_BYTES = 12 * 1024 * 1024  # a little over the upload limit (initiatives.uploads)
MAX_PAGES = 50
MAX_MEMBER_BYTES = 4 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_CHARS = 200_000

_XML_MEMBERS = {
    ".docx": "word/document.xml",
    ".odt": "content.xml",
    ".ods": "content.xml",
    ".odp": "content.xml",
}
# Where a line ends in Word's and OpenDocument's XML, and where a space stands.
_BREAKS = re.compile(rb"</w:p>|<w:br\s*/>|<w:cr\s*/>|</text:p>|</text:h>|<text:line-break\s*/>")
_SPACES = re.compile(rb"<w:tab\s*/>|<text:s\b[^>]*/>|<text:tab\s*/>|</table:table-cell>")
_TAG = re.compile(rb"<[^>]*>?")

logger = logging.getLogger(__name__)


def document_text(file, extension):
    """The text of `file` (a binary file object) as a document of type `extension` (".pdf")."""
    extension = (extension or "").lower()
    if extension != ".pdf" and extension not in _XML_MEMBERS:
        return ""
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return ""
    if extension == ".pdf":
        return _pdf_text(data)[:MAX_CHARS]
    return _xml_text(_zip_member(data, _XML_MEMBERS[extension]))[:MAX_CHARS]


def _pdf_text(data):
    from pypdf import PdfReader  # imported when needed: most saves read no PDF

    pages = []
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            return ""
        for page in reader.pages[:MAX_PAGES]:
            pages.append(page.extract_text() or "")
            if sum(map(len, pages)) > MAX_CHARS:
                break
    # pypdf raises many kinds of error on a damaged or hostile file; any of
    # them means only that this file's text is not read.
    except Exception as error:
        logger.info("The text of a PDF could not be read: %r", error)
    return "\n".join(pages)


def _zip_member(data, name):
    """The first MAX_MEMBER_BYTES of the member, unpacked; b"" if the zip is not readable."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            if len(archive.infolist()) > MAX_MEMBERS:
                return b""
            with archive.open(name) as member:
                return member.read(MAX_MEMBER_BYTES)
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, EOFError, ValueError, RuntimeError):
        return b""


def _xml_text(xml):
    xml = _BREAKS.sub(b"\n", xml)
    xml = _SPACES.sub(b" ", xml)
    text = _TAG.sub(b"", xml).decode("utf-8", "replace")
    return html.unescape(text)
