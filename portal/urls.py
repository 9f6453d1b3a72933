from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from portal import views

# The admin site's titles, login and home page: portal/admin.py.

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    # Browsers and the admin ask for /favicon.ico whatever the page links.
    path("favicon.ico", views.favicon),
    # The short address the accessibility act asks every public site for.
    path("was", views.accessibility_statement_redirect, name="accessibility_redirect"),
    # Data, for programs rather than people: the same address in every language.
    path("api/v1/", include("opendata.api_urls")),
    path("", include("opendata.site_urls")),
    # The language is in the address: Danish unprefixed, English under /en/. So a
    # public page needs no cookie to know its language, and a cache can keep it.
    *i18n_patterns(
        path("konto/", include("accounts.urls")),
        path("konto/", include("allauth.urls")),
        path("", include("portal.site_urls")),
        path("", include("partnerships.urls")),
        path("", include("initiatives.urls")),
        path("", include("opendata.urls")),
        path("", include("alerts.urls")),
        path("", include("adoptions.urls")),
        prefix_default_language=False,
    ),
]

# Django's default admin changelist, the benchmark's yardstick; off unless it runs.
if settings.BENCHMARK_DEFAULT_ADMIN:
    from benchmarks import default_admin

    urlpatterns.append(path("bench-default-admin/", default_admin.site.urls))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "portal.views.server_error"
