"""The published adoptions as CSV: where each example was taken up, since when and how.

One row per published adoption of a published example, streamed as the
examples are (opendata/exports.py). Only what an example's page shows about
its adoptions: the organisation and the place are public; who sent it in,
the curator and their note are not even read.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from adoptions.models import Adoption
from initiatives.models import Attachment
from opendata import exports, licence
from partnerships.models import Region
from portal.lib import liveness

COLUMNS = (
    "id",
    "example",
    "example_title",
    "example_url",
    "organisation",
    "municipality_code",
    "municipality",
    "region",
    "nationwide",
    "started",
    "adaptation",
    "result",
    "link",
    "attachment_title",
    "attachment_licence",
    "attachment_url",
    "published_at",
    "licence",
)
# What a row is read from, as plain values (see exports.READ).
READ = (
    "pk",
    "initiative__slug",
    "initiative__title",
    "organisation__name",
    "municipality__code",
    "municipality__name",
    "municipality__region",
    "nationwide",
    "started",
    "adaptation",
    "result",
    "url",
    "attachment",
    "attachment_title",
    "attachment_licence",
    "published_at",
)


def adoptions():
    """{column: value} of each published adoption of a published example, the newest first."""
    rows = (
        Adoption.objects.of_public_examples()
        .order_by("-published_at", "-pk")
        .values_list(*READ)
        .iterator(chunk_size=exports.CHUNK)
    )
    # Every address is the same but for the slug or number: reverse() once, not per row.
    address = settings.SITE_URL + reverse("initiatives:detail", kwargs={"slug": "SLUG"})
    file_address = settings.SITE_URL + reverse("adoptions:attachment", kwargs={"pk": 0})
    regions = dict(Region.choices)
    for number, values in enumerate(rows):
        if number % exports.CHUNK == 0:
            liveness.beat()
        found = dict(zip(READ, values, strict=True))
        region = found["municipality__region"]
        yield {
            "id": found["pk"],
            "example": found["initiative__slug"],
            "example_title": found["initiative__title"],
            "example_url": address.replace("SLUG", found["initiative__slug"])
            + f"#adoption-{found['pk']}",
            "organisation": found["organisation__name"],
            "municipality_code": found["municipality__code"] or "",
            "municipality": found["municipality__name"] or "",
            "region": str(regions[region]) if region else "",
            "nationwide": exports.yes_no(found["nationwide"]),
            "started": found["started"].strftime("%Y-%m"),
            "adaptation": found["adaptation"],
            "result": found["result"],
            "link": found["url"],
            **_attachment(found, file_address),
            "published_at": found["published_at"].isoformat(),
            "licence": licence.NAME,
        }


def _attachment(found, file_address):
    """The attachment's title, licence and address, if others may reuse it
    (as Adoption.shares_attachment says); empty cells otherwise."""
    if not found["attachment"] or found["attachment_licence"] == Attachment.Licence.ALL_RIGHTS:
        return {"attachment_title": "", "attachment_licence": "", "attachment_url": ""}
    return {
        "attachment_title": found["attachment_title"],
        "attachment_licence": found["attachment_licence"],
        "attachment_url": file_address.replace("/0/", f"/{found['pk']}/"),
    }


def csv_lines(*, delimiter=","):
    """The CSV file's lines: the byte order mark and header, then one row per adoption."""
    return exports.csv_file(COLUMNS, adoptions(), delimiter=delimiter)


_EXPLAINED = {
    "id": _("the adoption's number; the example's page shows it at #adoption-<id>"),
    "example": _("the identifier of the example taken up, as in the examples' slug column"),
    "example_title": _("the example's title"),
    "example_url": _("the adoption on the example's page"),
    "organisation": _("the organisation that took it up"),
    "municipality_code": _(
        "the official three-digit code of its municipality; empty if nationwide"
    ),
    "municipality": _("the municipality where it runs; empty if nationwide"),
    "region": _("the region of its municipality"),
    "nationwide": _("whether it runs in the whole country: yes or no"),
    "started": _("the month it started, as YYYY-MM"),
    "link": _("a page about it, if there is one"),
    "attachment_title": _("the title of a file shared with it, if others may reuse it"),
    "attachment_url": _("where the file is downloaded"),
    "published_at": _("published"),
    "licence": _("the licence it may be reused under"),
}


def columns_explained():
    """[(column, what it holds, [(code, label)] of its choices)] for the data page."""
    explained = []
    for name in COLUMNS:
        if name in _EXPLAINED:
            explained.append((name, _EXPLAINED[name], []))
            continue
        field = Adoption._meta.get_field(name)
        choices = [
            (code, label)
            for code, label in field.flatchoices
            if code and code != Attachment.Licence.ALL_RIGHTS
        ]
        explained.append((name, field.verbose_name, choices))
    return explained
