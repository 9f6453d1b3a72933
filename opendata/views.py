"""Downloads of the examples list (the list page's parameters in, its rows out) and of
where the examples were taken up; the data page and the catalogue record."""

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from initiatives.listing import Listing
from opendata import adoption_exports, catalogue, exports, licence
from portal.lib import clients, ratelimit

# A whole-portal export reads every example: enough for people and scripts,
# too few to keep the database busy for someone hammering it.
EXPORTS_PER_CLIENT = 20
EXPORT_PERIOD = 600
CSV = "text/csv; charset=utf-8"
ROBOTS_DISALLOW = [
    "/admin/",
    "/konto/",
    "/eksempler/indsend/",
    "/eksempler/eksport",
    "/udbredelse/eksport",
    "/soegninger/",
]


def _download(request, chunks, *, content_type, extension, name="gode-eksempler"):
    if not ratelimit.allow(
        f"export:{clients.address(request)}",
        limit=EXPORTS_PER_CLIENT,
        period=EXPORT_PERIOD,
    ):
        response = HttpResponse(
            _("Too many downloads in a short time. Try again in a few minutes."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(EXPORT_PERIOD)
        return response
    response = StreamingHttpResponse(chunks, content_type=content_type)
    filename = f"{name}-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{licence.URL}>; rel="license"'
    # Open data: any site may read it from a browser; nothing in it needs a cookie.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def export_csv(request):
    """The list for these parameters as CSV, comma-separated."""
    return _download(
        request, exports.csv_lines(Listing(request.GET)), content_type=CSV, extension="csv"
    )


@require_safe
def export_excel_csv(request):
    """The same CSV separated by semicolons, the way Danish Excel opens it with a double-click."""
    return _download(
        request,
        exports.csv_lines(Listing(request.GET), delimiter=";"),
        content_type=CSV,
        extension="csv",
    )


@require_safe
def export_json(request):
    """The list for these parameters as one JSON document, with its licence."""
    listing = Listing(request.GET)
    source = request.build_absolute_uri()
    return _download(
        request,
        exports.json_chunks(listing, source=source),
        content_type="application/json; charset=utf-8",
        extension="json",
    )


@require_safe
def export_adoptions_csv(request):
    """Every published adoption of a published example as CSV, comma-separated."""
    return _download(
        request,
        adoption_exports.csv_lines(),
        content_type=CSV,
        extension="csv",
        name=ADOPTIONS_FILE,
    )


@require_safe
def export_adoptions_excel_csv(request):
    """The adoptions separated by semicolons, for Danish Excel (see export_excel_csv)."""
    return _download(
        request,
        adoption_exports.csv_lines(delimiter=";"),
        content_type=CSV,
        extension="csv",
        name=ADOPTIONS_FILE,
    )


ADOPTIONS_FILE = "gode-eksempler-udbredelse"


@require_safe
def about(request):
    """What data the portal offers, under which licence, and how to get it."""
    _issued, modified = catalogue.dates()
    distributions = catalogue.DISTRIBUTIONS
    return render(
        request,
        "opendata/about.html",
        {
            "distributions": catalogue.EXAMPLE_DISTRIBUTIONS,
            "adoption_distributions": catalogue.ADOPTION_DISTRIBUTIONS,
            "ld_distributions": [(str(d.title), d.url, d.media_type) for d in distributions],
            "columns": exports.columns_explained(),
            "adoption_columns": adoption_exports.columns_explained(),
            "modified": modified,
            "licence": licence,
        },
    )


@require_safe
def dcat(request):
    """The DCAT-AP-DK record of the dataset, for national and European catalogues to harvest."""
    issued, modified = catalogue.dates()
    return render(
        request,
        "opendata/dcat.rdf",
        {
            "site": settings.SITE_URL,
            "publisher": settings.DATA_PUBLISHER,
            "contact_email": settings.CONTACT_EMAIL,
            "licence": licence.URL,
            "issued": issued,
            "modified": modified,
            "distributions": catalogue.DISTRIBUTIONS,
        },
        content_type="application/rdf+xml; charset=utf-8",
    )


@require_safe
def robots(request):
    """What crawlers may read, and where the sitemap is."""
    lines = ["User-agent: *"]
    # Forms, accounts and the admin are no content; downloads are content a
    # crawler would fetch once for every filter combination.
    for path in ROBOTS_DISALLOW:
        lines += [f"Disallow: {path}", f"Disallow: /en{path}"]
    lines += ["Allow: /", "", f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
