"""The examples list as CSV and JSON: the rows the list shows for the same parameters.

Streamed a chunk of rows at a time, so that the whole portal (100 000
examples) downloads without holding it in memory or timing out. Only
published examples, and only what anonymous visitors see on an example's
page: never contact details, submitters or curators (accounts/privacy.py).
Each row also says how far the example spread: the published adoptions the
adoptions app keeps on it (Initiative.reuse_count and reused_in).
"""

import csv
import json
from itertools import islice

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives import knowledge
from initiatives.models import Initiative
from opendata import licence
from partnerships.models import Region
from portal.lib import liveness
from portal.lib.lookups import AnyOf

# Rows read from the database at a time; each chunk prefetches its own relations.
CHUNK = 500
LINES_PER_WRITE = 100
# The columns, in order. Values are the stable codes of the choices (the
# /data/ page explains them); names of categories, organisations and places
# as they are shown.
TEXT_FIELDS = (
    "title",
    "summary",
    "description",
    "format",
    "status",
    "start_date",
    "end_date",
    "nationwide",
    "uses_volunteers",
    "evidence",
    "evaluation_summary",
    "evaluation_url",
    "outcomes",
    "resources",
    "how_to_start",
    "costs",
    "cost_level",
    "staff_hours",
    *[name for dim in knowledge.DIMENSIONS for name in (dim.field, dim.why_field)],
    "transferability",
    "transfer_preconditions",
    "transfer_adaptable",
    "transfer_essential",
    "transfer_pitfalls",
)
LIST_FIELDS = (
    "target_groups",
    "municipalities",
    "regions",
    "partner_organisations",
    "reused_in",
)
COLUMNS = (
    "slug",
    "url",
    *TEXT_FIELDS[:3],
    "category",
    "target_groups",
    *TEXT_FIELDS[3:8],
    "municipalities",
    "regions",
    "lead_organisation",
    "partner_organisations",
    "partnership",
    *TEXT_FIELDS[8:],
    "published_at",
    "updated_at",
    "licence",
    # Added later, so at the end: a script that reads the columns by position keeps working.
    "reuse_count",
    "reused_in",
)
# What a row is read from, as plain values: nothing personal is even loaded,
# and no model objects are built (100 000 of them would take a minute).
READ = (
    "pk",
    "slug",
    "published_at",
    "updated_at",
    "category__name",
    "lead_organisation__name",
    "partnership__name",
    "reuse_count",
    *TEXT_FIELDS,
)
RENAMED = {
    "category__name": "category",
    "lead_organisation__name": "lead_organisation",
    "partnership__name": "partnership",
}
NAMES = tuple(RENAMED.get(name, name) for name in READ)
DATES = ("start_date", "end_date", "published_at", "updated_at")


def examples(listing):
    """{column: value} of each of the listing's examples, in its order; lists stay lists.

    Read CHUNK rows at a time, each chunk's target groups, places, partners and
    the places others took it up in one query each.
    """
    rows = listing.results().values_list(*READ).iterator(chunk_size=CHUNK)
    # Every address is the same but for the slug: reverse() once, not per row.
    address = settings.SITE_URL + reverse("initiatives:detail", kwargs={"slug": "SLUG"})
    while chunk := list(islice(rows, CHUNK)):
        liveness.beat()
        lists = _lists([values[0] for values in chunk])
        for values in chunk:
            example = dict(zip(NAMES, values, strict=True))
            for name in DATES:
                example[name] = example[name].isoformat() if example[name] else None
            pk = example.pop("pk")
            example |= {name: found.get(pk, []) for name, found in lists.items()}
            example["regions"] = sorted(set(example["regions"]))
            example["url"] = address.replace("SLUG", example["slug"])
            example["licence"] = licence.NAME
            # No organisation or partnership is "", as a blank text field is, not null.
            for name in ("lead_organisation", "partnership"):
                example[name] = example[name] or ""
            yield {name: example[name] for name in COLUMNS}


