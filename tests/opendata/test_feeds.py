"""Atom feeds of newly published examples, for any list and linked from the pages they follow."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    CategoryFactory,
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db

FEED = reverse("opendata:feed")
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return root, root.findall("atom:entry", ATOM)


def titles(response):
    _root, found = entries(response)
    return [entry.findtext("atom:title", namespaces=ATOM) for entry in found]


@pytest.fixture
def homework():
    return CategoryFactory(name="Lektiehjælp", slug="lektiehjaelp")


def test_a_filtered_feed_holds_the_lists_examples_newest_first(client, homework):
    now = timezone.now()
    InitiativeFactory(
        title="Lektiecafé i Skive",
        category=homework,
        published=True,
        published_at=now - timedelta(days=2),
    )
    InitiativeFactory(
        title="Lektier online",
        category=homework,
        published=True,
        published_at=now - timedelta(days=1),
    )
    InitiativeFactory(title="Biblioteket Kommer", published=True, published_at=now)
    InitiativeFactory(title="Kladde om lektier", category=homework)

    assert titles(client.get(FEED, {"category": "lektiehjaelp"})) == [
        "Lektier online",
        "Lektiecafé i Skive",
    ]


def test_a_searched_feed_holds_the_matches(client):
    InitiativeFactory(title="Digital læsekreds", summary="Vi læser sammen online.", published=True)
    InitiativeFactory(title="Bogbussen", summary="Bøger kommer ud til landsbyerne.", published=True)
    assert titles(client.get(FEED, {"q": "læsekreds"})) == ["Digital læsekreds"]


def test_an_entry_links_to_the_example_and_says_when_and_by_whom(client):
    example = InitiativeFactory(
        title="Bogpakker til familier",
        lead_organisation=OrganisationFactory(name="Aarhus Bibliotekerne"),
        published=True,
    )
    _root, [entry] = entries(client.get(FEED))
    assert entry.find("atom:link", ATOM).get("href") == (
        f"http://testserver{example.get_absolute_url()}"
    )
    assert entry.findtext("atom:summary", namespaces=ATOM) == example.summary
    assert entry.findtext("atom:author/atom:name", namespaces=ATOM) == "Aarhus Bibliotekerne"
    assert entry.findtext("atom:published", namespaces=ATOM)


def test_the_feed_names_its_list_and_licence(client, homework):
    root, _found = entries(client.get(FEED, {"category": "lektiehjaelp", "junk": "x"}))
    assert "Lektiehjælp" in root.findtext("atom:title", namespaces=ATOM)
    alternate = root.find("atom:link[@rel='alternate']", ATOM).get("href")
    assert alternate.endswith("/eksempler/?category=lektiehjaelp")
    assert root.findtext("atom:rights", namespaces=ATOM).startswith("CC BY 4.0")


def test_no_entry_carries_contact_details(client):
    InitiativeFactory(
        contact_name="Hanne Hansen", contact_email="hanne@kommune.example", published=True
    )
    assert b"hanne" not in client.get(FEED).content.lower()


def feed_links(response):
    """The feeds a page announces in its <head>."""
    page = response.content.decode()
    head = page[: page.index("</head>")]
    return [
        line.split('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
        for line in head.splitlines()
        if 'type="application/atom+xml"' in line
    ]


def test_the_list_announces_the_feed_of_what_it_shows(client, homework):
    response = client.get(reverse("initiatives:list"), {"category": "lektiehjaelp", "page": 1})
    assert feed_links(response) == [f"{FEED}?category=lektiehjaelp"]


def test_a_category_page_announces_its_feed(client, homework):
    response = client.get(homework.get_absolute_url())
    assert feed_links(response) == [f"{FEED}?category=lektiehjaelp"]


def test_an_organisation_page_announces_its_feed(client):
    organisation = OrganisationFactory(slug="roskilde-bib")
    response = client.get(organisation.get_absolute_url())
    assert feed_links(response) == [f"{FEED}?organisation=roskilde-bib"]


def test_a_partnership_page_announces_its_feed(client):
    partnership = PartnershipFactory(slug="laesning-for-alle")
    response = client.get(partnership.get_absolute_url())
    assert feed_links(response) == [f"{FEED}?partnership=laesning-for-alle"]


def test_an_announced_feed_holds_the_organisations_examples(client):
    organisation = OrganisationFactory(slug="roskilde-bib")
    InitiativeFactory(title="Lektiecafé i Roskilde", lead_organisation=organisation, published=True)
    InitiativeFactory(title="Andet sted", published=True)
    [link] = feed_links(client.get(organisation.get_absolute_url()))
    assert titles(client.get(link)) == ["Lektiecafé i Roskilde"]
