"""Who gets what, for every URL the portal routes: anonymous, the contributor, another
contributor, a curator and a superuser, for a published example and the contributor's
draft, their attachments included.

The table below is complete: a URL added to the URLconf without a row here fails
test_every_url_has_a_row, so its access rule is decided when it is written.
tests/test_access.py covers the example pages in every moderation state, and
tests/test_personal_data.py the contact details on every parameterless page; this
module adds the rest of the URLs, the superuser, attachments, and account e-mails.
"""

import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from tests.security.helpers import ACTORS, body, outcome, routes

pytestmark = pytest.mark.django_db

L = "login"  # a redirect to the login page
RE = "reauth"  # a redirect to the page that asks for the password again
R = 302  # a redirect elsewhere
ALL_200 = (200, 200, 200, 200, 200)
SIGNED_IN = (L, 200, 200, 200, 200)

# key -> {example: (anonymous, contributor, other, curator, superuser)}; None as the
# example for URLs about no example. The contributor submitted both examples.
GET = {
    "home": ALL_200,
    "about": ALL_200,
    "accessibility": ALL_200,
    "privacy": ALL_200,
    "contact": ALL_200,
    "evidence": ALL_200,
    "healthz": ALL_200,
    "readyz": ALL_200,
    "favicon.ico": (301, 301, 301, 301, 301),
    "accessibility_redirect": (R, R, R, R, R),
    "initiatives:list": ALL_200,
    "initiatives:submit": SIGNED_IN,
    "initiatives:mine": SIGNED_IN,
    "partnerships:list": ALL_200,
    "partnerships:detail": ALL_200,
    "partnerships:organisation_list": ALL_200,
    "partnerships:organisation_detail": ALL_200,
    "accounts:profile": SIGNED_IN,
    "accounts:my_data": SIGNED_IN,
    "accounts:download_data": SIGNED_IN,
    "accounts:delete": SIGNED_IN,
    # Open data: public, whoever asks; exports and feeds hold published examples only.
    "opendata:csv": ALL_200,
    "opendata:excel_csv": ALL_200,
    "opendata:json": ALL_200,
    "opendata:feed": ALL_200,
    "opendata:adoptions_csv": ALL_200,
    "opendata:adoptions_excel_csv": ALL_200,
    "opendata:adoptions_feed": ALL_200,
    "opendata:about": ALL_200,
    "robots": ALL_200,
    "sitemap": ALL_200,
    "django.contrib.sitemaps.views.sitemap": ALL_200,
    "dcat": ALL_200,
    # The API is anonymous for everyone: a signed-in curator sees no draft through it.
    "api:root": ALL_200,
    "api:openapi": ALL_200,
    "api:docs": ALL_200,
    "api:example-list": ALL_200,
    "api:example-detail": {"published": ALL_200, "draft": (404, 404, 404, 404, 404)},
    "api:organisation-list": ALL_200,
    "api:organisation-detail": ALL_200,
    "api:partnership-list": ALL_200,
    "api:partnership-detail": ALL_200,
    "api:category-list": ALL_200,
    "api:target-group-list": ALL_200,
    "api:municipality-list": ALL_200,
    "api:adoption-list": ALL_200,
    # Anonymous for everyone, as the examples are: a curator sees no sent-back adoption.
    "api:adoption-detail": {"published": ALL_200, "sent back": (404, 404, 404, 404, 404)},
    "api:not_found": (404, 404, 404, 404, 404),
    "alerts:follow": SIGNED_IN,
    "alerts:mine": SIGNED_IN,
    "adoptions:mine": SIGNED_IN,
    # Where the examples run: counts of published examples only, for everyone.
    "adoptions:spread": ALL_200,
    # The help beside the text fields answers only the forms' own POSTs.
    "initiatives:writing_check": (405, 405, 405, 405, 405),
    "adoptions:writing_check": (405, 405, 405, 405, 405),
    # "Vi har også gjort det": on published examples only (tests/adoptions/).
    "adoptions:add": {
        "published": SIGNED_IN,
        "draft": (L, 404, 404, 404, 404),
    },
    # The contributor's published adoption, and one the curators sent back.
    "adoptions:edit": {
        "published": (L, 403, 403, 403, 403),
        "sent back": (L, 200, 404, 403, 403),
    },
    "adoptions:attachment": {
        "published": ALL_200,
        "sent back": (404, 200, 404, 200, 200),
    },
    # The link in a digest: no login needed, and a token not signed here is a kind 400.
    "alerts:unsubscribe": (400, 400, 400, 400, 400),
    "alerts:frequency": (405, 405, 405, 405, 405),
    "alerts:delete": (405, 405, 405, 405, 405),
    "initiatives:detail": {
        "published": ALL_200,
        "draft": (404, 200, 404, 200, 200),
    },
    "initiatives:edit": {
        "published": (L, 403, 403, 403, 403),
        "draft": (L, 200, 404, 403, 403),
    },
    "initiatives:send": {
        "published": (405, 405, 405, 405, 405),
        "draft": (405, 405, 405, 405, 405),
    },
    "initiatives:attachment": {
        "published": ALL_200,
        "draft": (404, 200, 404, 200, 200),
    },
    # The reuse kit is for published examples only, whoever asks (tests/adoptions/test_kit.py).
    "adoptions:kit": {
        "published": ALL_200,
        "draft": (404, 404, 404, 404, 404),
    },
}

