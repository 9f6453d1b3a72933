""" "My searches" (Mine søgninger): the signed-in user's followed searches, and only theirs."""

import pytest
from django.urls import reverse

from alerts.models import FollowedSearch
from tests.alerts.conftest import followed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MINE = reverse("alerts:mine")


def test_it_needs_a_login(client):
    response = client.get(MINE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_lists_the_users_searches_as_links_to_their_lists(signed_in, verified_user, homework):
    search = followed(user=verified_user, query=f"category={homework.slug}")
    page = signed_in.get("/en" + MINE).text
    assert f'<a href="/en/eksempler/?category={homework.slug}">Category: Lektiehjælp</a>' in page
    assert f'id="id_frequency_{search.pk}"' in page


def test_it_lists_no_one_elses_searches(signed_in, verified_user):
    followed(user=verified_user, query="q=bog")
    followed(user=UserFactory(), query="q=hemmelig")
    page = signed_in.get(MINE).text
    assert "“bog”" in page
    assert "hemmelig" not in page


def test_without_searches_it_explains_how_to_follow_one(signed_in):
    page = signed_in.get("/en" + MINE).text
    assert "You do not follow any searches yet" in page
    assert f'href="/en{reverse("initiatives:list")}"' in page


def test_its_queries_do_not_grow_with_the_searches(
    signed_in, verified_user, django_assert_max_num_queries
):
    for n in range(20):
        followed(user=verified_user, query=f"q=ord{n}")
    # session, user, searches (3); the facet index that names the filters' options,
    # which a process builds once per change to the examples (10, where they run by
    # adoption included): one for all searches
    with django_assert_max_num_queries(13):
        assert signed_in.get(MINE).status_code == 200


def test_the_account_menu_links_my_searches(signed_in):
    # The account pages' side menu; the header keeps to "My examples" so that it fits one line.
    assert f'href="{MINE}"' in signed_in.get(reverse("initiatives:mine")).text


def test_the_user_deletes_their_own_search(signed_in, verified_user):
    search = followed(user=verified_user)
    response = signed_in.post(reverse("alerts:delete", kwargs={"pk": search.pk}))
    assert response.status_code == 302
    assert response["Location"] == MINE
    assert not FollowedSearch.objects.exists()


def test_another_users_search_is_not_found_and_stays(signed_in):
    theirs = followed(user=UserFactory())
    for name in ("alerts:delete", "alerts:frequency"):
        url = reverse(name, kwargs={"pk": theirs.pk})
        assert signed_in.post(url, {"frequency": "daily"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.frequency == "weekly"


def test_deleting_is_a_post(signed_in, verified_user):
    search = followed(user=verified_user)
    assert signed_in.get(reverse("alerts:delete", kwargs={"pk": search.pk})).status_code == 405
    assert FollowedSearch.objects.exists()


def test_the_user_changes_how_often(signed_in, verified_user):
    search = followed(user=verified_user)
    url = reverse("alerts:frequency", kwargs={"pk": search.pk})
    assert signed_in.post(url, {"frequency": "daily"})["Location"] == MINE
    search.refresh_from_db()
    assert search.frequency == "daily"


def test_a_frequency_not_offered_changes_nothing(signed_in, verified_user):
    search = followed(user=verified_user)
    signed_in.post(reverse("alerts:frequency", kwargs={"pk": search.pk}), {"frequency": "x"})
    search.refresh_from_db()
    assert search.frequency == "weekly"
