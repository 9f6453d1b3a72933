"""What an uploaded attachment really is, read from its first bytes, not its name.

Only what partners share for reuse is accepted: PDF, images and office
documents (OOXML, OpenDocument and the old binary Office formats).
"""

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_SIZE = 10 * 1024 * 1024

# (magic prefix, allowed extensions)
_SIGNATURES = [
    (b"%PDF-", {".pdf"}),
    (b"\x89PNG\r\n\x1a\n", {".png"}),
    (b"\xff\xd8\xff", {".jpg", ".jpeg"}),
    (b"GIF87a", {".gif"}),
    (b"GIF89a", {".gif"}),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", {".doc", ".xls", ".ppt"}),
]
_ZIP = b"PK\x03\x04"
_OOXML = {"word/": ".docx", "xl/": ".xlsx", "ppt/": ".pptx"}
_ODF = {
    b"application/vnd.oasis.opendocument.text": ".odt",
    b"application/vnd.oasis.opendocument.spreadsheet": ".ods",
    b"application/vnd.oasis.opendocument.presentation": ".odp",
}
ACCEPT = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"


def sniff(upload):
    """Return the extension that the file's content proves, or None.

    The old binary Office formats share one signature; there the name's
    extension decides among .doc, .xls and .ppt.
    """
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    named = PurePath(upload.name or "").suffix.lower()
    for prefix, extensions in _SIGNATURES:
        if head.startswith(prefix):
            return named if named in extensions else sorted(extensions)[0]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    if head.startswith(_ZIP):
        return _sniff_zip(upload)
    return None


def _sniff_zip(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                return _ODF.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                for prefix, extension in _OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return extension
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        upload.seek(0)
    return None


def validate_attachment(upload):
    """Refuse files that are too big or not an accepted type; return the true extension.

    The caller stores the file under that extension, never the one in the
    name, so a web page named .pdf cannot come back as a web page.
    """
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_big",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_SIZE)},
        )
    extension = sniff(upload)
    if extension is None:
        raise ValidationError(
            _(
                "This file is not a PDF, an image or an office document "
                "(its content was checked, not its name)."
            ),
            code="type",
        )
    return extension
