from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdoptionsConfig(AppConfig):
    """The reuse loop: "Vi har også gjort det", each example's spread, and the reuse kit."""

    name = "adoptions"
    verbose_name = _("Reuse")

    def ready(self):
        from adoptions import signals  # noqa: F401
