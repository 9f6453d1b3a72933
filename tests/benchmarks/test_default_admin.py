"""The benchmark's yardstick: Django's default admin changelist, mounted only for the benchmark."""

import importlib

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import Resolver404, clear_url_caches, resolve, reverse

from benchmarks.pages import ADMIN_CHANGELIST, build_pages
from benchmarks.run import compare_with_default_admin, portal_env
from portal.demo import load_demo
from tests.factories import InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db

DEFAULT_CHANGELIST = "/bench-default-admin/initiatives/initiative/"


def _reload_urls():
    clear_url_caches()
    importlib.reload(importlib.import_module(django_settings.ROOT_URLCONF))


@pytest.fixture
def default_admin_on(settings):
    settings.BENCHMARK_DEFAULT_ADMIN = True
    _reload_urls()
    yield
    settings.BENCHMARK_DEFAULT_ADMIN = False
    _reload_urls()


def test_it_is_not_mounted_unless_the_setting_is_on(client, curator):
    assert django_settings.BENCHMARK_DEFAULT_ADMIN is False
    with pytest.raises(Resolver404):
        resolve(DEFAULT_CHANGELIST)
    client.force_login(curator)
    assert client.get(DEFAULT_CHANGELIST).status_code == 404


def test_the_benchmark_turns_it_on(tmp_path):
    args = type("Args", (), {"database_url": "postgres://x/y", "redis_url": ""})()
    assert portal_env(args, tmp_path)["PORTAL_BENCHMARK_DEFAULT_ADMIN"] == "1"


def test_when_on_the_curator_sees_the_plain_changelist(default_admin_on, client, curator):
    InitiativeFactory(title="Læseklub i Ærø", published=True)
    client.force_login(curator)

    response = client.get(DEFAULT_CHANGELIST, {"state__exact": "published"})

    assert response.status_code == 200
    assert "Læseklub i Ærø" in response.text
    assert reverse("bench_default_admin:initiatives_initiative_changelist") == DEFAULT_CHANGELIST


def test_when_on_it_lets_in_only_whom_the_curators_admin_lets_in(default_admin_on):
    without_second_factor = Client()
    without_second_factor.force_login(UserFactory(is_staff=True, is_superuser=True))
    anonymous = Client()

    for client in (without_second_factor, anonymous):
        response = client.get(DEFAULT_CHANGELIST)
        assert response.status_code == 302
        # Its login page is the portal's, with the second factor; it has no form of its own.
        login = client.get(response.url)
        assert login.status_code == 302
        assert login.url.startswith(reverse("account_login"))


def test_its_bench_page_asks_the_curators_cold_addresses_under_its_prefix(default_admin_on):
    load_demo()

    pages = {page.name: page for page in build_pages(seed=1)}

    curators, default = pages["admin changelist"], pages["default admin changelist"]
    assert default.admin and default.warm == DEFAULT_CHANGELIST
    assert default.cold == [
        url.replace(ADMIN_CHANGELIST, DEFAULT_CHANGELIST, 1) for url in curators.cold
    ]
    assert list(pages)[-2:] == ["admin changelist", "default admin changelist"]


def test_the_report_divides_the_curators_rate_by_the_default_ones():
    results = [
        {"page": "admin changelist", "warm": {"rps": 90.0}, "cold": {"rps": 40.0}},
        {"page": "default admin changelist", "warm": {"rps": 30.0}, "cold": {"rps": 20.0}},
    ]

    assert compare_with_default_admin(results) == {"warm": 3.0, "cold": 2.0}
    assert results[0]["warm"]["vs_default_admin"] == 3.0
    assert compare_with_default_admin(results[:1]) == {}
