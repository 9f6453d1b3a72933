"""The facet index (initiatives/facetindex.py) counts and pages exactly as SQL does."""

import random
from datetime import timedelta

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from initiatives import facetindex
from initiatives.filters import LEVELS, InitiativeFilter
from initiatives.listing import Listing
from initiatives.models import Category, Initiative, TargetGroup
from initiatives.search import Search
from portal.lib import pagecache
from tests.database import made_once
from tests.factories import (
    AdoptionFactory,
    CategoryFactory,
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    TargetGroupFactory,
    municipality,
)

pytestmark = pytest.mark.django_db

URL = reverse("initiatives:list")
QUERIES = [
    "",
    "category=kat-0",
    "category=kat-0&category=kat-1&target_group=tg-2",
    "category=kat-1&target_group=tg-0&region=hovedstaden",
    "region=midtjylland&municipality=101",
    "organisation=org-0&volunteers=yes",
    "organisation=org-1&organisation=org-2&format=digital",
    "partnership=ps-0&evidence=described&status=running",
    "volunteers=no&region=syddanmark&target_group=tg-1&target_group=tg-2",
    "adopted=yes",
    "municipality=779&nationwide=no",
    "region=nordjylland&nationwide=yes&adopted=yes",
    "region=midtjylland&nationwide=no&category=kat-2",
]


@pytest.fixture(scope="module")
def collection(django_db_setup, django_db_blocker):
    """Published examples with every kind of value, drawn from a fixed seed; a draft beside.

    Made once for the module (made per test, it was most of the module's time).
    """
    with made_once(django_db_blocker):
        make_collection()
        yield


def make_collection():
    rng = random.Random(5)
    categories = [CategoryFactory(slug=f"kat-{n}") for n in range(3)]
    groups = [TargetGroupFactory(slug=f"tg-{n}") for n in range(3)]
    organisations = [OrganisationFactory(slug=f"org-{n}") for n in range(4)]
    partnerships = [PartnershipFactory(slug=f"ps-{n}") for n in range(2)]
    places = [municipality(code) for code in ("101", "147", "461", "751", "851")]
    now = timezone.now()
    for n in range(40):
        InitiativeFactory(
            published=True,
            published_at=now - timedelta(days=rng.choice([n, 3])),  # some on the same day
            category=rng.choice(categories),
            target_groups=rng.sample(groups, rng.randint(1, 2)),
            nationwide=rng.random() < 0.15,
            municipalities=rng.sample(places, rng.randint(0, 2)),
            lead_organisation=rng.choice([None, *organisations]),
            partner_organisations=rng.sample(organisations, rng.randint(0, 2)),
            partnership=rng.choice([None, *partnerships]),
            uses_volunteers=rng.random() < 0.5,
            format=rng.choice(Initiative.Format.values),
            status=rng.choice(Initiative.Status.values),
            evidence=rng.choice(Initiative.Evidence.values),
        )
    draft = InitiativeFactory(category=categories[0], target_groups=groups)  # never counted
    # Taken up elsewhere: in places of the collection's own and others, nationwide,
    # and not yet (an adoption waiting for a curator counts nowhere).
    examples = list(Initiative.objects.published().order_by("pk"))
    for example in rng.sample(examples, 12):
        for _ in range(rng.randint(1, 3)):
            code = rng.choice(["101", "461", "779", "851", "860"])
            if rng.random() < 0.2:
                AdoptionFactory(initiative=example, nationwide_spread=True)
            else:
                AdoptionFactory(initiative=example, municipality=municipality(code))
    AdoptionFactory(initiative=examples[0], municipality=municipality("860"), submitted=True)
    AdoptionFactory(initiative=draft, municipality=municipality("860"))


def _counts(query, index):
    published = Initiative.objects.published()
    filterset = InitiativeFilter(QueryDict(query), queryset=published)
    return [
        (facet.name, option.value, option.count)
        for facet in filterset.facets(published, index=index)
        for option in facet.options
    ]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("sparse", [0, 10**6], ids=["by-value", "by-example"])
def test_the_index_counts_every_facet_as_sql_does(collection, query, sparse, monkeypatch):
    monkeypatch.setattr(facetindex, "SPARSE", sparse)
    index = facetindex.FacetIndex.build()

    assert _counts(query, index) == _counts(query, None)


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_pages_newest_first_as_sql_does(collection, query):
    index = facetindex.FacetIndex.build()
    published = Initiative.objects.published()
    filterset = InitiativeFilter(QueryDict(query), queryset=published)
    mask = index.mask(filterset.selected)

    in_sql = list(filterset.qs.order_by("-published_at", "pk").values_list("pk", flat=True))
    assert mask.bit_count() == len(in_sql)
    assert index.ids_between(mask, 0, len(in_sql)) == in_sql
    assert index.ids_between(mask, 3, 7) == in_sql[3:7]


@pytest.mark.parametrize("query", ["", "adopted=yes", "region=nordjylland&format=digital"])
@pytest.mark.parametrize("sort", ["adoptions", "cost", "evidence"])
def test_the_index_pages_a_ranked_sort_as_sql_does(collection, query, sort):
    index = facetindex.FacetIndex.build()
    listing = Listing(QueryDict(f"{query}&sort={sort}"))
    mask = index.mask(listing.selected)
    group = facetindex.REUSE if sort == "adoptions" else sort
    levels = index.levels(group) if sort == "adoptions" else LEVELS[sort]

    in_sql = list(listing.results().values_list("pk", flat=True))
    assert index.ids_by_level(mask, group, levels, 0, len(in_sql)) == in_sql
    # A later page may start inside one level and go on into the next ones.
    for start in range(len(in_sql)):
        window = index.ids_by_level(mask, group, levels, start, start + 7)
        assert window == in_sql[start : start + 7]


