"""The examples list: filters, facets, sorting, pagination and odd query strings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Initiative
from portal.lib import pagecache
from tests.factories import (
    CategoryFactory,
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    TargetGroupFactory,
    municipality,
)

pytestmark = pytest.mark.django_db

URL = reverse("initiatives:list")


def titles(response):
    return [initiative.title for initiative in response.context["page"]]


def facet(response, name):
    return {
        option.value: option.count
        for f in response.context["facets"]
        if f.name == name
        for option in f.options
    }


@pytest.fixture
def library():
    """A small, varied collection of published examples and one draft."""
    outreach = CategoryFactory(name="Opsøgende tilbud", slug="opsoegende")
    reading = CategoryFactory(name="Læsefremme", slug="laesefremme")
    elderly = TargetGroupFactory(name="Ældre", slug="aeldre")
    children = TargetGroupFactory(name="Udsatte børn og unge", slug="boern")
    red_cross = OrganisationFactory(name="Dansk Røde Kors", slug="roede-kors")
    aarhus_lib = OrganisationFactory(name="Aarhus Bibliotekerne", slug="aarhus-bib")
    covid = PartnershipFactory(name="Partnerskab om COVID-19", slug="covid")
    return {
        "kommer": InitiativeFactory(
            title="Biblioteket Kommer",
            category=outreach,
            target_groups=[elderly],
            nationwide=True,
            uses_volunteers=True,
            format=Initiative.Format.PHYSICAL,
            status=Initiative.Status.RUNNING,
            evidence=Initiative.Evidence.DESCRIBED,
            partnership=covid,
            published=True,
        ),
        "laesekreds": InitiativeFactory(
            title="Digital læsekreds",
            category=reading,
            target_groups=[elderly],
            municipalities=[municipality("751")],
            lead_organisation=aarhus_lib,
            format=Initiative.Format.DIGITAL,
            status=Initiative.Status.RUNNING,
            published=True,
        ),
        "bogpakke": InitiativeFactory(
            title="Bogpakke",
            category=reading,
            target_groups=[children],
            municipalities=[municipality("461"), municipality("101")],
            partner_organisations=[red_cross],
            format=Initiative.Format.PHYSICAL,
            status=Initiative.Status.CONCLUDED,
            evidence=Initiative.Evidence.EVALUATED,
            published=True,
        ),
        "snak": InitiativeFactory(
            title="Snak sammen",
            category=outreach,
            target_groups=[elderly, children],
            municipalities=[municipality("851")],
            lead_organisation=red_cross,
            uses_volunteers=True,
            format=Initiative.Format.HYBRID,
            status=Initiative.Status.IDEA,
            partnership=covid,
            published=True,
        ),
        "draft": InitiativeFactory(title="Hemmelig kladde", category=reading),
    }


def test_lists_only_published_examples(client, library):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Hemmelig kladde" not in titles(response)
    assert response.context["page"].paginator.count == 4


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "laesefremme"}, {"Digital læsekreds", "Bogpakke"}),
        (
            {"category": ["laesefremme", "opsoegende"]},
            {"Digital læsekreds", "Bogpakke", "Biblioteket Kommer", "Snak sammen"},
        ),
        ({"target_group": "boern"}, {"Bogpakke", "Snak sammen"}),
        ({"region": "nordjylland"}, {"Biblioteket Kommer", "Snak sammen"}),
        (
            {"region": ["syddanmark", "midtjylland"]},
            {"Biblioteket Kommer", "Bogpakke", "Digital læsekreds"},
        ),
        ({"municipality": "751"}, {"Biblioteket Kommer", "Digital læsekreds"}),
        ({"municipality": ["461", "851"]}, {"Biblioteket Kommer", "Bogpakke", "Snak sammen"}),
        ({"format": "digital"}, {"Digital læsekreds"}),
        ({"format": ["hybrid", "digital"]}, {"Digital læsekreds", "Snak sammen"}),
        ({"status": "concluded"}, {"Bogpakke"}),
        ({"evidence": "evaluated"}, {"Bogpakke"}),
        ({"evidence": ["evaluated", "described"]}, {"Bogpakke", "Biblioteket Kommer"}),
        ({"volunteers": "yes"}, {"Biblioteket Kommer", "Snak sammen"}),
        ({"volunteers": "no"}, {"Digital læsekreds", "Bogpakke"}),
        ({"partnership": "covid"}, {"Biblioteket Kommer", "Snak sammen"}),
        ({"organisation": "roede-kors"}, {"Bogpakke", "Snak sammen"}),
        ({"organisation": "aarhus-bib"}, {"Digital læsekreds"}),
    ],
)
def test_each_filter_alone(client, library, params, expected):
    assert set(titles(client.get(URL, params))) == expected


def test_filters_combine_with_and_between_groups(client, library):
    response = client.get(
        URL, {"target_group": "aeldre", "volunteers": "yes", "region": "nordjylland"}
    )
    assert set(titles(response)) == {"Biblioteket Kommer", "Snak sammen"}


def test_filters_combine_to_a_single_match(client, library):
    response = client.get(
        URL, {"category": "laesefremme", "region": "hovedstaden", "status": "concluded"}
    )
    assert titles(response) == ["Bogpakke"]


def test_a_nationwide_example_matches_every_region_and_municipality(client, library):
    for params in ({"region": "sjaelland"}, {"municipality": "265"}):
        assert titles(client.get(URL, params)) == ["Biblioteket Kommer"]


def test_facet_counts_promise_what_choosing_the_option_gives(client, library, settings):
    settings.PAGE_CACHE_SECONDS = 0  # some URLs come twice, and a cached answer has no context
    base = {"target_group": "aeldre"}
    response = client.get(URL, base)
    for name, counts in [(f.name, f.options) for f in response.context["facets"]]:
        for option in counts:
            params = {**base, name: option.value}
            got = client.get(URL, params).context["page"].paginator.count
            assert got == option.count, (name, option.value)


def test_facet_counts_for_region_include_nationwide_examples(client, library):
    counts = facet(client.get(URL), "region")
    assert counts["sjaelland"] == 1  # only the nationwide one
    assert counts["nordjylland"] == 2
    assert counts["syddanmark"] == 2


def test_facet_counts_count_an_organisation_once_per_example(client, library):
    lead_and_partner = library["snak"]
    lead_and_partner.partner_organisations.add(lead_and_partner.lead_organisation)
    assert facet(client.get(URL), "organisation")["roede-kors"] == 2


def test_facet_options_without_examples_are_left_out(client, library):
    CategoryFactory(name="Tom kategori", slug="tom")
    assert "tom" not in facet(client.get(URL), "category")


def test_several_values_can_be_chosen_in_one_group(client, library):
    response = client.get(URL, {"category": ["laesefremme", "opsoegende"]})
    chosen = [
        o.value
        for f in response.context["facets"]
        if f.name == "category"
        for o in f.options
        if o.selected
    ]
    assert sorted(chosen) == ["laesefremme", "opsoegende"]


def test_active_filters_are_shown_as_removable_chips(client, library):
    response = client.get(URL, {"category": "laesefremme", "format": "digital"})
    chips = {value: url for _label, value, url in response.context["chips"]}
    assert chips["Læsefremme"] == "?format=digital"
    assert chips["digitalt"] == "?category=laesefremme"


def test_the_clear_all_link_goes_back_to_the_unfiltered_list(client, library):
    response = client.get(URL, {"category": "laesefremme"})
    assert f'class="chip chip--clear" href="{URL}"' in response.text


@pytest.mark.parametrize("index", ["facet index", "no index (cache away)"])
def test_empty_state_suggests_which_filter_to_loosen(client, library, index, monkeypatch):
    if index != "facet index":
        monkeypatch.setattr(pagecache, "generation", lambda: None)
    response = client.get(URL, {"category": "laesefremme", "volunteers": "yes"})
    assert titles(response) == []
    suggestions = {url: count for _label, count, url in response.context["loosen"]}
    assert suggestions == {"?volunteers=yes": 2, "?category=laesefremme": 2}


# Sorting and pagination


def test_newest_first_by_default(client, library):
    assert titles(client.get(URL))[0] == "Snak sammen"


def test_sort_by_title(client, library):
    assert titles(client.get(URL, {"sort": "title"})) == sorted(titles(client.get(URL)))


def test_sort_newest(client, library):
    response = client.get(URL, {"sort": "newest"})
    assert titles(response) == [
        "Snak sammen",
        "Bogpakke",
        "Digital læsekreds",
        "Biblioteket Kommer",
    ]


def test_pages_hold_twenty_examples(client):
    InitiativeFactory.create_batch(45, published=True)
    first, third = client.get(URL), client.get(URL, {"page": "3"})
    assert len(first.context["page"]) == 20
    assert len(third.context["page"]) == 5
    assert set(titles(first)).isdisjoint(titles(client.get(URL, {"page": "2"})))


def test_page_links_keep_the_filters(client):
    category = CategoryFactory(slug="laesefremme")
    InitiativeFactory.create_batch(25, published=True, category=category)
    response = client.get(URL, {"category": "laesefremme"})
    assert "?category=laesefremme&amp;page=2" in response.text


# Odd query strings get a normal page that says what was ignored


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=0",
        "page=999999999999999999999999999999",
        "page=" + "9" * 5000,
        "category=findes-ikke",
        "category=laesefremme&category=findes-ikke",
        "region=atlantis",
        "municipality=999&municipality=abc",
        "volunteers=maybe&volunteers=yes",
        "format=",
        "sort=random",
        "q=" + "bibliotek " * 200,
        "q=%00%01%02",
        "q=%22",
        "q=-",
        "q=or",
        "q=%27%3B+DROP+TABLE",
        "q[]=x&page[]=2",
        "category=%ff%fe",
    ],
)
def test_malformed_query_strings_never_break_the_page(client, library, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200


def test_an_unknown_value_is_reported_and_the_rest_applies(client, library):
    response = client.get(URL, {"category": ["laesefremme", "findes-ikke"]})
    assert set(titles(response)) == {"Digital læsekreds", "Bogpakke"}
    assert any("findes-ikke" in notice for notice in response.context["notices"])


def test_a_page_beyond_the_end_shows_the_last_page_and_says_so(client, library):
    response = client.get(URL, {"page": "99"})
    assert response.context["page"].number == 1
    assert response.context["notices"]


def test_an_overlong_search_is_shortened_and_says_so(client, library):
    response = client.get(URL, {"q": "x" * 1000})
    assert len(response.context["query"]) == 200
    assert response.context["notices"]


def test_an_unknown_sort_falls_back_to_newest_and_says_so(client, library):
    response = client.get(URL, {"sort": "random"})
    assert response.context["sort"] == "newest"
    assert response.context["notices"]


# htmx: the same partial, in place


def test_htmx_request_gets_only_the_results_partial(client, library):
    response = client.get(URL, {"category": "laesefremme"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="filters"' in response.text
    assert "Bogpakke" in response.text
    assert "HX-Request" in response["Vary"]


def test_full_request_wraps_the_same_partial_in_the_layout(client, library):
    response = client.get(URL, {"category": "laesefremme"})
    assert "<html" in response.text
    assert 'id="finder"' in response.text


def test_counts_are_written_the_danish_way(client, library, monkeypatch):
    from initiatives.views import CountedPaginator

    monkeypatch.setattr(CountedPaginator, "count", property(lambda self: 12345))
    assert "12.345 gode eksempler" in client.get(URL).text


def test_the_whole_collections_counts_are_counted_once_per_change(client, library, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the page itself is built each time
    first = client.get(URL)
    with CaptureQueriesContext(connection) as counted_first:
        client.get(URL, {"page": "1"})

    InitiativeFactory(published=True, title="Bogbussen")
    with CaptureQueriesContext(connection) as counted_after_a_change:
        after = client.get(URL, {"page": "1"})

    assert len(counted_first) < len(counted_after_a_change)
    assert after.context["page"].paginator.count == first.context["page"].paginator.count + 1
    assert "Bogbussen" in after.text


# A national portal has thousands of organisations: the facet shows those with most examples.


@pytest.fixture
def many_organisations():
    busy = OrganisationFactory(name="Aarhus Bibliotekerne", slug="aarhus")
    InitiativeFactory.create_batch(3, lead_organisation=busy, published=True)
    quiet = [OrganisationFactory(name=f"Bibliotek {n:02}", slug=f"bib-{n}") for n in range(12)]
    for organisation in quiet:
        InitiativeFactory(lead_organisation=organisation, published=True)
    return quiet


def test_the_organisation_facet_shows_the_ten_with_most_examples_first(client, many_organisations):
    response = client.get(URL)

    shown = [f for f in response.context["facets"] if f.name == "organisation"][0]
    assert [option.value for option in shown.options][:2] == ["aarhus", "bib-0"]
    assert len(shown.options) == 10
    assert shown.hidden == 3
    assert "3 flere står på" in response.text
    assert 'href="/organisationer/"' in response.text


def test_a_chosen_organisation_stays_in_the_facet_though_it_has_few_examples(
    client, many_organisations
):
    response = client.get(URL, {"organisation": "bib-11"})

    shown = [f for f in response.context["facets"] if f.name == "organisation"][0]
    assert shown.options[0].value == "bib-11" and shown.options[0].selected
    assert len(shown.options) == 11
