"""The curators' admin for adoptions: the review queue, moderation, the example's inline
and the change history."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from adoptions.models import Adoption
from tests.factories import (
    AdoptionFactory,
    InitiativeFactory,
    OrganisationFactory,
    UserFactory,
    municipality,
    with_second_factor,
)
from tests.initiatives.test_attachments import admin_form_data

pytestmark = pytest.mark.django_db

State = Adoption.State
CHANGELIST = reverse("admin:adoptions_adoption_changelist")


def change_url(adoption):
    return reverse("admin:adoptions_adoption_change", args=[adoption.pk])


def moderate_url(adoption, step):
    return reverse("admin:adoptions_adoption_moderate", args=[adoption.pk, step])


def run_action(client, action, adoptions, note=None):
    data = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in adoptions]}
    if note is not None:
        data.update(apply="1", note=note)
    return client.post(CHANGELIST, data, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# The list and its review queue


def test_the_list_puts_waiting_adoptions_first_the_oldest_first(client, curator):
    AdoptionFactory(organisation=OrganisationFactory(name="Allerede udgivet"))
    newer = AdoptionFactory(
        submitted=True, submitted_at=datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC)
    )
    older = AdoptionFactory(
        submitted=True, submitted_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    )
    client.force_login(curator)

    response = client.get(CHANGELIST)

    assert list(response.context["cl"].result_list)[:2] == [older, newer]
    assert response.context["adoption_review_count"] == 2
    assert "2 genbrug venter på gennemsyn" in response.text


def test_the_list_shows_example_organisation_place_start_state_and_when_sent(client, curator):
    AdoptionFactory(
        initiative=InitiativeFactory(title="Bogpakker", published=True),
        organisation=OrganisationFactory(name="Skive Bibliotek"),
        started=datetime.date(2025, 9, 1),
    )
    client.force_login(curator)

    text = client.get(CHANGELIST).text

    for shown in ["Bogpakker", "Skive Bibliotek", "Skive", "september 2025", "udgivet"]:
        assert shown in text


def test_the_list_searches_the_example_the_organisation_and_the_place(client, curator):
    AdoptionFactory(initiative=InitiativeFactory(title="Strikkeklub", published=True))
    AdoptionFactory(organisation=OrganisationFactory(name="Lemvig Bibliotek"))
    AdoptionFactory(municipality=municipality("101"))
    client.force_login(curator)

    def found(q):
        return len(client.get(CHANGELIST, {"q": q}).context["cl"].result_list)

    counts = {q: found(q) for q in ["strikkeklub", "lemvig", "københavn", "skive"]}
    assert counts == {"strikkeklub": 1, "lemvig": 1, "københavn": 1, "skive": 2}


def test_the_list_filters_by_state(client, curator):
    AdoptionFactory()
    waiting = AdoptionFactory(submitted=True)
    client.force_login(curator)

    response = client.get(CHANGELIST, {"state__exact": "submitted"})

    assert list(response.context["cl"].result_list) == [waiting]


@pytest.mark.parametrize("size", [2, 20])
def test_the_list_costs_the_same_queries_at_any_size(
    client, curator, django_assert_num_queries, size
):
    AdoptionFactory.create_batch(size)
    AdoptionFactory.create_batch(size, submitted=True)
    client.force_login(curator)
    # session, user, the second factor, the queue's count, two permission
    # lookups, the filtered and the full count, the page with its example,
    # organisation and municipality.
    with django_assert_num_queries(9):
        response = client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 2 * size


def test_the_admin_home_says_how_many_adoptions_wait(client, curator):
    AdoptionFactory(submitted=True)
    AdoptionFactory()
    client.force_login(curator)

    response = client.get(reverse("admin:index"))

    assert response.context["adoption_review_count"] == 1
    assert "1 genbrug venter på gennemsyn" in response.text
    assert f'href="{CHANGELIST}?state__exact=submitted"' in response.text


# Moderation as bulk actions


def test_the_curators_group_may_moderate_adoptions(curator):
    assert curator.has_perm("adoptions.moderate_adoption")
    assert not curator.has_perm("adoptions.delete_adoption")


def test_the_publish_action_asks_for_an_optional_note_first(client, curator):
    adoption = AdoptionFactory(submitted=True)
    client.force_login(curator)

    response = run_action(client, "publish_selected", [adoption])

    assert response.templates[0].name == "admin/initiatives/initiative/moderate.html"
    assert adoption.title in response.text
    adoption.refresh_from_db()
    assert adoption.state == State.SUBMITTED


def test_a_curator_publishes_selected_adoptions(client, curator):
    adoptions = AdoptionFactory.create_batch(2, submitted=True)
    client.force_login(curator)

    response = run_action(client, "publish_selected", adoptions, note="")

    assert {a.state for a in Adoption.objects.all()} == {State.PUBLISHED}
    assert messages_of(response) == ["2 genbrug er udgivet."]


def test_a_mixed_selection_publishes_what_it_can_and_says_why_not(client, curator):
    waiting = AdoptionFactory(submitted=True)
    rejected = AdoptionFactory(state=State.REJECTED, published_at=None)
    client.force_login(curator)

    response = run_action(client, "publish_selected", [waiting, rejected], note="")

    waiting.refresh_from_db()
    rejected.refresh_from_db()
    assert (waiting.state, rejected.state) == (State.PUBLISHED, State.REJECTED)
    done, refusal = messages_of(response)
    assert done == "1 genbrug er udgivet." and rejected.title in refusal


def test_requesting_changes_without_a_note_asks_again(client, curator):
    adoption = AdoptionFactory(submitted=True)
    client.force_login(curator)

    response = run_action(client, "request_changes_selected", [adoption], note="")

    assert response.context["form"].errors["note"]
    adoption.refresh_from_db()
    assert adoption.state == State.SUBMITTED


def test_the_actions_speak_of_adoptions(client, curator):
    AdoptionFactory(submitted=True)
    client.force_login(curator)

    response = client.get(CHANGELIST)

    choices = dict(response.context["action_form"].fields["action"].choices)
    assert choices["publish_selected"] == "Udgiv valgte genbrug"
    assert "feature_selected" not in choices


# Moderation from the adoption's own page


def test_the_change_page_offers_the_steps_that_make_sense(client, curator):
    adoption = AdoptionFactory(submitted=True)
    client.force_login(curator)

    response = client.get(change_url(adoption))

    labels = [str(label) for label, _url in response.context["moderation_links"]]
    assert labels == ["Udgiv", "Anmod om ændringer", "Afvis"]
    assert f'<a href="{moderate_url(adoption, "publish")}" class="button default">' in (
        response.text
    )


def test_a_curator_sends_an_adoption_back_from_its_page(client, curator):
    adoption = AdoptionFactory(submitted=True)
    client.force_login(curator)

    response = client.post(
        moderate_url(adoption, "request_changes"), {"apply": "1", "note": "Hvor mange kom?"}
    )

    assert response.status_code == 302 and response.url == change_url(adoption)
    adoption.refresh_from_db()
    assert (adoption.state, adoption.moderation_note) == (
        State.CHANGES_REQUESTED,
        "Hvor mange kom?",
    )


def test_staff_without_the_moderation_permission_cannot_moderate(client):
    staff = UserFactory(is_staff=True)
    with_second_factor(staff)
    adoption = AdoptionFactory(submitted=True)
    client.force_login(staff)

    response = client.post(moderate_url(adoption, "publish"), {"apply": "1", "note": ""})

    assert response.status_code == 403
    adoption.refresh_from_db()
    assert adoption.state == State.SUBMITTED


def test_a_step_adoptions_do_not_take_is_refused(client, curator):
    adoption = AdoptionFactory()
    client.force_login(curator)
    assert client.post(moderate_url(adoption, "feature"), {"apply": "1"}).status_code == 403


def test_an_adoption_a_curator_adds_waits_in_the_queue_from_the_first_of_its_month(client, curator):
    example = InitiativeFactory(published=True)
    client.force_login(curator)
    data = {
        "initiative": example.pk,
        "organisation": OrganisationFactory().pk,
        "municipality": municipality("779").pk,
        "started": "17.09.2025",
        "adaptation": "Vi lånte bogkasserne af nabobiblioteket.",
        "attachment_licence": "cc-by-4.0",
    }

    response = client.post(reverse("admin:adoptions_adoption_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    adoption = Adoption.objects.get()
    assert (adoption.state, adoption.submitted_by) == (State.SUBMITTED, curator)
    assert adoption.started == datetime.date(2025, 9, 1)


# Beside their example


def test_the_examples_page_lists_its_adoptions_with_links_to_them(client, curator):
    adoption = AdoptionFactory(organisation=OrganisationFactory(name="Skive Bibliotek"))
    client.force_login(curator)

    response = client.get(
        reverse("admin:initiatives_initiative_change", args=[adoption.initiative.pk])
    )

    (inline,) = [i for i in response.context["inline_admin_formsets"] if i.opts.model is Adoption]
    assert [form.original for form in inline] == [adoption]
    assert "Skive Bibliotek" in response.text
    assert f'href="{change_url(adoption)}"' in response.text


def test_the_examples_page_still_saves_with_its_adoptions_beside_it(client, curator):
    adoption = AdoptionFactory()
    example = adoption.initiative
    client.force_login(curator)
    url = reverse("admin:initiatives_initiative_change", args=[example.pk])
    data = admin_form_data(client.get(url)) | {"title": "Nyt navn"}

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    example.refresh_from_db()
    assert example.title == "Nyt navn"
    assert Adoption.objects.get() == adoption


# The change history


def test_the_history_records_who_published_an_adoption(client, curator):
    adoption = AdoptionFactory(submitted=True)
    client.force_login(curator)

    run_action(client, "publish_selected", [adoption], note="")

    latest = adoption.history.latest()
    assert (latest.history_user, latest.state) == (curator, State.PUBLISHED)
    assert latest.prev_record.state == State.SUBMITTED


def test_the_history_page_shows_the_change_of_state(client, curator):
    adoption = AdoptionFactory(submitted=True)
    client.force_login(curator)
    run_action(client, "reject_selected", [adoption], note="En dublet.")

    response = client.get(reverse("admin:adoptions_adoption_history", args=[adoption.pk]))

    text = " ".join(response.content.decode().split())
    assert "sendt til gennemsyn → afvist" in text
    assert str(curator) in text