# State-changing requests, each rolled back afterwards.
POST = {
    # An empty form comes back with its errors; nothing is sent.
    "adoptions:add": {
        "published": SIGNED_IN,
        "draft": (L, 404, 404, 404, 404),
    },
    "adoptions:edit": {
        "published": (L, 403, 403, 403, 403),
        "sent back": (L, 200, 404, 403, 403),
    },
    "adoptions:attachment": {
        "published": (405, 405, 405, 405, 405),
        "sent back": (405, 405, 405, 405, 405),
    },
    "initiatives:edit": {
        "published": (L, 403, 403, 403, 403),
        "draft": (L, 200, 404, 403, 403),
    },
    "initiatives:send": {
        "published": (L, 403, 403, 403, 403),
        "draft": (L, 302, 404, 403, 403),
    },
    "initiatives:attachment": {
        "published": (405, 405, 405, 405, 405),
        "draft": (405, 405, 405, 405, 405),
    },
    "adoptions:kit": {
        "published": (405, 405, 405, 405, 405),
        "draft": (405, 405, 405, 405, 405),
    },
    # The help while writing: anyone signed in, about the text they send; nothing is kept.
    "initiatives:writing_check": SIGNED_IN,
    "adoptions:writing_check": SIGNED_IN,
    # Someone's followed search: only its owner finds it (tests/alerts/test_my_searches.py).
    "alerts:frequency": (L, 404, 404, 404, 404),
    "alerts:delete": (L, 404, 404, 404, 404),
}

# allauth's own pages, as this portal configures them (e-mail login, no login by code).
ACCOUNT_PAGES = {
    "account_login": (200, R, R, R, R),
    "account_logout": (R, 200, 200, 200, 200),
    "account_inactive": ALL_200,
    "account_signup": (200, R, R, R, R),
    "account_reauthenticate": SIGNED_IN,
    "account_request_reauthentication_code": SIGNED_IN,
    "account_confirm_reauthentication_code": (L, RE, RE, RE, RE),
    "account_email": SIGNED_IN,
    "account_email_verification_sent": ALL_200,
    "account_change_password": SIGNED_IN,
    "account_set_password": (L, R, R, R, R),
    "account_reset_password": ALL_200,
    "account_confirm_login_code": (L, R, R, R, R),
    "account_confirm_email": ALL_200,
    "account_reset_password_from_key_done": ALL_200,
    "account_reset_password_from_key": ALL_200,
    "account_reset_password_done": ALL_200,
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": (L, R, R, R, R),
    "mfa_reauthenticate": (L, RE, RE, 200, 200),
    "mfa_activate_totp": (L, RE, RE, RE, RE),
    "mfa_deactivate_totp": (L, 404, 404, RE, RE),
    "mfa_view_recovery_codes": (L, 404, 404, 404, 404),
    "mfa_generate_recovery_codes": (L, RE, RE, RE, RE),
    "mfa_download_recovery_codes": (L, 404, 404, 404, 404),
}
GET.update(ACCOUNT_PAGES)

# Every page of the admin: closed to anyone who is not staff.
ADMIN = "admin/"
NOT_STAFF = ("anonymous", "contributor", "other")


def test_every_url_has_a_row():
    keys = {key for key, route in routes() if not route.startswith(ADMIN)}
    keys.discard("^media/(?P<path>.*)$")  # DEBUG only: served by runserver, not production
    assert keys - GET.keys() == set()
    assert GET.keys() - keys == set()


def path_for(key, world, example):
    """A concrete address for the route `key`, about `example` where it takes one."""
    initiative = world.get(example)
    kwargs = {
        "initiatives:detail": lambda: {"slug": initiative.slug},
        "initiatives:edit": lambda: {"slug": initiative.slug},
        "initiatives:send": lambda: {"slug": initiative.slug},
        "initiatives:attachment": lambda: {
            "slug": initiative.slug,
            "pk": world["attachment"][example].pk,
        },
        "partnerships:detail": lambda: {"slug": world["partnership"].slug},
        "partnerships:organisation_detail": lambda: {"slug": world["organisation"].slug},
        "account_confirm_email": lambda: {"key": "ugyldig-noegle"},
        "account_reset_password_from_key": lambda: {"uidb36": "1", "key": "ugyldig"},
        "alerts:unsubscribe": lambda: {"token": "1:ugyldig"},
        "django.contrib.sitemaps.views.sitemap": lambda: {"section": "eksempler"},
        "api:example-detail": lambda: {"slug": initiative.slug},
        "api:organisation-detail": lambda: {"slug": world["organisation"].slug},
        "api:partnership-detail": lambda: {"slug": world["partnership"].slug},
        "api:not_found": lambda: {"rest": "ukendt"},
        "adoptions:kit": lambda: {"slug": initiative.slug},
        "api:adoption-detail": lambda: {"pk": world["adoption"][example].pk},
        "adoptions:add": lambda: {"slug": initiative.slug},
        "adoptions:edit": lambda: {"pk": world["adoption"][example].pk},
        "adoptions:attachment": lambda: {"pk": world["adoption"][example].pk},
        "alerts:frequency": lambda: {"pk": 999999},
        "alerts:delete": lambda: {"pk": 999999},
    }.get(key, dict)()
    if key == "favicon.ico":
        return "/favicon.ico"
    return reverse(key, kwargs=kwargs)


