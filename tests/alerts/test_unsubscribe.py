"""The one-click link in every digest: it works without logging in, and a GET never stops."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from alerts.models import FollowedSearch
from tests.alerts.conftest import followed, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(homework):
    """The unsubscribe address, as the digest e-mail gives it (path only)."""
    followed(query=f"category={homework.slug}", language="en")
    published(2, category=homework)
    call_command("send_digests", frequency="weekly")
    (email,) = mail.outbox
    (url,) = re.findall(r"https?://\S+/soegninger/afmeld/\S+/", email.body)
    return re.sub(r"^https?://[^/]+", "", url)


def test_opening_the_link_asks_and_stops_nothing(link):
    response = Client().get(link)
    assert response.status_code == 200
    assert "Stop e-mails about this search?" in response.text
    assert "Category: Lektiehjælp" in response.text
    assert FollowedSearch.objects.count() == 1


def test_the_page_is_kept_by_no_cache_and_no_search_engine(link):
    response = Client().get(link)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_button_stops_the_e_mails_without_a_login(link):
    response = Client(enforce_csrf_checks=True).post(link)
    assert response.status_code == 200
    assert "The e-mails are stopped" in response.text
    assert "Category: Lektiehjælp" in response.text
    assert FollowedSearch.objects.count() == 0


def test_the_mail_providers_one_click_post_stops_them(link):
    # RFC 8058: the provider posts this body, with no cookie and no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        link,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert FollowedSearch.objects.count() == 0


def test_a_stopped_search_says_so_kindly(link):
    Client().post(link)
    for method in ("get", "post"):
        response = getattr(Client(), method)(link)
        assert response.status_code == 200
        assert "These e-mails are already stopped" in response.text


@pytest.mark.parametrize(
    "change",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
        lambda token: "9" + token,  # another search's number, the same signature
        lambda token: token.split(":")[0],  # no signature at all
        lambda token: "x:" + token.split(":")[1],
    ],
)
def test_a_changed_link_stops_nothing_and_fails_kindly(link, change):
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = link.replace(token, change(token))
    for method in ("get", "post"):
        response = getattr(Client(), method)(forged)
        assert response.status_code == 400
        assert "This link does not work" in response.text
    assert FollowedSearch.objects.count() == 1


def test_a_token_signed_for_something_else_is_refused(link):
    from django.core import signing

    pk = FollowedSearch.objects.get().pk
    other = signing.Signer().sign(str(pk))  # the default salt: not an unsubscribe link
    assert Client().post(f"/en/soegninger/afmeld/{other}/").status_code == 400
    assert FollowedSearch.objects.count() == 1


def test_the_link_in_danish_leads_to_the_danish_page(homework):
    search = followed(query=f"category={homework.slug}")
    response = Client().get(search.unsubscribe_url())
    assert response.status_code == 200
    assert '<html lang="da">' in response.text
