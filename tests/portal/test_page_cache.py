"""The portal's page cache: anonymous pages from memory, never older than the last change."""

import pytest
from django.urls import reverse

from initiatives import services
from initiatives.models import Initiative
from portal.lib import pagecache
from tests.factories import (
    CategoryFactory,
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def looked_at_twice(client, url):
    """Request `url` twice as an anonymous visitor; return the second, cached, answer."""
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit", url
    return response


@pytest.fixture
def example():
    partnership = PartnershipFactory(name="Læselyst for alle")
    return InitiativeFactory(
        published=True,
        title="Bogkassen til plejehjem",
        partnership=partnership,
        lead_organisation=OrganisationFactory(name="Vejle Bibliotekerne", confirmed=True),
    )


def pages_showing(example):
    return [
        "/",
        reverse("initiatives:list"),
        reverse("initiatives:list") + "?q=bogkassen",
        reverse("initiatives:list") + f"?category={example.category.slug}",
        example.get_absolute_url(),
        example.partnership.get_absolute_url(),
        example.lead_organisation.get_absolute_url(),
    ]


def test_a_second_anonymous_request_is_answered_from_the_cache(client, example):
    client.get(reverse("initiatives:list"))

    response = client.get(reverse("initiatives:list"))

    assert response["X-Page-Cache"] == "hit"
    assert "Bogkassen til plejehjem" in response.content.decode()


def test_a_cached_page_is_answered_without_a_database_query(
    client, example, django_assert_num_queries
):
    client.get(example.get_absolute_url())

    with django_assert_num_queries(0):
        response = client.get(example.get_absolute_url())

    assert response.status_code == 200


def test_a_cached_page_keeps_its_headers(client, example):
    first = client.get(reverse("initiatives:list"))

    again = client.get(reverse("initiatives:list"))

    assert again["Cache-Control"] == first["Cache-Control"]
    assert again["Content-Language"] == "da"
    assert again["Content-Type"] == first["Content-Type"]


def test_a_signed_in_visitor_is_never_answered_from_the_cache(client, example):
    looked_at_twice(client, reverse("initiatives:list"))
    client.force_login(UserFactory())

    response = client.get(reverse("initiatives:list"))

    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_a_page_that_sets_a_cookie_is_not_kept(client):
    client.get(reverse("account_login"))

    response = client.get(reverse("account_login"))

    assert "X-Page-Cache" not in response


def test_an_htmx_request_gets_its_own_cached_part(client, example):
    looked_at_twice(client, reverse("initiatives:list"))

    part = client.get(reverse("initiatives:list"), headers={"HX-Request": "true"})

    assert part["X-Page-Cache"] == "miss"
    assert "<html" not in part.content.decode()


def test_danish_and_english_pages_are_kept_apart(client, example):
    looked_at_twice(client, reverse("initiatives:list"))

    english = client.get("/en" + reverse("initiatives:list"))

    assert english["Content-Language"] == "en"


def test_the_cache_can_be_switched_off(client, example, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(reverse("initiatives:list"))

    response = client.get(reverse("initiatives:list"))

    assert "X-Page-Cache" not in response


def test_a_lost_generation_starts_afresh_and_misses(client, example):
    from django.core.cache import cache

    looked_at_twice(client, reverse("initiatives:list"))
    cache.delete(pagecache.GENERATION_KEY)

    response = client.get(reverse("initiatives:list"))

    assert response["X-Page-Cache"] == "miss"


# Every page that shows an example changes at once when it does.


def test_publishing_an_example_shows_it_on_every_page_at_once(client, curator, example):
    submitted = InitiativeFactory(
        submitted=True,
        title="Lektiecafé i Vollsmose",
        category=example.category,
        partnership=example.partnership,
        lead_organisation=example.lead_organisation,
    )
    # The search and the first example's own page do not show the new one.
    urls = [url for url in pages_showing(example) if "?q=" not in url]
    urls.remove(example.get_absolute_url())
    for url in urls:
        assert "Lektiecafé i Vollsmose" not in looked_at_twice(client, url).content.decode()

    services.moderate(submitted, step="publish", by=curator)

    for url in [*urls, submitted.get_absolute_url()]:
        assert "Lektiecafé i Vollsmose" in client.get(url).content.decode(), url


def test_changing_an_example_changes_every_page_at_once(
    client, example, django_capture_on_commit_callbacks
):
    for url in pages_showing(example):
        looked_at_twice(client, url)

    with django_capture_on_commit_callbacks(execute=True):  # the search document too
        example.title = "Bogkassen til botilbud"
        example.save()

    for url in pages_showing(example):
        assert "Bogkassen til botilbud" in client.get(url).content.decode(), url


def test_archiving_an_example_takes_it_off_every_page_at_once(client, curator, example):
    for url in pages_showing(example):
        looked_at_twice(client, url)

    services.moderate(example, step="archive", by=curator)

    for url in pages_showing(example):
        response = client.get(url)
        assert "Bogkassen til plejehjem" not in response.content.decode() or (
            response.status_code == 404
        ), url


def test_renaming_a_category_changes_every_page_at_once(
    client, example, django_capture_on_commit_callbacks
):
    category = example.category
    for url in pages_showing(example):
        looked_at_twice(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        category.name = "Læsning for alle"
        category.save()

    for url in [reverse("initiatives:list"), example.get_absolute_url()]:
        assert "Læsning for alle" in client.get(url).content.decode(), url


def test_confirming_an_organisation_shows_it_at_once(client, example):
    waiting = OrganisationFactory(name="Odense Bibliotekerne", confirmed=False)
    url = reverse("partnerships:organisation_list")
    assert "Odense Bibliotekerne" not in looked_at_twice(client, url).content.decode()

    waiting.confirmed = True
    waiting.save()

    assert "Odense Bibliotekerne" in client.get(url).content.decode()


def test_a_change_in_a_transaction_is_seen_after_it_commits(
    client, example, django_capture_on_commit_callbacks
):
    url = example.get_absolute_url()
    looked_at_twice(client, url)

    with django_capture_on_commit_callbacks() as callbacks:
        Initiative.objects.filter(pk=example.pk).update(title="Bogkassen, ny udgave")
        pagecache.invalidate()
        # Another visitor caches the page before the commit ...
        client.get(url)
    for callback in callbacks:
        callback()

    # ... and the commit throws that copy away.
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_a_new_category_shows_in_the_filters_at_once(client, example):
    url = reverse("initiatives:list")
    looked_at_twice(client, url)

    InitiativeFactory(published=True, category=CategoryFactory(name="Bogbusser"))

    assert "Bogbusser" in client.get(url).content.decode()
