"""The main navigation marks the section of the page shown (issue #12).

base.html compared the first ten characters of the path with "/eksempler/" (eleven),
so "Gode eksempler" was never marked; the resolved view decides now.
"""

import re

import pytest
from django.urls import reverse

from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    municipality,
)

pytestmark = pytest.mark.django_db

SITE_NAV = re.compile(r'<nav class="site-nav".*?</nav>', re.S)
CURRENT = re.compile(r'<a href="[^"]*" aria-current="page">([^<]*)</a>')


def current_in_site_nav(html):
    """The text of every link the main navigation marks as the current page."""
    return CURRENT.findall(SITE_NAV.search(html).group(0))


@pytest.fixture
def example():
    organisation = OrganisationFactory(name="Roskilde Bibliotekerne")
    partnership = PartnershipFactory(name="Partnerskab om ensomhed")
    MembershipFactory(partnership=partnership, organisation=organisation)
    return InitiativeFactory(
        title="Snak sammen",
        lead_organisation=organisation,
        partnership=partnership,
        municipalities=[municipality("265")],
        published=True,
    )


@pytest.mark.parametrize(
    ("url_name", "kwargs", "current"),
    [
        ("initiatives:list", None, "Gode eksempler"),
        ("initiatives:detail", lambda e: {"slug": e.slug}, "Gode eksempler"),
        ("partnerships:list", None, "Partnerskaber"),
        ("partnerships:detail", lambda e: {"slug": e.partnership.slug}, "Partnerskaber"),
        ("partnerships:organisation_list", None, "Organisationer"),
        (
            "partnerships:organisation_detail",
            lambda e: {"slug": e.lead_organisation.slug},
            "Organisationer",
        ),
        ("initiatives:submit", None, "Del et eksempel"),
    ],
)
def test_the_main_navigation_marks_the_current_section(
    client, verified_user, example, url_name, kwargs, current
):
    client.force_login(verified_user)
    url = reverse(url_name, kwargs=kwargs(example) if kwargs else None)
    response = client.get(url)
    assert response.status_code == 200
    assert current_in_site_nav(response.text) == [current]


@pytest.mark.parametrize("url_name", ["home", "about", "initiatives:mine"])
def test_the_main_navigation_marks_nothing_on_other_pages(client, verified_user, url_name):
    client.force_login(verified_user)
    assert current_in_site_nav(client.get(reverse(url_name)).text) == []


def test_the_main_navigation_survives_a_page_no_url_resolved(client):
    response = client.get("/eksempler/findes/ikke/")
    assert response.status_code == 404
    assert current_in_site_nav(response.text) == []
