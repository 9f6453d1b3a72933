import sys
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, DataError, IntegrityError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from initiatives import facetindex
from initiatives.models import Category, Initiative
from partnerships.models import Partnership
from portal.lib import lix

# Featured cards fill whole rows: up to four, as many columns as cards (see home()).
FEATURED_COUNT = 4
# Two rows of three, or three of two: no holes in either grid.
NEWEST_COUNT = 6
# When the accessibility statement was last checked against the portal; the act
# asks for a review at least once a year and after every change that matters.
ACCESSIBILITY_REVIEWED = date(2026, 12, 4)


@require_safe
def home(request):
    published = Initiative.objects.published().for_list()
    featured = list(published.filter(featured=True).order_by("-published_at")[:FEATURED_COUNT])
    context = {
        "featured": featured,
        # One row of cards, so the grid has no holes; portal.css lets an odd last
        # card span the row where the grid has two columns.
        "featured_columns": max(2, len(featured)),
        # A featured example is already on the page: not again among the newest.
        "newest": published.exclude(pk__in=[item.pk for item in featured]).order_by(
            "-published_at", "pk"
        )[:NEWEST_COUNT],
        "categories": _with_counts(list(Category.objects.in_order())),
        "partnerships": Partnership.objects.active().order_by("name"),
    }
    return render(request, "portal/home.html", context)


def _with_counts(categories):
    counts = facetindex.published_counts("category", [category.slug for category in categories])
    for category in categories:
        category.published_count = counts.get(category.slug, 0)
    return categories


@require_safe
def about(request):
    # The LIX scale, as the submission form bands the score (portal.lib.lix).
    return render(request, "portal/about.html", {"lix_scale": lix.scale()})


@require_safe
def accessibility(request):
    """The accessibility statement, in Digitaliseringsstyrelsen's form."""
    context = {
        "contact_email": settings.CONTACT_EMAIL,
        "contact_phone": settings.CONTACT_PHONE,
        "reviewed": ACCESSIBILITY_REVIEWED,
        "statement_url": settings.ACCESSIBILITY_STATEMENT_URL,
    }
    return render(request, "portal/accessibility.html", context)


@require_safe
def accessibility_statement_redirect(request):
    """/was, the short address the accessibility act asks for, leads to the statement."""
    return redirect(settings.ACCESSIBILITY_STATEMENT_URL or "accessibility")


@require_safe
def privacy(request):
    """The privacy policy: what is stored about whom, why, who sees it, for how long."""
    return render(request, "portal/privacy.html", {"contact_email": settings.CONTACT_EMAIL})


@require_safe
@never_cache
def healthz(request):
    """Answer without touching the database: the process is up."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_safe
def readyz(request):
    """Answer 200 when the database and the cache answer, 503 (saying which did not) when not."""
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        problems.append("database")
    try:
        cache.set("readyz", "ok", 10)
        if cache.get("readyz") != "ok":
            problems.append("cache")
    except Exception:  # any backend's own error: the cache is what is not ready
        problems.append("cache")
    if problems:
        return HttpResponse(
            "not ready: " + ", ".join(problems), status=503, content_type="text/plain"
        )
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """The 500 page, or a 503 when the database cannot be reached.

    Rendered without the request's context: the session and the user live in
    the database, which may be what failed.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError) and not isinstance(error, IntegrityError | DataError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


@require_safe
def favicon(request):
    # Resolved per request: with the manifest storage the name is only known
    # after collectstatic, not when the URLconf is imported.
    return redirect(static("img/favicon.svg"), permanent=True)


def csrf_failure(request, reason=""):
    """A failed CSRF check, explained in the portal's layout and language."""
    return render(request, "403_csrf.html", status=403)
