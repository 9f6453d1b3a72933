from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Good examples")

    def ready(self):
        from initiatives import signals  # noqa: F401
