from django.conf import settings


def portal(request):
    """Site-wide values every template may use."""
    return {"SITE_URL": settings.SITE_URL}
