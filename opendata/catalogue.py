"""What the portal offers as open data, described once for the data page, JSON-LD and DCAT."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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


DISTRIBUTIONS = [
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


def dates():
    """(first published, last changed) of the published examples, or Nones."""
    found = Initiative.objects.published().aggregate(
        issued=Min("published_at"), modified=Max("updated_at")
    )
    return found["issued"], found["modified"]
