"""/udbredelse/: how many examples run in each region and municipality, own and adopted.

The pages are read in English (/en/udbredelse/) where the words matter, so the
tests need no Danish catalogue.
"""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from initiatives import facetindex
from partnerships.models import Municipality, Region
from tests.factories import AdoptionFactory, InitiativeFactory, municipality

pytestmark = pytest.mark.django_db


def page(client, language="da"):
    with translation.override(language):
        url = reverse("adoptions:spread")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def count_cell(html, anchor):
    """The count beside a region (#region-<slug>) or a municipality (its name) in the tables."""
    row = re.search(rf"<th scope=\"row\">{anchor}</th>\s*<td[^>]*>(.*?)</td>", html, re.S)
    return row.group(1)


def number_in(cell):
    """The number a count cell shows, without its words for screen readers."""
    shown = re.sub(r'<span class="visually-hidden">.*?</span>', "", cell)
    return re.sub(r"<[^>]+>", "", shown).strip()


def municipality_count(html, name):
    return number_in(count_cell(html, name))


def link_in(cell):
    found = re.search(r'href="([^"]+)"', cell)
    return unescape(found.group(1)) if found else None


def region_cell(html, slug):
    return count_cell(html, rf'<a href="#region-{slug}">[^<]+</a>')


def test_a_municipality_counts_its_own_and_its_adopted_examples(client):
    InitiativeFactory(published=True, municipalities=[municipality("779")])
    adopted = InitiativeFactory(published=True, municipalities=[municipality("101")])
    AdoptionFactory(initiative=adopted, municipality=municipality("779"))

    html = page(client)

    assert municipality_count(html, "Skive") == "2"
    assert municipality_count(html, "København") == "1"


def test_each_count_links_to_the_list_of_the_examples_it_counts(client):
    InitiativeFactory(published=True, municipalities=[municipality("779")])

    html = page(client)

    assert link_in(count_cell(html, "Skive")) == "/eksempler/?municipality=779&nationwide=no"
    assert link_in(region_cell(html, "midtjylland")) == (
        "/eksempler/?region=midtjylland&nationwide=no"
    )


def test_the_list_behind_a_link_counts_the_same_examples(client):
    InitiativeFactory(published=True, municipalities=[municipality("779")])
    adopted = InitiativeFactory(published=True, municipalities=[municipality("101")])
    AdoptionFactory(initiative=adopted, municipality=municipality("751"))
    InitiativeFactory(published=True, nationwide=True)

    html = page(client)

    for cell, expected in [
        (count_cell(html, "Skive"), 1),
        (region_cell(html, "midtjylland"), 2),
        (region_cell(html, "hovedstaden"), 1),
    ]:
        listed = client.get(link_in(cell)).context["page"].paginator.count
        assert listed == expected


def test_an_example_counts_once_in_a_region_where_it_runs_in_two_places(client):
    example = InitiativeFactory(published=True, municipalities=[municipality("751")])
    AdoptionFactory(initiative=example, municipality=municipality("779"))

    html = page(client)

    assert number_in(region_cell(html, "midtjylland")) == "1"


def test_nationwide_examples_are_counted_apart_with_a_link_to_them(client):
    InitiativeFactory.create_batch(2, published=True, nationwide=True)

    html = page(client, "en")

    assert "2 examples run in the whole country." in html
    assert 'href="/en/eksempler/?nationwide=yes"' in html
    assert municipality_count(html, "Skive") == "0"
    assert number_in(region_cell(html, "midtjylland")) == "0"


def test_a_place_without_examples_shows_zero_without_a_link(client):
    InitiativeFactory(published=True, municipalities=[municipality("779")])

    html = page(client)

    assert count_cell(html, "Aalborg").strip() == "0"
    assert link_in(count_cell(html, "Aalborg")) is None


def test_unpublished_examples_and_adoptions_are_not_counted(client):
    InitiativeFactory(municipalities=[municipality("851")])  # a draft
    published = InitiativeFactory(published=True, municipalities=[municipality("101")])
    AdoptionFactory(initiative=published, municipality=municipality("461"), submitted=True)

    html = page(client)

    assert municipality_count(html, "Aalborg") == "0"
    assert municipality_count(html, "Odense") == "0"
    assert municipality_count(html, "København") == "1"


