"""Following a search: the examples list's "Følg denne søgning" leads here.

Wording is checked in English, where the strings are their own msgids.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from alerts.models import FollowedSearch
from tests.alerts.conftest import follow, follow_url
from tests.factories import TargetGroupFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_sent_to_log_in_and_back(client, homework):
    response = client.get(follow_url(f"q=lektier&category={homework.slug}"))
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("account_login")
        + "?next=/soegninger/foelg/%3Fq%3Dlektier%26category%3Dlektiehjaelp"
    )


def test_the_page_names_the_search_in_words(signed_in, homework):
    response = signed_in.get("/en" + follow_url(f"category={homework.slug}&q=lektier"))
    assert response.status_code == 200
    assert "Search: “lektier” · Category: Lektiehjælp" in response.text


def test_the_frequency_is_a_group_of_radios_with_weekly_chosen(signed_in):
    page = signed_in.get(follow_url()).text
    assert re.search(r"<fieldset[^>]*>\s*<legend", page)
    radios = re.findall(r'<input type="radio"[^>]*name="frequency"[^>]*>', page)
    assert [re.search(r'value="(\w+)"', radio)[1] for radio in radios] == ["daily", "weekly"]
    assert [" checked" in radio for radio in radios] == [False, True]


def test_following_stores_one_search_with_the_normalised_query(signed_in, verified_user, homework):
    group = TargetGroupFactory(name="Ældre")
    response = follow(
        signed_in, f"target_group={group.slug}&page=3&q=lektier&category={homework.slug}", "daily"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("alerts:mine")
    (search,) = FollowedSearch.objects.all()
    assert search.user == verified_user
    assert search.query == f"q=lektier&category={homework.slug}&target_group={group.slug}"
    assert search.frequency == FollowedSearch.Frequency.DAILY
    assert search.language == "da"


def test_following_says_what_is_followed(signed_in, homework):
    response = follow(signed_in, f"category={homework.slug}", language="en")
    (message,) = get_messages(response.wsgi_request)
    assert str(message) == (
        "You now follow this search: Category: Lektiehjælp. E-mails come weekly when it has news."
    )


def test_the_same_search_in_another_order_is_already_followed(signed_in, homework):
    follow(signed_in, f"q=lektier&category={homework.slug}")
    response = follow(
        signed_in, f"category={homework.slug}&sort=relevance&q=lektier", language="en"
    )
    assert FollowedSearch.objects.count() == 1
    *_followed, message = get_messages(response.wsgi_request)
    assert str(message) == "You already follow this search."


def test_the_page_of_a_followed_search_says_so_and_offers_no_form(signed_in, homework):
    follow(signed_in, f"category={homework.slug}")
    page = signed_in.get("/en" + follow_url(f"category={homework.slug}")).text
    assert "You already follow this search." in page
    assert 'name="frequency"' not in page


def test_an_empty_list_address_follows_all_examples(signed_in):
    follow(signed_in)
    assert FollowedSearch.objects.get().query == ""


def test_what_the_list_does_not_understand_is_named_and_left_out(signed_in):
    response = signed_in.get(follow_url("category=findes-ikke"))
    assert "findes-ikke" in response.text
    follow(signed_in, "category=findes-ikke")
    assert FollowedSearch.objects.get().query == ""


def test_following_in_english_records_english_for_the_e_mails(signed_in, homework):
    response = follow(signed_in, f"category={homework.slug}", language="en")
    assert response["Location"] == "/en" + reverse("alerts:mine")
    assert FollowedSearch.objects.get().language == "en"


def test_a_frequency_that_is_not_offered_is_refused_in_the_page(signed_in):
    response = follow(signed_in, "", "hourly")
    assert response.status_code == 200
    assert FollowedSearch.objects.count() == 0


def test_a_user_at_the_limit_is_told_and_cannot_follow_more(signed_in, verified_user, monkeypatch):
    monkeypatch.setattr(FollowedSearch, "MAX_PER_USER", 2)
    follow(signed_in, "q=bog")
    follow(signed_in, "q=læsning")
    page = signed_in.get("/en" + follow_url("q=film")).text
    assert "You follow 2 searches, the most one account can." in page
    assert 'name="frequency"' not in page
    follow(signed_in, "q=film")
    assert verified_user.followed_searches.count() == 2


def test_following_needs_the_csrf_token(client, verified_user):
    client.handler.enforce_csrf_checks = True
    client.force_login(verified_user)
    assert follow(client, "q=bog").status_code == 403
    assert FollowedSearch.objects.count() == 0
