"""An organisation's page: "Our examples are reused in …", by region and municipality.

The pages are read in English (/en/), so the tests need no Danish catalogue.
"""

import re

import pytest
from django.utils import translation

from initiatives import facetindex
from tests.factories import AdoptionFactory, InitiativeFactory, OrganisationFactory, municipality

pytestmark = pytest.mark.django_db


def content(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def section(client, organisation):
    """The spread section's text, or "" when the page has none."""
    with translation.override("en"):
        url = organisation.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    # The last section of the page's content.
    found = re.search(r'<section class="organisation-spread".*</section>', content(response), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(0)).split()) if found else ""


@pytest.fixture
def library():
    return OrganisationFactory(name="Aarhus Bibliotekerne")


def test_it_counts_per_municipality_how_many_of_its_examples_were_taken_up(client, library):
    first, second = InitiativeFactory.create_batch(2, published=True, lead_organisation=library)
    AdoptionFactory(initiative=first, municipality=municipality("779"))
    AdoptionFactory(initiative=second, municipality=municipality("779"))
    AdoptionFactory(initiative=first, municipality=municipality("851"))

    text = section(client, library)

    assert "Our examples are reused in …" in text
    assert "Region Midtjylland Skive 2 examples" in text
    assert "Region Nordjylland Aalborg 1 example" in text


def test_the_regions_come_in_their_fixed_order(client, library):
    example = InitiativeFactory(published=True, lead_organisation=library)
    AdoptionFactory(initiative=example, municipality=municipality("851"))  # Nordjylland
    AdoptionFactory(initiative=example, municipality=municipality("101"))  # Hovedstaden

    text = section(client, library)

    assert text.index("Region Hovedstaden") < text.index("Region Nordjylland")


def test_an_example_taken_up_twice_in_one_place_counts_once(client, library):
    example = InitiativeFactory(published=True, lead_organisation=library)
    AdoptionFactory.create_batch(2, initiative=example, municipality=municipality("779"))

    assert "Skive 1 example" in section(client, library)


def test_the_examples_it_is_a_partner_in_count_too(client, library):
    example = InitiativeFactory(published=True, partner_organisations=[library])
    AdoptionFactory(initiative=example, municipality=municipality("779"))

    assert "Skive 1 example" in section(client, library)


def test_its_own_adoptions_are_not_counted(client, library):
    example = InitiativeFactory(published=True, lead_organisation=library)
    AdoptionFactory(initiative=example, organisation=library, municipality=municipality("779"))

    assert section(client, library) == ""


def test_unpublished_adoptions_and_examples_are_not_counted(client, library):
    published = InitiativeFactory(published=True, lead_organisation=library)
    archived = InitiativeFactory(lead_organisation=library, state="archived")
    AdoptionFactory(initiative=published, municipality=municipality("779"), submitted=True)
    AdoptionFactory(initiative=archived, municipality=municipality("851"))

    assert section(client, library) == ""


def test_nothing_is_shown_when_no_one_took_its_examples_up(client, library):
    InitiativeFactory(published=True, lead_organisation=library)

    assert section(client, library) == ""


def test_nationwide_adoptions_are_told_apart(client, library):
    example = InitiativeFactory(published=True, lead_organisation=library)
    AdoptionFactory(initiative=example, nationwide_spread=True)

    text = section(client, library)

    assert "Nationwide: 1 of our examples is run by another organisation" in text
    assert "Region" not in text


@pytest.mark.parametrize("adoptions", [1, 15])
def test_the_page_queries_do_not_grow_with_the_adoptions(
    client, library, django_assert_num_queries, adoptions
):
    examples = InitiativeFactory.create_batch(3, published=True, lead_organisation=library)
    places = [municipality(code) for code in ("779", "751", "851", "461", "265", "101")]
    for n in range(adoptions):
        AdoptionFactory(initiative=examples[n % 3], municipality=places[n % len(places)])
    facetindex.current()  # built once per change, not per request
    # the organisation, examples led and joined, partnerships, the cards' target
    # groups and places; where its examples were taken up
    with django_assert_num_queries(7):
        text = section(client, library)
    assert "Our examples are reused in" in text
