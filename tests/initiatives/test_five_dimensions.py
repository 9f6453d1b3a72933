"""Every example shows the five dimensions of Vidensportalen, filled in or said to be missing."""

import re

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from portal.demo import load_demo
from tests.factories import InitiativeFactory, complete_draft

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Målgruppe",
    "Metode: hvad der gøres",
    "Implementering: sådan kommer du i gang",
    "Effekt: resultater og evidens",
    "Økonomi: udgifter",
]


def section_headings(html):
    return [re.sub(r"\s+", " ", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]


def test_every_demo_example_shows_the_five_headings_in_order(client):
    load_demo()
    examples = list(Initiative.objects.published())
    assert len(examples) == 16

    for example in examples:
        headings = section_headings(client.get(example.get_absolute_url()).text)
        assert [h for h in headings if h in HEADINGS] == HEADINGS, example.slug


def test_an_empty_dimension_says_it_is_not_stated_yet(client):
    example = InitiativeFactory(published=True, how_to_start="", resources="", costs="")

    page = client.get(example.get_absolute_url()).text

    assert page.count("Ikke oplyst endnu") >= 2  # implementation and economy, at least


def test_an_anonymous_visitor_gets_no_link_to_add_what_is_missing(client):
    example = InitiativeFactory(published=True, how_to_start="")

    assert "Tilføj" not in client.get(example.get_absolute_url()).text


def test_the_submitter_of_a_draft_gets_a_link_to_the_field_that_is_missing(client):
    draft = InitiativeFactory(how_to_start="")
    client.force_login(draft.submitted_by)

    page = client.get(draft.get_absolute_url()).text

    edit = reverse("initiatives:edit", kwargs={"slug": draft.slug})
    assert f'href="{edit}#div_id_how_to_start"' in page


def test_a_curator_gets_a_link_to_the_admin(client, curator):
    example = InitiativeFactory(published=True, costs="")
    client.force_login(curator)

    page = client.get(example.get_absolute_url()).text

    admin = reverse("admin:initiatives_initiative_change", args=[example.pk])
    assert f'href="{admin}#id_cost_level"' in page


def test_the_economy_shows_cost_level_and_staff_hours(client):
    example = InitiativeFactory(
        published=True, cost_level=Initiative.CostLevel.SMALL, staff_hours=6, costs=""
    )

    page = client.get(example.get_absolute_url()).text

    assert "Under 10.000 kr." in page
    assert "Cirka 6 timer om måneden" in page


def test_implementation_and_economy_are_needed_before_review(contributor):
    draft = complete_draft(submitted_by=contributor, how_to_start="", cost_level="")

    assert {"how_to_start", "cost_level"} <= set(draft.missing_for_review())
    with pytest.raises(Initiative.InvalidTransition):
        draft.submit(by=contributor)


def test_the_form_preselects_neither_format_nor_status(client, verified_user):
    client.force_login(verified_user)

    form = client.get(reverse("initiatives:submit")).context["form"]

    assert form["format"].value() in (None, "")
    assert form["status"].value() in (None, "")
    assert form["cost_level"].value() in (None, "")


def test_the_form_marks_every_field_a_review_needs(client, verified_user):
    client.force_login(verified_user)

    form = client.get(reverse("initiatives:submit")).context["form"]

    for name in Initiative.NEEDED_FOR_REVIEW:
        assert "skal udfyldes før indsendelse" in str(form[name].label), name


def test_every_link_to_add_what_is_missing_lands_on_its_field_in_the_form(client, verified_user):
    draft = InitiativeFactory(
        submitted_by=verified_user, how_to_start="", description="", costs="", outcomes=""
    )
    client.force_login(verified_user)
    edit = reverse("initiatives:edit", kwargs={"slug": draft.slug})

    page = client.get(draft.get_absolute_url()).text
    anchors = re.findall(rf'href="{re.escape(edit)}#([\w-]+)"', page)
    form = client.get(edit).text

    assert len(anchors) >= 5  # target groups, method, implementation, effect, economy, levels
    for anchor in anchors:
        assert f'id="{anchor}"' in form, anchor
