"""My adoptions: what the signed-in user sent, where each one stands, and what to do next."""

import pytest
from django.urls import reverse

from tests.factories import AdoptionFactory, InitiativeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

MINE = reverse("adoptions:mine")


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    assert client.get(MINE)["Location"].startswith(reverse("account_login"))


def test_the_list_holds_only_ones_own_adoptions(client, contributor):
    AdoptionFactory(
        submitted_by=contributor, organisation=OrganisationFactory(name="Mit bibliotek")
    )
    AdoptionFactory(organisation=OrganisationFactory(name="Andres bibliotek"))
    client.force_login(contributor)
    response = client.get(MINE)
    assert list(response.context["adoptions"].values_list("submitted_by", flat=True)) == [
        contributor.pk
    ]
    assert "Mit bibliotek" in response.text
    assert "Andres bibliotek" not in response.text


def test_a_sent_back_adoption_shows_the_note_and_an_edit_link(client, contributor, curator):
    adoption = AdoptionFactory(submitted=True, submitted_by=contributor)
    adoption.moderate("request_changes", by=curator, note="Hvornår startede I?")
    client.force_login(contributor)
    response = client.get(MINE)
    assert "Hvornår startede I?" in response.text
    assert reverse("adoptions:edit", kwargs={"pk": adoption.pk}) in response.text
    assert "Ændringer ønsket" in response.text


def test_a_waiting_adoption_has_no_edit_link(client, contributor):
    adoption = AdoptionFactory(submitted=True, submitted_by=contributor)
    client.force_login(contributor)
    response = client.get(MINE)
    assert reverse("adoptions:edit", kwargs={"pk": adoption.pk}) not in response.text


def test_the_account_menu_links_to_my_adoptions(client, contributor):
    client.force_login(contributor)
    response = client.get(reverse("initiatives:mine"))
    assert f'href="{MINE}"' in response.text


def test_the_page_takes_a_fixed_number_of_queries(
    client, contributor, django_assert_max_num_queries
):
    for _ in range(5):
        AdoptionFactory(submitted_by=contributor, initiative=InitiativeFactory(published=True))
    client.force_login(contributor)
    # session, user, adoptions with their example, organisation and municipality, margin
    with django_assert_max_num_queries(4):
        assert client.get(MINE).status_code == 200
