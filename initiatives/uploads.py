"""What an uploaded attachment really is, read from its first bytes, not its name.

Only what partners share for reuse is accepted: PDF, images and office
documents (OOXML, OpenDocument and the old binary Office formats).
"""

import struct
import uuid
import zipfile
from pathlib import PurePath
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.lib.text import danish_slugify

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
# Photos: an example with these may show people (Initiative.needs_photo_consent).
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp")
ACCEPT = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"

# The type each accepted extension is served as. Fixed here, never taken from the
# upload, so a file can only ever come back as one of these.
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}

# Zip bombs: an office file is a zip, and a small zip can unpack to gigabytes or
# hold millions of entries. Real documents have tens to hundreds of members and
# unpack to a few times their size; these limits are far above that.
MAX_MEMBERS = 5000
MAX_DIRECTORY = 1024 * 1024  # bytes of central directory, read before any entry is parsed
MAX_UNPACKED = 200 * 1024 * 1024  # the members' declared sizes together
MEMBER_READ = 4096  # the most read (unpacked) from any one member
_END_OF_DIRECTORY = b"PK\x05\x06"


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
    """The office type a zip proves, or None; refuses bombs without unpacking them.

    The declared sizes are only used to refuse: what is read is capped by
    MEMBER_READ whatever a member claims to hold.
    """
    try:
        if not _directory_is_small(upload):
            return None
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                return None
            if sum(member.file_size for member in members) > MAX_UNPACKED:
                return None
            names = {member.filename for member in members}
            if "mimetype" in names:
                return _ODF.get(_read_member(archive, "mimetype").strip())
            if "[Content_Types].xml" in names:
                for prefix, extension in _OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return extension
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, ValueError, struct.error):
        return None
    finally:
        upload.seek(0)
    return None


def _directory_is_small(upload):
    """True if the zip's central directory is within MAX_MEMBERS and MAX_DIRECTORY.

    Read from the end-of-directory record before zipfile parses every entry
    into memory. Zip64 archives are refused: no document under the size limit
    needs them.
    """
    upload.seek(0, 2)
    size = upload.tell()
    tail_size = min(size, 22 + 65535)  # the record, after at most a 64 KB comment
    upload.seek(size - tail_size)
    tail = upload.read(tail_size)
    at = tail.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(tail) < at + 22:
        return False
    entries, directory_size = struct.unpack("<HI", tail[at + 10 : at + 16])
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF:
        return False
    return entries <= MAX_MEMBERS and directory_size <= MAX_DIRECTORY


def _read_member(archive, name):
    """The member's content if it is at most MEMBER_READ bytes unpacked; else b""."""
    with archive.open(name) as member:
        data = member.read(MEMBER_READ + 1)
    return data if len(data) <= MEMBER_READ else b""


def validate_attachment(upload):
    """Refuse files that are too big or not an accepted type; return the true extension.

    The validator of Attachment.file, so every way in (the submission form, the
    admin, any later API) runs it. The file is stored under the extension its
    content proves (see stored_name), never the one in its name, so a web page
    named .pdf cannot come back as a web page. A file already stored was
    checked when it came in and is not read again.
    """
    if getattr(upload, "_committed", False):
        return None
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


def stored_name(upload):
    """attachments/<random>.<the extension the content proves>; no extension if none is."""
    return f"attachments/{uuid.uuid4().hex}{sniff(upload) or ''}"


def content_disposition(title, extension):
    """A download header naming the file after its title, for old and new browsers.

    filename= is a plain ASCII slug (æ/ø/å as ae/oe/aa); filename*= is the
    title in UTF-8 (RFC 6266), percent-encoded, so no quote, slash or line
    break in a title can break out of the header or name a path.
    """
    extension = extension if extension in CONTENT_TYPES else ""
    words = "".join(c if c.isprintable() and c not in '\\/:*?"<>|' else " " for c in title)
    name = " ".join(words.split())[:100].strip(" .") or "fil"
    ascii_name = danish_slugify(name)[:100] or "fil"
    return (
        f'attachment; filename="{ascii_name}{extension}"; '
        f"filename*=UTF-8''{quote(name + extension, safe='')}"
    )
