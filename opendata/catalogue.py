"""What the portal offers as open data, described once for the data page, JSON-LD and DCAT."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from adoptions.models import Adoption
from initiatives.models import Initiative

EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class Distribution:
    key: str
    title: str
    url_name: str
    media_type: str
    file_type: str  # the EU file-type vocabulary's code, "" where it has none
    description: str

    @property
    def url(self):
        return settings.SITE_URL + reverse(self.url_name)

    @property
    def is_feed(self):
        """A feed is followed, not downloaded."""
        return self.media_type == "application/atom+xml"


EXAMPLE_DISTRIBUTIONS = [
    Distribution(
        "csv",
        _("All examples as CSV"),
        "opendata:csv",
        "text/csv",
        "CSV",
        _("UTF-8 with a byte order mark, comma-separated; one row per example."),
    ),
    Distribution(
        "excel",
        _("All examples as CSV for Danish Excel"),
        "opendata:excel_csv",
        "text/csv",
        "CSV",
        _("The same columns separated by semicolons, as Danish Excel opens them."),
    ),
    Distribution(
        "json",
        _("All examples as JSON"),
        "opendata:json",
        "application/json",
        "JSON",
        _("One document: the licence, then the examples with the same fields as the CSV."),
    ),
    Distribution(
        "feed",
        _("Newly published examples (Atom feed)"),
        "opendata:feed",
        "application/atom+xml",
        "",
        _("The 30 newest examples; add the list's filters to follow part of it."),
    ),
]
# Where the examples were taken up: the published adoptions of published examples.
ADOPTION_DISTRIBUTIONS = [
    Distribution(
        "adoptions-csv",
        _("All adoptions as CSV"),
        "opendata:adoptions_csv",
        "text/csv",
        "CSV",
        _("UTF-8 with a byte order mark, comma-separated; one row per adoption."),
    ),
    Distribution(
        "adoptions-excel",
        _("All adoptions as CSV for Danish Excel"),
        "opendata:adoptions_excel_csv",
        "text/csv",
        "CSV",
        _("The same columns separated by semicolons, as Danish Excel opens them."),
    ),
    Distribution(
        "adoptions-feed",
        _("Newly published adoptions (Atom feed)"),
        "opendata:adoptions_feed",
        "application/atom+xml",
        "",
        _("The 30 newest adoptions: who took up which example, where."),
    ),
]
DISTRIBUTIONS = EXAMPLE_DISTRIBUTIONS + ADOPTION_DISTRIBUTIONS


def dates():
    """(first published, last changed) of the published examples and their adoptions, or Nones."""
    found = Initiative.objects.published().aggregate(
        issued=Min("published_at"), modified=Max("updated_at")
    )
    # Publishing an adoption changes the examples' spread, not their updated_at.
    adopted = Adoption.objects.of_public_examples().aggregate(modified=Max("updated_at"))
    changes = [when for when in (found["modified"], adopted["modified"]) if when]
    return found["issued"], max(changes, default=None)
