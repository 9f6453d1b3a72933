from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alerts.models import FollowedSearch
from tests.factories import CategoryFactory, InitiativeFactory, UserFactory

HOMEWORK = "Lektiehjælp"


@pytest.fixture
def homework(db):
    return CategoryFactory(name=HOMEWORK)


@pytest.fixture
def signed_in(client, verified_user):
    client.force_login(verified_user)
    return client


def follow_url(query=""):
    return reverse("alerts:follow") + (f"?{query}" if query else "")


def follow(client, query="", frequency="weekly", *, language="da"):
    """Follow the list `query` shows, as the form on the follow page does."""
    prefix = "" if language == "da" else f"/{language}"
    return client.post(prefix + follow_url(query), {"frequency": frequency})


def followed(user=None, query="", frequency="weekly", hours_ago=24, **kwargs):
    """A followed search whose watermark lies `hours_ago` back, so later examples are new."""
    search = FollowedSearch.objects.create(
        user=user or UserFactory(), query=query, frequency=frequency, **kwargs
    )
    search.checked_until = timezone.now() - timedelta(hours=hours_ago)
    search.save(update_fields=["checked_until"])
    return search


def published(hours_ago, **kwargs):
    """An example published `hours_ago` hours back."""
    return InitiativeFactory(
        published=True, published_at=timezone.now() - timedelta(hours=hours_ago), **kwargs
    )
