from datetime import date

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from initiatives.models import Category, Initiative
from partnerships.models import Partnership

FEATURED_COUNT = 3
NEWEST_COUNT = 6
# When the accessibility statement was last checked against the portal; the act
# asks for a review at least once a year and after every change that matters.
ACCESSIBILITY_REVIEWED = date(2026, 12, 4)


def home(request):
    published = Initiative.objects.published().for_list()
    context = {
        "featured": published.filter(featured=True).order_by("-published_at")[:FEATURED_COUNT],
        "newest": published.order_by("-published_at", "pk")[:NEWEST_COUNT],
        "categories": Category.objects.in_order().annotate(
            published_count=Count(
                "initiatives", filter=Q(initiatives__state=Initiative.State.PUBLISHED)
            )
        ),
        "partnerships": Partnership.objects.active().order_by("name"),
    }
    return render(request, "portal/home.html", context)


def about(request):
    return render(request, "portal/about.html")


def accessibility(request):
    """The accessibility statement, in Digitaliseringsstyrelsen's form."""
    context = {
        "contact_email": settings.CONTACT_EMAIL,
        "contact_phone": settings.CONTACT_PHONE,
        "reviewed": ACCESSIBILITY_REVIEWED,
        "statement_url": settings.ACCESSIBILITY_STATEMENT_URL,
    }
    return render(request, "portal/accessibility.html", context)


def accessibility_statement_redirect(request):
    """/was, the short address the accessibility act asks for, leads to the statement."""
    return redirect(settings.ACCESSIBILITY_STATEMENT_URL or "accessibility")


def privacy(request):
    """The privacy policy: what is stored about whom, why, who sees it, for how long."""
    return render(request, "portal/privacy.html", {"contact_email": settings.CONTACT_EMAIL})


def contact(request):
    return render(request, "portal/contact.html", {"contact_email": settings.CONTACT_EMAIL})


@never_cache
def healthz(request):
    """Answer without touching the database: the process is up."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    # Resolved per request: with the manifest storage the name is only known
    # after collectstatic, not when the URLconf is imported.
    return redirect(static("img/favicon.svg"), permanent=True)


def csrf_failure(request, reason=""):
    """A failed CSRF check, explained in the portal's layout and language."""
    return render(request, "403_csrf.html", status=403)