def _lists(pks):
    """{column: {example pk: [names]}} of the list columns, for these examples."""
    regions = dict(Region.choices)
    through = {
        name: Initiative._meta.get_field(name).remote_field.through.objects.filter(
            AnyOf(F("initiative_id"), pks)
        )
        for name in ("target_groups", "municipalities", "partner_organisations", "reused_in")
    }
    lists = {name: {} for name in LIST_FIELDS}
    for pk, name in (
        through["target_groups"]
        .order_by("targetgroup__position", "targetgroup__name")
        .values_list("initiative_id", "targetgroup__name")
    ):
        lists["target_groups"].setdefault(pk, []).append(name)
    for pk, name, region in (
        through["municipalities"]
        .order_by("municipality__name")
        .values_list("initiative_id", "municipality__name", "municipality__region")
    ):
        lists["municipalities"].setdefault(pk, []).append(name)
        lists["regions"].setdefault(pk, []).append(str(regions[region]))
    for pk, name in (
        through["partner_organisations"]
        .order_by("organisation__name")
        .values_list("initiative_id", "organisation__name")
    ):
        lists["partner_organisations"].setdefault(pk, []).append(name)
    for pk, name in (
        through["reused_in"]
        .order_by("municipality__name")
        .values_list("initiative_id", "municipality__name")
    ):
        lists["reused_in"].setdefault(pk, []).append(name)
    return lists


class _Line:
    """A file whose write() hands back the line, for csv.writer to stream through."""

    def write(self, line):
        return line


# Danish Excel reads a file without a byte order mark as Windows-1252 (æøå
# garbled) and splits columns on ";" (the Danish list separator), not ",".
BOM = "\ufeff"
LIST_SEPARATOR = " | "


def csv_lines(listing, *, delimiter=","):
    """The CSV file's lines: the byte order mark and header, then one row per example."""
    return csv_file(COLUMNS, _csv_rows(listing), delimiter=delimiter)


def _csv_rows(listing):
    for values in examples(listing):
        for name in LIST_FIELDS:
            values[name] = LIST_SEPARATOR.join(values[name])
        for name in ("nationwide", "uses_volunteers"):
            values[name] = yes_no(values[name])
        yield values


def csv_file(columns, rows, *, delimiter=","):
    """The lines of a CSV file of `rows` ({column: value}), the header first, a batch at a time."""
    writer = csv.writer(_Line(), delimiter=delimiter)
    lines = [BOM + writer.writerow(columns)]
    for values in rows:
        lines.append(writer.writerow([_cell(values[name]) for name in columns]))
        # Sent a few dozen kilobytes at a time: a write per row costs a system call each.
        if len(lines) >= LINES_PER_WRITE:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


def yes_no(value):
    """A yes/no column's cell: the same two codes in every language."""
    return "yes" if value else "no"


def _cell(value):
    return "" if value is None else value


def json_chunks(listing, *, source):
    """The JSON document in pieces: what it is and its licence, then the examples one by one."""
    about = {
        "title": "Gode eksempler",
        "source": source,
        "licence": {"name": licence.NAME, "url": licence.URL},
        "attribution": licence.ATTRIBUTION,
        "generated_at": timezone.now().isoformat(),
        "parameters": dict(_parameters(listing)),
    }
    head = json.dumps(about, ensure_ascii=False, indent=1)
    yield head[: head.rindex("}")].rstrip() + ',\n "examples": [\n'
    separator = ""
    rows = []
    for values in examples(listing):
        rows.append(json.dumps(values, ensure_ascii=False))
        if len(rows) >= LINES_PER_WRITE:
            yield separator + ",\n".join(rows)
            separator, rows = ",\n", []
    if rows:
        yield separator + ",\n".join(rows)
    yield "\n ]\n}\n"


def _parameters(listing):
    pairs = {}
    for name, value in listing.canonical_params():
        pairs.setdefault(name, []).append(value)
    return pairs


# The columns that are not a field of the example, or more than its name says, in words.
_OTHER_COLUMNS = {
    "slug": _("the example's identifier, the last part of its address"),
    "url": _("the example's page"),
    "regions": _("the regions of its municipalities"),
    "published_at": _("published"),
    "updated_at": _("last changed"),
    "licence": _("the licence it may be reused under"),
    "reuse_count": _(
        "how many times others have taken it up: its published adoptions, nationwide ones included"
    ),
    "reused_in": _("the municipalities where others have taken it up"),
}


def columns_explained():
    """[(column, what it holds, [(code, label)] of its choices)] for the data page."""
    explained = []
    for name in COLUMNS:
        if name in _OTHER_COLUMNS:
            explained.append((name, _OTHER_COLUMNS[name], []))
            continue
        field = Initiative._meta.get_field(name)
        choices = [(code, label) for code, label in field.flatchoices if code]
        explained.append((name, field.verbose_name, choices))
    return explained
