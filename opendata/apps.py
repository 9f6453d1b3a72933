from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Exports, the read-only API, feeds, the sitemap and the catalogue record.

    It reads `initiatives` and `partnerships`; neither knows it exists.
    """

    name = "opendata"
    verbose_name = _("Open data")