def test_every_municipality_is_listed_under_its_region(client):
    html = page(client)

    for slug, _label in Region.choices:
        table = re.search(rf'<table[^>]*id="region-{slug}".*?</table>', html, re.S).group(0)
        names = re.findall(r'<th scope="row">([^<]+)</th>', table)
        expected = Municipality.objects.filter(region=slug).order_by("name")
        assert names == [unescape(m) for m in expected.values_list("name", flat=True)]
    assert len(re.findall(r'<th scope="row">[^<]+</th>', html)) == 98


def test_the_chart_is_an_image_whose_description_names_every_value(client):
    InitiativeFactory(published=True, municipalities=[municipality("101")])
    InitiativeFactory.create_batch(3, published=True, municipalities=[municipality("779")])

    html = page(client, "en")
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)

    assert 'role="img"' in svg
    assert "<title id=" in svg
    description = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert description == (
        "Region Hovedstaden: 1 example. Region Sjælland: 0 examples. "
        "Region Syddanmark: 0 examples. Region Midtjylland: 3 examples. "
        "Region Nordjylland: 0 examples."
    )


def test_the_bars_are_in_proportion_to_the_counts(client):
    InitiativeFactory(published=True, municipalities=[municipality("101")])
    InitiativeFactory.create_batch(4, published=True, municipalities=[municipality("779")])
    InitiativeFactory.create_batch(2, published=True, municipalities=[municipality("461")])

    html = page(client)
    widths = [
        float(w) for w in re.findall(r'<rect class="spread-chart__bar"[^>]*width="([\d.]+)"', html)
    ]

    # Hovedstaden 1, Syddanmark 2, Midtjylland 4; the regions without examples have no bar
    assert len(widths) == 3
    assert widths[0] * 4 == pytest.approx(widths[2])
    assert widths[1] * 2 == pytest.approx(widths[2])


def test_the_chart_has_no_inline_style_nor_a_decimal_comma(client):
    InitiativeFactory(published=True, municipalities=[municipality("101")])
    InitiativeFactory.create_batch(2, published=True, municipalities=[municipality("779")])

    svg = re.search(r"<svg.*?</svg>", page(client), re.S).group(0)

    assert "style" not in svg
    assert "<script" not in svg
    assert not re.search(r'="\d+,\d', svg)


def test_the_english_page_links_to_the_english_list(client):
    InitiativeFactory(published=True, municipalities=[municipality("779")])

    html = page(client, "en")

    assert link_in(count_cell(html, "Skive")) == "/en/eksempler/?municipality=779&nationwide=no"
    assert "<h1>Where the examples run</h1>" in html


def test_the_footer_leads_to_the_page(client):
    html = client.get(reverse("home")).content.decode()

    assert f'href="{reverse("adoptions:spread")}"' in html


def test_the_sitemap_lists_the_page(client):
    xml = client.get("/sitemap-sider.xml").content.decode()

    assert "/udbredelse/</loc>" in xml


@pytest.mark.parametrize("size", [2, 30])
def test_the_page_queries_do_not_grow_with_the_examples(client, django_assert_num_queries, size):
    places = [municipality(code) for code in ("101", "265", "461", "751", "851")]
    for n in range(size):
        example = InitiativeFactory(published=True, municipalities=[places[n % 5]])
        AdoptionFactory(initiative=example, municipality=places[(n + 1) % 5])
    facetindex.current()  # built once per change, not per request
    with django_assert_num_queries(1):  # the municipalities; the counts come with the index
        page(client)


@pytest.mark.parametrize("size", [2, 30])
def test_without_the_index_the_page_still_counts_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, monkeypatch, size
):
    for _n in range(size):
        example = InitiativeFactory(published=True, municipalities=[municipality("101")])
        AdoptionFactory(initiative=example, municipality=municipality("851"))
    monkeypatch.setattr(facetindex, "current", lambda: None)  # a cache outage
    # the places of its own and adopted, the nationwide count; the municipalities
    with django_assert_num_queries(4):
        html = page(client)
    assert municipality_count(html, "Aalborg") == str(size)
