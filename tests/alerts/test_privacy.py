"""Followed searches are personal data: in the download, and gone with the account."""

import pytest

from accounts import privacy
from alerts.models import FollowedSearch
from tests.alerts.conftest import followed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_personal_list_names_the_followed_searches_owner():
    assert privacy.PERSONAL_FIELDS["alerts.FollowedSearch"] == ("user",)


def test_the_download_holds_the_users_followed_searches(verified_user, homework):
    followed(user=verified_user, query=f"q=lektier&category={homework.slug}", frequency="daily")
    followed(user=UserFactory(), query="q=andres")
    (search,) = privacy.export_user_data(verified_user)["followed_searches"]
    assert search["query"] == f"q=lektier&category={homework.slug}"
    assert search["address"] == f"/eksempler/?q=lektier&category={homework.slug}"
    assert "Lektiehjælp" in search["search"]
    assert search["frequency"] == "daily"
    assert search["followed_at"] and search["checked_until"]
    assert search["last_sent_at"] is None


def test_deleting_the_account_deletes_its_followed_searches(verified_user):
    followed(user=verified_user, query="q=bog")
    others = followed(user=UserFactory(), query="q=bog")
    privacy.delete_account(verified_user)
    assert list(FollowedSearch.objects.all()) == [others]
