"""Django's Danish in forms stays Django's, whatever an installed app translates."""

from pathlib import Path

import django
from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext

# The apps that only serve the API, yet whose catalogues reach every form. (allauth
# rewords a few of Django's messages for its own forms, on purpose.)
API_APPS = ["rest_framework", "drf_spectacular"]


def django_catalogue():
    path = Path(django.__file__).parent / "conf/locale/da/LC_MESSAGES/django.mo"
    return _read(path)


def _read(path):
    import gettext as gettext_module

    with open(path, "rb") as catalogue:
        found = gettext_module.GNUTranslations(catalogue)._catalog
    return {key: value for key, value in found.items() if isinstance(key, str) and key and value}


def reworded():
    """{msgid: Django's Danish} of each message an installed app translates otherwise."""
    ours = django_catalogue()
    differs = {}
    for name in API_APPS:
        config = apps.get_app_config(name)
        path = Path(config.path) / "locale/da/LC_MESSAGES/django.mo"
        if not path.exists():
            continue
        for msgid, text in _read(path).items():
            if msgid in ours and ours[msgid] != text:
                differs[msgid] = ours[msgid]
    return differs


def test_every_message_an_app_rewords_is_kept_in_django_wording():
    from portal.django_wording import MESSAGES

    assert set(reworded()) <= set(MESSAGES)


def test_the_portal_speaks_djangos_danish_where_an_app_words_it_otherwise():
    from portal.django_wording import MESSAGES

    django_danish = django_catalogue()
    with translation.override("da"):
        assert {msgid: gettext(msgid) for msgid in MESSAGES} == {
            msgid: django_danish[msgid] for msgid in MESSAGES
        }