def test_the_index_counts_where_examples_run_as_sql_does(collection, monkeypatch):
    monkeypatch.setattr(facetindex, "current", lambda: None)
    in_sql = facetindex.place_counts()
    monkeypatch.undo()

    from_index = facetindex.place_counts()

    assert facetindex.current() is not None
    assert {k: v for k, v in from_index["municipality"].items() if v} == in_sql["municipality"]
    assert {k: v for k, v in from_index["region"].items() if v} == in_sql["region"]
    assert from_index["nationwide"] == in_sql["nationwide"]


def test_the_list_reads_its_counts_from_the_index_without_a_query_per_group(
    client, collection, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(URL)  # builds the index

    # session-free: six option lists, the page, its target groups and municipalities
    with django_assert_max_num_queries(9):
        response = client.get(
            URL, {"category": "kat-1", "target_group": "tg-0", "region": "syddanmark"}
        )

    assert response.status_code == 200


def test_a_change_builds_a_new_index(collection):
    first = facetindex.current()
    InitiativeFactory(published=True, category=CategoryFactory(slug="ny"))

    second = facetindex.current()

    assert second is not first
    assert second.size == first.size + 1


def test_without_the_cache_there_is_no_index_and_the_list_counts_in_sql(
    client, collection, monkeypatch, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(pagecache, "generation", lambda: None)

    response = client.get(URL, {"category": "kat-0"})

    assert facetindex.current() is None
    assert response.context["page"].paginator.count == (
        Initiative.objects.published().filter(category__slug="kat-0").count()
    )


def test_a_page_past_the_end_of_the_index_is_empty(collection):
    index = facetindex.FacetIndex.build()

    assert index.ids_between(index.everything, 1000, 1020) == []


def test_the_closest_examples_are_those_related_examples_in_sql_would_show(collection):
    index = facetindex.FacetIndex.build()
    published = list(Initiative.objects.published().prefetch_related("target_groups"))

    for example in published[:10]:
        groups = {group.pk for group in example.target_groups.all()}

        def closeness(other, example=example, groups=groups):
            shared = len(groups & {group.pk for group in other.target_groups.all()})
            same = other.category_id == example.category_id
            return (-same, -shared, -other.published_at.timestamp(), other.pk)

        related = [
            other
            for other in published
            if other.pk != example.pk
            and (
                other.category_id == example.category_id
                or groups & {group.pk for group in other.target_groups.all()}
            )
        ]
        expected = [other.pk for other in sorted(related, key=closeness)[:4]]
        slugs = [group.slug for group in example.target_groups.all()]
        found = index.closest(example.category.slug, slugs, 4, leave_out=example.pk)
        assert found == expected


@pytest.mark.parametrize("query", ["", "category=kat-0&target_group=tg-1", "format=digital"])
def test_the_index_counts_a_searchs_candidates_as_sql_does(collection, query, monkeypatch):
    monkeypatch.setattr(Search, "CANDIDATES", 12)  # fewer than match, so the bound matters
    index = facetindex.FacetIndex.build()
    published = Initiative.objects.published()
    search = Search("biblioteket", published)
    base = search.filter(published)

    def counts(index):
        filterset = InitiativeFilter(QueryDict(query), queryset=base)
        facets = filterset.facets(base, candidates=search.candidates, index=index)
        return [(f.name, option.value, option.count) for f in facets for option in f.options]

    assert counts(index) == counts(None)


@pytest.mark.parametrize("words", ["biblioteket", "strikkecafé"])
@pytest.mark.parametrize("query", ["category=kat-0", "target_group=tg-1&region=hovedstaden"])
def test_a_filtered_search_looking_among_the_newest_first_finds_what_sql_finds(
    collection, words, query, monkeypatch
):
    monkeypatch.setattr(Search, "CANDIDATES", 4)
    monkeypatch.setattr(Search, "LOOKAHEAD", 6)
    old = timezone.now() - timedelta(days=400)
    for _ in range(3):  # a rarer word, only in older examples that pass both filters
        InitiativeFactory(
            title="Strikkecafé",
            published=True,
            published_at=old,
            category=Category.objects.get(slug="kat-0"),
            target_groups=[TargetGroup.objects.get(slug="tg-1")],
            municipalities=[municipality("101")],
        )
    index = facetindex.FacetIndex.build()
    published = Initiative.objects.published()

    def candidates(newest):
        search = Search(words, published)
        filterset = InitiativeFilter(QueryDict(query), queryset=search.filter(published))
        mask = index.mask(filterset.selected)
        among = index.ids_between(mask, 0, Search.LOOKAHEAD + 1) if newest else None
        return search.candidates(filterset.qs, among)

    assert candidates(newest=True) == candidates(newest=False)


@pytest.mark.parametrize("group", ["category", "partnership"])
def test_the_published_counts_are_the_same_with_or_without_the_index(
    collection, group, monkeypatch
):
    values = ["kat-0", "kat-1", "kat-2"] if group == "category" else ["ps-0", "ps-1"]
    from_index = facetindex.published_counts(group, values)
    monkeypatch.setattr(pagecache, "generation", lambda: None)

    in_sql = facetindex.published_counts(group, values)

    assert {value: in_sql.get(value, 0) for value in values} == from_index


def test_the_option_lists_kept_with_the_index_follow_a_change(client, collection, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(URL)  # builds the index with its option lists
    InitiativeFactory(published=True, category=CategoryFactory(name="Bogbusser", slug="bogbus"))

    response = client.get(URL)

    categories = [f for f in response.context["facets"] if f.name == "category"][0]
    assert "bogbus" in [option.value for option in categories.options]
