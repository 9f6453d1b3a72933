"""Example cards are rendered once per example, language and change, and kept."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives import cards
from tests.factories import InitiativeFactory, TargetGroupFactory, UserFactory, municipality

pytestmark = pytest.mark.django_db

LIST = reverse("initiatives:list")


@pytest.fixture
def example():
    return InitiativeFactory(
        published=True,
        title="Bogkassen til plejehjem",
        summary="Frivillige bringer bøger ud til ældre på plejehjem.",
        target_groups=[TargetGroupFactory(name="Ældre på plejehjem")],
        municipalities=[municipality("851")],
    )


def cards_on(page):
    """The HTML of the cards on a page, without the filters beside them."""
    return "".join(part.split("</article>")[0] for part in page.split('<article class="card')[1:])


@pytest.fixture
def signed_in(client):
    # A signed-in visitor is never answered from the page cache: every page is built.
    client.force_login(UserFactory())
    return client


def test_a_card_shows_where_and_for_whom(signed_in, example):
    card = cards_on(signed_in.get(LIST).content.decode())

    assert "Ældre på plejehjem" in card
    assert "Aalborg" in card


def test_a_card_shows_the_summary_cut_to_forty_words(signed_in):
    words = [f"ord{n}" for n in range(1, 61)]
    InitiativeFactory(published=True, summary=" ".join(words))
    signed_in.get(LIST)  # kept

    card = cards_on(signed_in.get(LIST).content.decode())

    assert "ord40 …" in card
    assert "ord41" not in card


def test_a_kept_card_needs_no_query_for_its_names(signed_in, example, settings):
    signed_in.get(LIST)
    with CaptureQueriesContext(connection) as first:
        signed_in.get(LIST + "?sort=title")

    settings.PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as unkept:
        signed_in.get(LIST + "?sort=title")

    assert len(unkept) == len(first) + 2  # the target groups and the municipalities


def test_a_kept_card_looks_as_a_fresh_one(signed_in, example, settings):
    kept = signed_in.get(LIST).content.decode()

    settings.PAGE_CACHE_SECONDS = 0
    fresh = signed_in.get(LIST).content.decode()

    assert kept == fresh


def test_renaming_a_target_group_changes_every_card_at_once(signed_in, example):
    signed_in.get(LIST)
    group = example.target_groups.get()

    group.name = "Beboere på plejehjem"
    group.save()

    card = cards_on(signed_in.get(LIST).content.decode())
    assert "Beboere på plejehjem" in card
    assert "Ældre på plejehjem" not in card


def test_changing_an_example_changes_its_card_at_once(signed_in, example):
    signed_in.get(LIST)

    example.municipalities.set([municipality("101")])

    card = cards_on(signed_in.get(LIST).content.decode())
    assert "København" in card
    assert "Aalborg" not in card


def test_danish_and_english_cards_are_kept_apart(signed_in, example):
    InitiativeFactory(published=True, nationwide=True)
    signed_in.get(LIST)

    english = cards_on(signed_in.get("/en" + LIST).content.decode())

    assert "Nationwide" in english
    assert "Landsdækkende" not in english


def test_a_search_card_shows_the_words_of_its_own_search(signed_in, example):
    signed_in.get(LIST, {"q": "frivillige"})

    card = cards_on(signed_in.get(LIST, {"q": "plejehjem"}).content.decode()).lower()

    assert "<mark>plejehjem</mark>" in card
    assert "<mark>frivillige</mark>" not in card


def test_cards_are_built_when_the_cache_is_away(signed_in, example, monkeypatch):
    def away(*args, **kwargs):
        raise ConnectionError("the cache is away")

    monkeypatch.setattr(cards.cache, "get_many", away)
    monkeypatch.setattr(cards.cache, "set_many", away)

    response = signed_in.get(LIST)

    assert response.status_code == 200
    assert "Ældre på plejehjem" in cards_on(response.content.decode())
