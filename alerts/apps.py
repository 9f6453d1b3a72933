from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Followed searches ("Følg denne søgning") and the digests of their new examples."""

    name = "alerts"
    verbose_name = _("Followed searches")
