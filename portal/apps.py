from django.apps import AppConfig
from django.db.models import signals
from django.utils.translation import gettext_lazy as _

# The apps whose rows public pages show: a change to any of them makes every
# page in the portal's page cache stale (portal/lib/pagecache.py).
SHOWN_APPS = frozenset({"initiatives", "partnerships", "adoptions"})


def _invalidate_pages(sender, **kwargs):
    if sender._meta.app_label in SHOWN_APPS:
        from portal.lib import pagecache

        pagecache.invalidate()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        for signal in (signals.post_save, signals.post_delete, signals.m2m_changed):
            signal.connect(_invalidate_pages, dispatch_uid=f"pagecache-{signal!r}")
