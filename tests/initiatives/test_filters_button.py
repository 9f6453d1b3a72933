"""The examples list's "Filtre (n)" button: n counts the filter values in use (issue 15)."""

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

LIST = reverse("initiatives:list")


@pytest.fixture
def categories():
    reading = CategoryFactory(name="Læsefremme", slug="laesefremme")
    outreach = CategoryFactory(name="Opsøgende tilbud", slug="opsoegende")
    InitiativeFactory(title="Bogklub", category=reading, published=True)
    InitiativeFactory(title="Bogbus", category=outreach, published=True, uses_volunteers=True)


def filters_button(response):
    html = response.text
    start = html.index('<summary class="btn btn-outline-primary filters-toggle__button">')
    return html[html.index(">", start) + 1 : html.index("</summary>", start)]


def test_the_button_says_filtre_when_no_filter_is_in_use(client, categories):
    assert filters_button(client.get(LIST)) == "Filtre"


def test_the_button_counts_each_filter_value_in_use(client, categories):
    query = {"category": ["laesefremme", "opsoegende"], "volunteers": "yes"}
    assert filters_button(client.get(LIST, query)) == "Filtre (3)"


def test_the_search_is_not_counted_since_it_stays_outside_the_filters(client, categories):
    assert filters_button(client.get(LIST, {"q": "bog", "category": "laesefremme"})) == "Filtre (1)"


def test_the_button_is_in_english_under_en(client, categories):
    assert filters_button(client.get("/en" + LIST, {"category": "laesefremme"})) == "Filters (1)"
