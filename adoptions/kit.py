"""The reuse kit ("Hent genbrugspakke"): one zip with what it takes to copy a published example.

Inside are a printable summary of the example, as a web page and as plain
text, in the language of the request, and the attachments whose licence lets
anyone pass them on (CC BY, CC BY-SA, CC0). Files with all rights reserved
are listed in the summary but left out: their owner must be asked first.

The contact person is personal data. A signed-in user's kit names them, as
the example's page does, and is kept private. An anonymous kit leaves them
out and depends on the address alone, so shared caches may keep it.
"""

import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from initiatives import knowledge, uploads
from initiatives.models import Attachment, Initiative
from portal.lib import clients, ratelimit
from portal.lib.text import danish_slugify

Licence = Attachment.Licence

# A kit reads every shared file of an example and zips it, far more work than
# a page: plenty for a person, too few for a script to keep the server busy.
KITS_PER_CLIENT = 30
KIT_PERIOD = 600

# The licences that let anyone pass a file on, and where each is explained.
# CC BY 4.0 is also the licence of the portal's own text (opendata.licence,
# which this app does not import).
LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}
TEXT_LICENCE, TEXT_LICENCE_NAME = Licence.CC_BY, "CC BY 4.0"

# The names in and of the zip, in the language of the request.
NAMES = {
    "da": {
        "kit": "genbrugspakke",
        "summary": "sammendrag.html",
        "readme": "LAES-MIG.txt",
        "folder": "bilag",
    },
    "en": {
        "kit": "reuse-kit",
        "summary": "summary.html",
        "readme": "README.txt",
        "folder": "attachments",
    },
}

# A kit up to this size is built in memory; a bigger one spills to a temporary
# file, so that a few kits of ten-megabyte attachments do not fill the memory.
IN_MEMORY = 2 * 1024 * 1024
CHUNK = 64 * 1024
# Images and office documents (zips themselves) shrink no further: stored as they are.
COMPRESSED = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"}
)


@dataclass
class Item:
    """One attachment's row in the summary: where it is in the zip, or why it is not there."""

    attachment: Attachment
    url: str  # its download on the portal
    path: str = ""  # inside the zip, once included
    missing: bool = False  # shared, but the file could not be read

    @property
    def shared(self):
        return self.attachment.licence in LICENCE_URLS

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.attachment.licence, "")


def published_example(slug):
    """The published example with everything its summary shows, in a fixed number of queries."""
    return get_object_or_404(
        Initiative.objects.published()
        .select_related("category", "lead_organisation", "partnership")
        .prefetch_related(
            "target_groups", "municipalities", "partner_organisations", "links", "attachments"
        ),
        slug=slug,
    )


def member_name(title, extension, taken):
    """A file name for the zip: the title in plain ASCII, unique among `taken` (which it joins).

    ASCII, because unzip tools on older Windows mangle other names, and the
    extension the content proved when the file came in, never the uploader's.
    """
    extension = extension if extension in uploads.CONTENT_TYPES else ""
    stem = danish_slugify(title)[:80].strip("-") or "fil"
    name, number = stem, 1
    while f"{name}{extension}" in taken:
        number += 1
        name = f"{stem}-{number}"
    taken.add(f"{name}{extension}")
    return f"{name}{extension}"


def _entry(path, when, extension=""):
    info = zipfile.ZipInfo(path, date_time=timezone.localtime(when).timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED if extension in COMPRESSED else zipfile.ZIP_DEFLATED
    # A plain rw-r--r-- file once unpacked; without it, unzip on Linux and macOS
    # makes a file nobody can read.
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def _add_attachments(archive, initiative, folder):
    """Copy each shared attachment into `folder`, a chunk at a time; return every attachment's Item.

    A shared file that cannot be read (gone from the disk or the bucket) is
    marked missing rather than failing the whole kit.
    """
    items, taken = [], set()
    for attachment in initiative.attachments.all():
        url = reverse(
            "initiatives:attachment", kwargs={"slug": initiative.slug, "pk": attachment.pk}
        )
        item = Item(attachment, url=settings.SITE_URL + url)
        items.append(item)
        if not item.shared:
            continue
        try:
            stored = attachment.file.open("rb")
        except (OSError, ValueError):  # ValueError: no file recorded at all
            item.missing = True
            continue
        path = f"{folder}/{member_name(attachment.title, attachment.extension, taken)}"
        with (
            stored,
            archive.open(_entry(path, attachment.created_at, attachment.extension), "w") as member,
        ):
            shutil.copyfileobj(stored, member, CHUNK)
        item.path = path
    return items


def summary_context(initiative, items, *, signed_in):
    """What both summaries show; the contact person only if `signed_in`."""
    page = reverse("initiatives:detail", kwargs={"slug": initiative.slug})
    language = get_language()
    return {
        "initiative": initiative,
        "language": language,
        # What people wrote is in Danish; marked so when the kit is in English (WCAG 3.1.2).
        "CONTENT_LANG": format_html(' lang="{}"', settings.LANGUAGE_CODE)
        if language != settings.LANGUAGE_CODE
        else "",
        "page_url": settings.SITE_URL + page,
        "login_url": settings.SITE_URL + reverse("account_login", query={"next": page}),
        "signed_in": signed_in,
        "known": {
            dimension.key: {
                "level": level,
                "words": knowledge.Level(level).label if level else "",
                "why": why,
            }
            for dimension, level, why in knowledge.declared(initiative)
        },
        "items": items,
        "text_licence": {"name": TEXT_LICENCE_NAME, "url": LICENCE_URLS[TEXT_LICENCE]},
        "site_url": settings.SITE_URL,
        "downloaded": timezone.localdate(),
    }


def plain_text(context):
    """The summary as plain text, with no runs of blank lines a template's tags leave behind."""
    text = render_to_string("adoptions/kit/readme.txt", context)
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def build(initiative, *, signed_in, names):
    """The kit as a zip in a temporary file, rewound for reading; the caller closes it."""
    kit = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 (FileResponse closes it)
    try:
        with zipfile.ZipFile(kit, "w", zipfile.ZIP_DEFLATED) as archive:
            items = _add_attachments(archive, initiative, names["folder"])
            context = summary_context(initiative, items, signed_in=signed_in)
            now = timezone.now()
            html = render_to_string("adoptions/kit/summary.html", context)
            archive.writestr(_entry(names["summary"], now), html.encode())
            archive.writestr(_entry(names["readme"], now), plain_text(context).encode())
    except BaseException:
        kit.close()
        raise
    kit.seek(0)
    return kit


def _too_many():
    response = HttpResponse(
        _("Too many downloads in a short time. Try again in a few minutes."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(KIT_PERIOD)
    return response


@require_safe
def kit_download(request, slug):
    """A published example's reuse kit as a zip: its summary and the files anyone may pass on."""
    if not ratelimit.allow(
        f"kit:{clients.address(request)}", limit=KITS_PER_CLIENT, period=KIT_PERIOD
    ):
        return _too_many()
    initiative = published_example(slug)
    signed_in = request.user.is_authenticated
    names = NAMES.get(get_language(), NAMES[settings.LANGUAGE_CODE])
    response = FileResponse(
        build(initiative, signed_in=signed_in, names=names),
        as_attachment=True,
        filename=f"{names['kit']}-{initiative.slug}.zip",
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    # One kit per example and language; a search engine has the example's page.
    response["X-Robots-Tag"] = "noindex"
    if signed_in:
        # It names the contact person: for this user's eyes only.
        patch_cache_control(response, private=True)
    return response
