import pytest
from django.urls import reverse

from partnerships.models import Partnership
from tests.factories import CategoryFactory, InitiativeFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_home_shows_featured_and_newest_published_examples(client):
    featured = InitiativeFactory(title="Fremhævet", published=True, featured=True)
    newest = InitiativeFactory(title="Nyeste", published=True)
    InitiativeFactory(title="Kladde")
    response = client.get(reverse("home"))
    assert list(response.context["featured"]) == [featured]
    assert newest in response.context["newest"]
    assert "Kladde" not in response.text


def test_a_featured_example_is_not_repeated_under_newest(client):
    featured = InitiativeFactory(title="Fremhævet", published=True, featured=True)
    newest = InitiativeFactory(title="Nyeste", published=True)
    response = client.get(reverse("home"))
    assert list(response.context["newest"]) == [newest]
    assert response.text.count(featured.get_absolute_url()) == 1


def test_featured_examples_beyond_those_shown_may_be_among_the_newest(client):
    InitiativeFactory.create_batch(5, published=True, featured=True)
    response = client.get(reverse("home"))
    shown = {item.pk for item in response.context["featured"]}
    assert len(shown) == 4
    assert shown.isdisjoint(item.pk for item in response.context["newest"])
    assert len(response.context["newest"]) == 1


@pytest.mark.parametrize(("count", "columns"), [(1, 2), (2, 2), (3, 3), (4, 4), (6, 4)])
def test_featured_examples_fill_one_row_of_as_many_columns_as_cards(client, count, columns):
    InitiativeFactory.create_batch(count, published=True, featured=True)
    response = client.get(reverse("home"))
    assert len(response.context["featured"]) == min(count, 4)
    assert response.context["featured_columns"] == columns


def test_the_home_page_has_one_search_box(client):
    text = client.get(reverse("home")).text
    assert text.count('role="search"') == 1
    assert text.count('type="search"') == 1


def test_home_counts_published_examples_per_category(client):
    category = CategoryFactory(name="Lektiehjælp og læring")
    InitiativeFactory.create_batch(2, category=category, published=True)
    InitiativeFactory(category=category)
    response = client.get(reverse("home"))
    counts = {c.name: c.published_count for c in response.context["categories"]}
    assert counts["Lektiehjælp og læring"] == 2
    assert "2 eksempler" in response.text


def test_home_lists_only_active_partnerships(client):
    PartnershipFactory(name="Aktivt", status=Partnership.Status.ACTIVE)
    PartnershipFactory(name="Afsluttet", status=Partnership.Status.CONCLUDED)
    partnerships = client.get(reverse("home")).context["partnerships"]
    assert [p.name for p in partnerships] == ["Aktivt"]


def test_home_has_a_search_box_that_goes_to_the_list(client):
    text = client.get(reverse("home")).text
    assert f'action="{reverse("initiatives:list")}"' in text
    assert 'name="q"' in text


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.content == b"ok"


def test_pages_are_danish_even_when_the_browser_asks_for_english(client):
    response = client.get(reverse("home"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="da">' in response.text
    assert response["Content-Language"] == "da"


def test_english_pages_live_under_en(client):
    response = client.get("/en" + reverse("home"))
    assert '<html lang="en">' in response.text
    assert response["Content-Language"] == "en"


def test_a_language_cookie_is_ignored(client):
    client.cookies["django_language"] = "en"
    assert '<html lang="da">' in client.get(reverse("home")).text


def test_anonymous_pages_set_no_cookie_and_can_be_cached_by_a_proxy(client):
    InitiativeFactory(published=True)
    for url in [reverse("home"), reverse("initiatives:list"), "/en" + reverse("home")]:
        response = client.get(url)
        assert not response.cookies, url
        assert "cookie" not in response.get("Vary", "").lower(), url
        assert "public" in response["Cache-Control"], url


def test_pages_for_a_signed_in_user_are_private(client, contributor):
    client.force_login(contributor)
    for url in [reverse("home"), reverse("initiatives:mine"), reverse("accounts:profile")]:
        response = client.get(url)
        assert "private" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url


def test_a_page_with_a_form_token_is_not_public(client):
    response = client.get(reverse("account_login"))
    assert "public" not in response.get("Cache-Control", "")
    assert "Cookie" in response["Vary"]


def test_favicon_ico_leads_to_the_portals_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_home_lists_categories_in_the_curators_order_as_the_list_filters_do(client):
    # Positions run against the alphabet, and Å sorts differently on the two databases.
    for position, name in enumerate(["Åbne rum", "Ældre", "Bogpakker"]):
        InitiativeFactory(category=CategoryFactory(name=name, position=position), published=True)
    home = client.get(reverse("home")).context["categories"]
    assert [category.name for category in home] == ["Åbne rum", "Ældre", "Bogpakker"]
    facets = client.get(reverse("initiatives:list")).context["facets"]
    [category_facet] = [facet for facet in facets if facet.name == "category"]
    assert [option.label for option in category_facet.options] == ["Åbne rum", "Ældre", "Bogpakker"]
