"""Publishing with privacy warnings nobody checked needs "checked, publish anyway" and a note,
kept in the history; a bulk publication skips such rows and says which."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import translation

from adoptions.models import Adoption
from initiatives import services
from initiatives.models import PRIVACY_REFUSAL, Initiative, InvalidTransition
from tests.factories import AdoptionFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

State = Initiative.State
PHONE = "Forældre kan ringe til Lise på 22 33 44 55."


def moderate_url(obj, step="publish"):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_moderate", args=[obj.pk, step])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def warned():
    return InitiativeFactory(submitted=True, title="Lektiecafé", description=PHONE)


def test_publishing_with_open_warnings_is_refused(warned, curator):
    with pytest.raises(InvalidTransition, match="Lektiecafé"):
        services.moderate(warned, step="publish", by=curator)
    warned.refresh_from_db()
    assert warned.state == State.SUBMITTED


def test_checked_publish_anyway_publishes_and_keeps_the_note_in_the_history(warned, curator):
    services.moderate(
        warned, step="publish", by=curator, privacy_note="Nummeret er bibliotekets eget."
    )

    warned.refresh_from_db()
    assert warned.state == State.PUBLISHED
    assert warned.privacy_checked_note == "Nummeret er bibliotekets eget."
    latest = warned.history.first()
    assert (latest.state, latest.privacy_checked_note) == (
        State.PUBLISHED,
        warned.privacy_checked_note,
    )
    assert latest.privacy_checked_at is not None


def test_an_example_without_warnings_is_published_as_before(curator):
    example = InitiativeFactory(submitted=True)
    services.moderate(example, step="publish", by=curator)
    example.refresh_from_db()
    assert example.state == State.PUBLISHED
    assert example.privacy_checked_at is None


def test_once_checked_it_can_be_archived_and_published_again(warned, curator):
    services.moderate(warned, step="publish", by=curator, privacy_note="Bibliotekets nummer.")
    services.moderate(warned, step="archive", by=curator)
    services.moderate(warned, step="publish", by=curator)
    warned.refresh_from_db()
    assert warned.state == State.PUBLISHED


# The admin


def test_the_publish_page_shows_the_warnings_and_asks_for_the_check(client, curator, warned):
    client.force_login(curator)
    response = client.get(moderate_url(warned))
    assert "22 33 44 55" in response.text
    assert "publish_anyway" in response.context["form"].fields


def test_publishing_in_the_admin_without_the_check_is_refused(client, curator, warned):
    client.force_login(curator)
    response = client.post(moderate_url(warned), {"apply": "1", "note": ""}, follow=True)
    warned.refresh_from_db()
    assert warned.state == State.SUBMITTED
    assert any("Lektiecafé" in message for message in messages_of(response))


def test_the_box_without_a_note_is_not_enough(client, curator, warned):
    client.force_login(curator)
    response = client.post(moderate_url(warned), {"apply": "1", "publish_anyway": "on"})
    assert response.context["form"].errors["privacy_note"]
    warned.refresh_from_db()
    assert warned.state == State.SUBMITTED


def test_checked_publish_anyway_in_the_admin_shows_in_the_history_page(client, curator, warned):
    client.force_login(curator)
    client.post(
        moderate_url(warned),
        {"apply": "1", "publish_anyway": "on", "privacy_note": "Bibliotekets eget nummer."},
    )
    warned.refresh_from_db()
    assert warned.state == State.PUBLISHED
    history = client.get(reverse("admin:initiatives_initiative_history", args=[warned.pk]))
    assert "Bibliotekets eget nummer." in history.text
    assert warned.history.first().history_user == curator


def test_a_bulk_publication_skips_and_names_those_with_open_warnings(client, curator, warned):
    clean = InitiativeFactory(submitted=True, title="Bogbus")
    client.force_login(curator)
    response = client.post(
        reverse("admin:initiatives_initiative_changelist"),
        {
            "action": "publish_selected",
            ACTION_CHECKBOX_NAME: [warned.pk, clean.pk],
            "apply": "1",
            "note": "",
        },
        follow=True,
    )
    warned.refresh_from_db()
    clean.refresh_from_db()
    assert (warned.state, clean.state) == (State.SUBMITTED, State.PUBLISHED)
    with translation.override("da"):
        refusal = str(PRIVACY_REFUSAL % {"title": "Lektiecafé"})
    assert refusal in messages_of(response)


def test_a_bulk_publication_never_offers_publish_anyway(client, curator, warned):
    clean = InitiativeFactory(submitted=True)
    client.force_login(curator)
    response = client.post(
        reverse("admin:initiatives_initiative_changelist"),
        {"action": "publish_selected", ACTION_CHECKBOX_NAME: [warned.pk, clean.pk]},
    )
    assert "publish_anyway" not in response.context["form"].fields
    assert list(response.context["guarded"]) == [warned]


# Adoptions take the same step


def test_an_adoption_with_open_warnings_is_not_published_without_the_check(client, curator):
    adoption = AdoptionFactory(submitted=True, adaptation="Borgeren Jens fik besøg hver uge.")
    client.force_login(curator)

    client.post(moderate_url(adoption), {"apply": "1"})
    adoption.refresh_from_db()
    assert adoption.state == Adoption.State.SUBMITTED

    client.post(
        moderate_url(adoption),
        {"apply": "1", "publish_anyway": "on", "privacy_note": "Navnet er opdigtet."},
    )
    adoption.refresh_from_db()
    assert adoption.state == Adoption.State.PUBLISHED
    assert adoption.history.first().privacy_checked_note == "Navnet er opdigtet."
