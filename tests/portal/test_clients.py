"""The client's address behind the proxies that report it (portal/lib/clients.py)."""

from django.test import RequestFactory

from portal.lib import clients


def request(forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", **extra)


def test_without_proxies_the_address_is_the_connections(settings):
    settings.NUM_PROXIES = 0
    assert clients.address(request("203.0.113.7")) == "127.0.0.1"


def test_behind_one_proxy_the_address_is_the_one_it_appended(settings):
    settings.NUM_PROXIES = 1
    # The client wrote the first entry itself; nginx appended the second.
    assert clients.address(request("198.51.100.1, 203.0.113.7")) == "203.0.113.7"


def test_behind_a_proxy_a_request_without_the_header_is_the_connections(settings):
    settings.NUM_PROXIES = 1
    assert clients.address(request()) == "127.0.0.1"


def test_downloads_are_limited_per_client_behind_the_proxy(client, settings, monkeypatch, db):
    from django.urls import reverse

    from opendata import views

    settings.NUM_PROXIES = 1
    monkeypatch.setattr(views, "EXPORTS_PER_CLIENT", 1)
    url = reverse("opendata:csv")
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 200
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 200
