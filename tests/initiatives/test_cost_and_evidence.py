"""Cost level and evidence level: filters with counts, sorts, and the evidence page."""

import re

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from tests.factories import AttachmentFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

URL = reverse("initiatives:list")
Cost, Evidence = Initiative.CostLevel, Initiative.Evidence


@pytest.fixture
def examples():
    """Published examples, the newest last, with a cost and an evidence level each."""
    rows = [
        ("Dyr og evalueret", Cost.LARGE, Evidence.EVALUATED),
        ("Gratis og beskrevet", Cost.FREE, Evidence.DESCRIBED),
        ("Uoplyst udgift, forsket", "", Evidence.RESEARCHED),
        ("Billig og udokumenteret", Cost.SMALL, Evidence.NONE),
        ("Gratis og evalueret", Cost.FREE, Evidence.EVALUATED),
    ]
    return [
        InitiativeFactory(title=title, cost_level=cost, evidence=evidence, published=True)
        for title, cost, evidence in rows
    ]


def titles(response):
    return [initiative.title for initiative in response.context["page"]]


def counts(response, name):
    (facet,) = [f for f in response.context["facets"] if f.name == name]
    return {option.value: option.count for option in facet.options}


def test_the_cost_filter_shows_only_examples_at_the_chosen_levels(client, examples, index):
    response = client.get(URL, {"cost": [Cost.FREE, Cost.SMALL]})

    assert sorted(titles(response)) == [
        "Billig og udokumenteret",
        "Gratis og beskrevet",
        "Gratis og evalueret",
    ]


def test_the_cost_facet_counts_every_level(client, examples, index):
    response = client.get(URL, {"evidence": Evidence.EVALUATED})

    assert counts(response, "cost") == {Cost.FREE: 1, Cost.LARGE: 1}


def test_sort_by_cost_puts_the_cheapest_first_and_the_unstated_last(client, examples, index):
    response = client.get(URL, {"sort": "cost"})

    assert titles(response) == [
        "Gratis og evalueret",  # the newer of the two free ones first
        "Gratis og beskrevet",
        "Billig og udokumenteret",
        "Dyr og evalueret",
        "Uoplyst udgift, forsket",
    ]


def test_sort_by_evidence_puts_the_strongest_first(client, examples, index):
    response = client.get(URL, {"sort": "evidence"})

    assert titles(response) == [
        "Uoplyst udgift, forsket",
        "Gratis og evalueret",
        "Dyr og evalueret",
        "Gratis og beskrevet",
        "Billig og udokumenteret",
    ]


def test_sort_by_level_pages_through_every_example_once(client, index):
    for n in range(25):
        InitiativeFactory(title=f"Eksempel {n:02}", cost_level=list(Cost)[n % 4], published=True)

    first = titles(client.get(URL, {"sort": "cost"}))
    second = titles(client.get(URL, {"sort": "cost", "page": 2}))

    assert len(first) == 20 and len(second) == 5
    assert len(set(first + second)) == 25


def test_a_search_can_be_sorted_by_evidence(client, examples, index):
    response = client.get(URL, {"q": "læseklub", "sort": "evidence"})

    levels = [initiative.evidence for initiative in response.context["page"]]
    order = list(reversed(Evidence.values))
    assert levels == sorted(levels, key=order.index)


def test_the_sort_menu_offers_cheapest_and_strongest_evidence_first(client, examples):
    page = client.get(URL).text

    assert 'value="cost"' in page and "Billigst først" in page
    assert 'value="evidence"' in page and "Stærkest evidens først" in page


def test_every_evidence_badge_links_to_the_evidence_page(client, examples):
    evidence = reverse("evidence")
    for url in [URL, examples[0].get_absolute_url()]:
        page = client.get(url).text

        badges = re.findall(r'<a class="evidence evidence--(\w+)" href="([^"]+)"', page)
        assert badges, url
        assert all(href == f"{evidence}#{level}" for level, href in badges)
        assert page.count('class="evidence evidence--') == len(badges)


def test_the_evidence_page_defines_every_level(client):
    page = client.get(reverse("evidence")).text

    for level in Evidence.values:
        assert f'id="{level}"' in page
    assert "Kræver" in page


def test_an_evaluation_file_is_shown_beside_the_evidence_level(client):
    example = InitiativeFactory(published=True, evidence=Evidence.EVALUATED)
    AttachmentFactory(initiative=example, title="Evalueringsrapport 2021", evaluation=True)
    AttachmentFactory(initiative=example, title="Folder til borgerne")

    page = client.get(example.get_absolute_url()).text

    beside_level = re.search(r'<div class="evidence-line">(.*?)</div>', page, re.S).group(1)
    assert "Evalueringsrapport 2021" in beside_level
    assert "Folder til borgerne" not in beside_level
    assert page.count("Evalueringsrapport 2021") == 1