def cells(table):
    for key, expected in table.items():
        if isinstance(expected, dict):
            for example, row in expected.items():
                yield key, example, row
        else:
            yield key, None, expected


def matrix(client_for, world, who, table, method):
    column = ACTORS.index(who)
    client = client_for(who)
    found, expected = {}, {}
    for key, example, row in cells(table):
        with transaction.atomic():
            response = getattr(client, method)(path_for(key, world, example))
            transaction.set_rollback(True)
        found[key, example] = outcome(response)
        expected[key, example] = row[column]
    return found, expected


@pytest.mark.parametrize("who", ACTORS)
def test_who_gets_what_for_every_page(client_for, world, who):
    found, expected = matrix(client_for, world, who, GET, "get")
    assert {cell: found[cell] for cell in found if found[cell] != expected[cell]} == {}


@pytest.mark.parametrize("who", ACTORS)
def test_who_may_change_what(client_for, world, who):
    found, expected = matrix(client_for, world, who, POST, "post")
    assert {cell: found[cell] for cell in found if found[cell] != expected[cell]} == {}


# Personal data: what an anonymous visitor or another contributor gets never holds
# an account's e-mail address, nor an anonymous one a contact's.


@pytest.mark.parametrize("who", ["anonymous", "other"])
def test_no_page_shows_someone_elses_e_mail_address(client_for, people, world, who):
    client = client_for(who)
    secrets = [people["contributor"].email, people["curator"].email, people["superuser"].email]
    if who == "anonymous":
        secrets += [world["published"].contact_email, world["published"].contact_name]
    leaks = {}
    for key, example, _row in cells(GET):
        if key in {"accounts:download_data"}:
            continue  # the signed-in user's own data
        response = client.get(path_for(key, world, example))
        text = body(response)
        found = [secret for secret in secrets if secret in text]
        if found:
            leaks[key, example] = found
    assert leaks == {}


# The admin


def admin_paths(world):
    """A concrete address for every route of the admin, about a real object where there is one."""
    initiative = world["published"]
    paths = []
    for _key, route in routes():
        if not route.startswith(ADMIN):
            continue
        path = "/" + route
        found = re.match(r"/admin/([a-z_]+)/([a-z_]+)/", path)
        obj, history = None, None
        if found:
            model = next(
                (
                    m
                    for m in apps.get_models()
                    if (m._meta.app_label, m._meta.model_name) == found.groups()
                ),
                None,
            )
            if model is not None:
                obj = model._default_manager.order_by("pk").first()
                if obj is not None and hasattr(model, "history"):
                    history = obj.history.order_by("pk").first()
        pk = str(obj.pk) if obj else "1"
        path = re.sub(r"<(path|int):object_id>|<id>", pk, path)
        path = path.replace("<str:step>", "publish")
        path = path.replace(
            "^([^/]+)/history/([^/]+)/$", f"{pk}/history/{history.pk if history else 1}/"
        )
        path = path.replace(
            "<path:content_type_id>", str(ContentType.objects.get_for_model(initiative).pk)
        )
        path = re.sub(r"\^\(\?P<app_label>([a-z_]+)\|[^)]*\)/\$", r"\1/", path)
        path = path.replace("(?P<url>.*)$", "findes-ikke/")
        assert "<" not in path and "(" not in path, path
        paths.append(path)
    return sorted(set(paths))


@pytest.mark.parametrize("who", NOT_STAFF)
def test_no_admin_page_opens_for_anyone_but_staff(client_for, world, who):
    client = client_for(who)
    paths = admin_paths(world)
    assert len(paths) > 80
    found = {path: outcome(client.get(path)) for path in paths}
    assert {path: status for path, status in found.items() if status not in {L, 403, 405}} == {
        "/admin/logout/": 302  # to /admin/, which sends them to the login
    }


def test_every_admin_page_answers_a_curator_without_an_error(client_for, world):
    # tests/test_admin.py opens every changelist, add, change and history page as a superuser.
    client = client_for("curator")
    found = {}
    for path in admin_paths(world):
        with transaction.atomic():
            found[path] = client.get(path).status_code
            transaction.set_rollback(True)
    assert {path: status for path, status in found.items() if status >= 500} == {}
    change = reverse("admin:initiatives_initiative_change", args=[world["draft"].pk])
    assert client.get(change).status_code == 200
