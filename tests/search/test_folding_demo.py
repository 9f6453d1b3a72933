"""Finding without Danish letters in the demo content, the same on PostgreSQL and SQLite.

The demo stays loaded for the whole module (see conftest.py), so these tests
have a module of their own.
"""

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from initiatives.search import Search

pytestmark = pytest.mark.django_db

URL = reverse("initiatives:list")

# What "bibliotekerne" finds in the demo content on PostgreSQL (Danish stemming
# makes it "bibliotek"); SQLite must find the same. Compounds count: Snak sammen
# online has "Bibliotekspersonale", and Lektiehjælp's organisation is Danmarks
# Biblioteksforening.
BIBLIOTEKERNE = {
    "aabne-biblioteket-for-udvalgte-besoeg",
    "biblioteket-kommer",
    "digital-laesekreds-for-ensomme-aeldre",
    "digitale-tilbud-for-aeldre-og-svage",
    "formidling-paa-plejehjem-i-karantaenetider",
    "laesesale",
    "lektiehjaelp",
    "non-readers-i-biblioteksrummet",
    "online-arrangementer",
    "samtalekasser",
    "sende-biblioteket-paa-bogtur-i-lokalomraadet",
    "smittefare",
    "snak-sammen-online",
    "telefonisk-kontakt",
    "udlaan-af-depoter-til-institutioner",
}


def found_slugs(q):
    """The slugs of every published example the query matches."""
    published = Initiative.objects.published()
    return set(Search(q, published).filter(published).values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("without", "with_"),
    [("aeldre", "ældre"), ("boern", "børn"), ("AELDRE", "Ældre"), ("aabne", "åbne")],
)
def test_a_word_without_danish_letters_finds_the_demo_examples_the_word_with_them_finds(
    demo, without, with_
):
    assert found_slugs(with_)
    assert found_slugs(without) == found_slugs(with_)


def test_bibliotekerne_finds_the_same_demo_examples_on_both_databases(demo):
    assert found_slugs("bibliotekerne") == BIBLIOTEKERNE


@pytest.mark.postgres
@pytest.mark.parametrize(("without", "with_"), [("aeldre", "ældre"), ("boern", "børn")])
def test_postgres_ranks_a_word_without_danish_letters_as_the_word_with_them(
    demo, client, without, with_
):
    def ranked(q):
        return [example.slug for example in client.get(URL, {"q": q}).context["page"]]

    assert ranked(without) == ranked(with_)
