"""How to reach the people behind an example, and the taxonomy's English names."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    CategoryFactory,
    InitiativeFactory,
    OrganisationFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def example():
    organisation = OrganisationFactory(
        name="Roskilde Bibliotekerne",
        email="info@roskildebib.example",
        website="https://roskildebib.example",
    )
    return InitiativeFactory(
        published=True,
        lead_organisation=organisation,
        contact_name="Mette Hansen",
        contact_email="mette@roskildebib.example",
    )


def test_an_anonymous_visitor_sees_how_to_reach_the_organisation(client, example):
    page = client.get(example.get_absolute_url()).text

    assert 'href="mailto:info@roskildebib.example"' in page
    assert 'href="https://roskildebib.example"' in page


def test_an_anonymous_visitor_does_not_see_the_contact_person(client, example):
    page = client.get(example.get_absolute_url()).text

    assert "Mette Hansen" not in page and "mette@roskildebib.example" not in page
    assert "for at se kontaktpersonen" in page


def test_a_signed_in_user_sees_the_contact_person_too(client, example, verified_user):
    client.force_login(verified_user)

    page = client.get(example.get_absolute_url()).text

    assert "Mette Hansen" in page and 'href="mailto:mette@roskildebib.example"' in page
    assert 'href="mailto:info@roskildebib.example"' in page


def test_without_any_contact_the_page_says_it_is_not_stated(client):
    example = InitiativeFactory(published=True, contact_name="", contact_email="")

    assert "Ikke oplyst endnu" in client.get(example.get_absolute_url()).text


@pytest.fixture
def named_in_english():
    category = CategoryFactory(name="Læsefremme", name_en="Reading promotion", slug="laese")
    group = TargetGroupFactory(name="Ældre", name_en="Older people", slug="aeldre")
    plain = TargetGroupFactory(name="Plejehjemsbeboere", slug="pleje")
    return InitiativeFactory(published=True, category=category, target_groups=[group, plain])


def english(url):
    with translation.override("en"):
        return url()


def test_english_pages_show_the_english_names(client, named_in_english):
    detail = client.get(english(named_in_english.get_absolute_url)).text
    listing = client.get(english(lambda: reverse("initiatives:list"))).text

    for page in (detail, listing):
        assert "Reading promotion" in page and "Older people" in page


def test_a_term_without_an_english_name_shows_the_danish_one(client, named_in_english):
    detail = client.get(english(named_in_english.get_absolute_url)).text

    assert "Plejehjemsbeboere" in detail


def test_danish_pages_keep_the_danish_names(client, named_in_english):
    listing = client.get(reverse("initiatives:list")).text

    assert "Læsefremme" in listing and "Reading promotion" not in listing
