from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Gode eksempler – curation")
admin.site.site_title = _("Gode eksempler")
admin.site.index_title = _("Curation")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("", include("portal.site_urls")),
    path("", include("partnerships.urls")),
    path("", include("initiatives.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
