"""Things written once: card grid, "Where", pagination bar, error frame (issue #12)."""

import re

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.template.loader_tags import ExtendsNode
from django.test import Client
from django.urls import reverse

from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    municipality,
)

pytestmark = pytest.mark.django_db


def template_names(response):
    return [template.name for template in response.templates]


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


# One pagination bar for both paged lists.


def test_the_organisation_list_pages_with_numbers_and_keeps_the_filter(client):
    OrganisationFactory.create_batch(51)
    response = client.get(reverse("partnerships:organisation_list"), {"kind": "library"})
    assert "_pagination.html" in template_names(response)
    html = response.text
    assert '<span class="page-link" aria-current="page">1</span>' in html
    assert 'href="?kind=library&amp;page=2">2</a>' in html
    assert 'href="?kind=library&amp;page=2">Næste</a>' in html
    assert "Forrige" not in html


def test_the_examples_list_uses_the_shared_pagination_bar(client):
    InitiativeFactory.create_batch(41, published=True)
    response = client.get(reverse("initiatives:list"), {"page": "2", "sort": "newest"})
    assert "_pagination.html" in template_names(response)
    html = response.text
    assert '<span class="page-link" aria-current="page">2</span>' in html
    assert 'href="?page=1&amp;sort=newest">Forrige</a>' in html
    assert 'href="?page=3&amp;sort=newest">3</a>' in html


def test_a_long_list_leaves_out_page_numbers_with_an_ellipsis(client):
    OrganisationFactory.create_batch(50 * 11 + 1)
    response = client.get(reverse("partnerships:organisation_list"), {"page": "6"})
    numbers = re.findall(r'class="page-link"[^>]*>(\d+|…)<', response.text)
    assert numbers == ["1", "…", "4", "5", "6", "7", "8", "…", "12"]


# One card grid, one "Where".


@pytest.mark.parametrize(
    "url",
    [
        lambda e: reverse("home"),
        lambda e: reverse("initiatives:list"),
        lambda e: e.partnership.get_absolute_url(),
        lambda e: e.lead_organisation.get_absolute_url(),
    ],
)
def test_cards_come_from_the_one_card_grid(client, example, url):
    response = client.get(url(example))
    assert "initiatives/_card_grid.html" in template_names(response)
    assert "Snak sammen" in response.text


def test_the_example_page_links_where_it_runs(client, example):
    response = client.get(example.get_absolute_url())
    assert "initiatives/_where.html" in template_names(response)
    roskilde = municipality("265")
    assert f'<a href="{roskilde.get_absolute_url()}">Roskilde</a>' in response.text


def test_a_card_says_where_without_links(client, example):
    response = client.get(reverse("initiatives:list"))
    card = re.search(r'<article class="card example-card.*?</article>', response.text, re.S)
    assert "<dd>Roskilde</dd>" in card.group(0)


# Error pages share one frame.


@pytest.mark.parametrize("name", ["403.html", "403_csrf.html", "404.html", "500.html"])
def test_error_pages_extend_the_error_frame(name):
    first = get_template(name).template.nodelist[0]
    assert isinstance(first, ExtendsNode)
    assert first.parent_name.var == "base_error.html"


def test_a_csrf_failure_still_renders_in_the_layout():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@b.dk", "password": "x"})
    assert response.status_code == 403
    assert '<div class="prose error-page">' in response.text
    assert "<h1>Formularen er udløbet</h1>" in response.text


# htmx attributes are valid HTML.


def test_no_page_writes_bare_htmx_attributes(client, example):
    response = client.get(reverse("initiatives:list"), {"category": example.category.slug})
    html = response.text
    assert not re.search(r"\shx-[a-z-]+=", html)
    assert 'data-hx-get="' in html
    assert 'data-hx-target="#finder"' in html


def test_no_template_writes_bare_htmx_attributes():
    bare = [
        str(path.relative_to(settings.BASE_DIR))
        for path in (settings.BASE_DIR / "templates").rglob("*.html")
        if re.search(r"\shx-[a-z-]+=", path.read_text(encoding="utf-8"))
    ]
    assert bare == []
