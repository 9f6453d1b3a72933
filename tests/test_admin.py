"""The curators' admin: every page answers, moderation works and leaves a trail."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from initiatives import tasks
from initiatives.models import Initiative
from partnerships.models import Municipality
from tests.factories import (
    AdoptionFactory,
    AttachmentFactory,
    CategoryFactory,
    InitiativeFactory,
    LinkFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    SynonymGroupFactory,
    TargetGroupFactory,
    UserFactory,
    with_second_factor,
)

pytestmark = pytest.mark.django_db

State = Initiative.State


@pytest.fixture
def one_of_everything():
    initiative = InitiativeFactory(published=True, target_groups=[TargetGroupFactory()])
    LinkFactory(initiative=initiative)
    AttachmentFactory(initiative=initiative)
    AdoptionFactory(initiative=initiative)
    MembershipFactory(organisation=initiative.lead_organisation)
    MeetingFactory()
    SynonymGroupFactory(words="bogbus, mobilbibliotek")
    EmailAddress.objects.create(user=UserFactory(), email="ny@bibliotek.example", verified=True)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        tasks.tell_curators.enqueue(initiative.pk)


def registered_models():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_changelist_answers_for_a_superuser(client, superuser, one_of_everything, model):
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_add_page_answers_for_a_superuser(client, superuser, model):
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    # Municipalities are fixed by law, and task results come from the queue, so
    # the admin offers no add page for them.
    expected = 403 if model in {Municipality, DBTaskResult} else 200
    assert client.get(url).status_code == expected


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_change_and_history_pages_answer_for_a_superuser(
    client, superuser, one_of_everything, model
):
    client.force_login(superuser)
    obj = model._default_manager.first()
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert client.get(reverse(f"{info}_change", args=[obj.pk])).status_code == 200
    assert client.get(reverse(f"{info}_history", args=[obj.pk])).status_code == 200


def test_changelist_searches_and_filters_examples(client, curator):
    InitiativeFactory(title="Biblioteket Kommer", submitted=True)
    client.force_login(curator)
    url = reverse("admin:initiatives_initiative_changelist")
    response = client.get(url, {"q": "kommer", "state__exact": "submitted"})
    assert response.status_code == 200
    assert "Biblioteket Kommer" in response.text


def test_the_review_queue_lists_submitted_examples_first_with_a_count(client, curator):
    InitiativeFactory(title="Allerede offentlig", published=True)
    InitiativeFactory(title="Venter på svar", submitted=True)
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_changelist"))
    assert response.context["review_count"] == 1
    assert list(response.context["cl"].result_list)[0].title == "Venter på svar"
    assert "1 eksempel venter på gennemsyn" in response.text


# Moderation through the admin, as a curator in the Redaktører group


def run_action(client, action, initiatives, note=None):
    data = {"action": action, ACTION_CHECKBOX_NAME: [i.pk for i in initiatives]}
    if note is not None:
        data.update(apply="1", note=note)
    return client.post(reverse("admin:initiatives_initiative_changelist"), data, follow=True)


def test_publish_action_asks_for_an_optional_note_first(client, curator):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(curator)
    response = run_action(client, "publish_selected", [initiative])
    assert response.templates[0].name == "admin/initiatives/initiative/moderate.html"
    initiative.refresh_from_db()
    assert initiative.state == State.SUBMITTED


def test_curator_publishes_from_the_admin(client, curator):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(curator)
    run_action(client, "publish_selected", [initiative], note="")
    initiative.refresh_from_db()
    assert initiative.state == State.PUBLISHED
    assert initiative.reviewed_by == curator


def test_curator_requests_changes_with_a_note(client, curator):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(curator)
    run_action(client, "request_changes_selected", [initiative], note="Beskriv økonomien.")
    initiative.refresh_from_db()
    assert initiative.state == State.CHANGES_REQUESTED
    assert initiative.moderation_note == "Beskriv økonomien."


def test_request_changes_without_a_note_is_refused_and_asks_again(client, curator):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(curator)
    response = run_action(client, "request_changes_selected", [initiative], note="")
    assert response.context["form"].errors["note"]
    initiative.refresh_from_db()
    assert initiative.state == State.SUBMITTED


def test_curator_rejects_with_a_reason(client, curator):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(curator)
    run_action(client, "reject_selected", [initiative], note="Hører ikke til her.")
    initiative.refresh_from_db()
    assert initiative.state == State.REJECTED


def test_curator_archives_a_published_example(client, curator):
    initiative = InitiativeFactory(published=True)
    client.force_login(curator)
    run_action(client, "archive_selected", [initiative], note="")
    initiative.refresh_from_db()
    assert initiative.state == State.ARCHIVED


def test_curator_features_a_published_example(client, curator):
    initiative = InitiativeFactory(published=True)
    client.force_login(curator)
    run_action(client, "feature_selected", [initiative])
    initiative.refresh_from_db()
    assert initiative.featured


def test_publishing_a_draft_is_refused_with_a_message_saying_why(client, curator):
    draft = InitiativeFactory(title="Kladde")
    client.force_login(curator)
    response = run_action(client, "publish_selected", [draft], note="")
    draft.refresh_from_db()
    assert draft.state == State.DRAFT
    messages = [str(m) for m in response.context["messages"]]
    assert any("Kladde" in m and "kladde, som ingen har sendt" in m for m in messages)


def test_a_mixed_selection_publishes_what_it_can_and_reports_the_rest(client, curator):
    waiting = InitiativeFactory(submitted=True)
    draft = InitiativeFactory()
    client.force_login(curator)
    response = run_action(client, "publish_selected", [waiting, draft], note="")
    waiting.refresh_from_db()
    draft.refresh_from_db()
    assert (waiting.state, draft.state) == (State.PUBLISHED, State.DRAFT)
    assert len(list(response.context["messages"])) == 2


def test_change_page_offers_the_steps_that_make_sense(client, curator):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_change", args=[initiative.pk]))
    labels = [label for label, _url in response.context["moderation_links"]]
    assert [str(label) for label in labels] == ["Udgiv", "Anmod om ændringer", "Afvis"]


def test_curator_rejects_from_the_change_page(client, curator):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(curator)
    url = reverse("admin:initiatives_initiative_moderate", args=[initiative.pk, "reject"])
    response = client.post(url, {"apply": "1", "note": "Dublet."})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.state == State.REJECTED


def test_a_user_without_moderation_rights_cannot_moderate(client):
    staff = UserFactory(is_staff=True)
    with_second_factor(staff)
    initiative = InitiativeFactory(submitted=True)
    client.force_login(staff)
    url = reverse("admin:initiatives_initiative_moderate", args=[initiative.pk, "publish"])
    assert client.post(url, {"apply": "1", "note": ""}).status_code == 403
    initiative.refresh_from_db()
    assert initiative.state == State.SUBMITTED


def test_curators_cannot_delete_examples_only_archive_them(client, curator):
    initiative = InitiativeFactory(published=True)
    client.force_login(curator)
    url = reverse("admin:initiatives_initiative_delete", args=[initiative.pk])
    assert client.get(url).status_code == 403


def test_curators_reach_every_page_they_keep_tidy(client, curator, one_of_everything):
    client.force_login(curator)
    for name in [
        "initiatives_initiative",
        "initiatives_category",
        "initiatives_targetgroup",
        "partnerships_partnership",
        "partnerships_organisation",
        "partnerships_municipality",
    ]:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200


# History: who changed what


def test_history_records_the_curator_who_published(client, curator):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(curator)
    run_action(client, "publish_selected", [initiative], note="")
    latest = initiative.history.latest()
    assert latest.history_user == curator
    assert latest.state == State.PUBLISHED
    assert latest.prev_record.state == State.SUBMITTED


def test_history_page_shows_who_changed_an_example(client, curator):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(curator)
    run_action(client, "reject_selected", [initiative], note="Dublet.")
    response = client.get(reverse("admin:initiatives_initiative_history", args=[initiative.pk]))
    assert curator.email in response.text or str(curator) in response.text


def test_history_records_who_edited_a_partnership(client, curator):
    membership = MembershipFactory()
    partnership = membership.partnership
    client.force_login(curator)
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    data = {
        "name": partnership.name,
        "slug": partnership.slug,
        "status": "concluded",
        "purpose": "Et nyt formål.",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": membership.pk,
        "memberships-0-partnership": partnership.pk,
        "memberships-0-organisation": membership.organisation.pk,
        "memberships-0-role": membership.role,
        "meetings-TOTAL_FORMS": "0",
        "meetings-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    latest = partnership.history.latest()
    assert (latest.history_user, latest.status) == (curator, "concluded")


def test_history_records_who_edited_an_organisation(client, curator):
    membership = MembershipFactory()
    organisation = membership.organisation
    client.force_login(curator)
    url = reverse("admin:partnerships_organisation_change", args=[organisation.pk])
    data = {"name": "Nyt navn", "slug": organisation.slug, "kind": "ngo"}
    assert client.post(url, data).status_code == 302
    latest = organisation.history.latest()
    assert (latest.history_user, latest.name) == (curator, "Nyt navn")


def test_the_history_shows_moderation_changes_in_danish(client, curator):
    initiative = InitiativeFactory(submitted=True)
    initiative.publish(by=curator, note="Fint.")
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_history", args=[initiative.pk]))
    text = " ".join(response.content.decode().split())
    assert "Hvad skete der" in text
    assert "Behandlingsstatus:</strong> sendt til gennemsyn → udgivet" in text
    assert "Besked fra redaktøren:</strong> – → Fint." in text


# The five dimensions' new fields, where curators edit them


def test_the_economy_section_has_the_cost_level_and_the_staff_hours(client, curator):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_change", args=[initiative.pk]))
    economy = next(
        fieldset
        for fieldset in response.context["adminform"]
        if fieldset.name == "Implementering og økonomi"
    )
    assert ("cost_level", "staff_hours") in economy.fields


def test_the_examples_list_filters_by_cost_level(client, curator):
    InitiativeFactory(title="Gratis", cost_level=Initiative.CostLevel.FREE)
    InitiativeFactory(title="Dyrt", cost_level=Initiative.CostLevel.LARGE)
    client.force_login(curator)
    response = client.get(
        reverse("admin:initiatives_initiative_changelist"), {"cost_level__exact": "free"}
    )
    assert [example.title for example in response.context["cl"].result_list] == ["Gratis"]


@pytest.mark.parametrize("term", ["category", "targetgroup"])
def test_curators_give_a_term_its_english_name(client, curator, term):
    factory = CategoryFactory if term == "category" else TargetGroupFactory
    obj = factory(name="Børn og unge")
    client.force_login(curator)
    url = reverse(f"admin:initiatives_{term}_change", args=[obj.pk])
    data = {"name": obj.name, "name_en": "Children and young people", "slug": obj.slug}
    assert client.post(url, {**data, "position": "0"}).status_code == 302
    obj.refresh_from_db()
    assert obj.name_en == "Children and young people"


@pytest.mark.parametrize("term", ["category", "targetgroup"])
def test_the_term_lists_show_the_english_name(client, curator, term):
    factory = CategoryFactory if term == "category" else TargetGroupFactory
    factory(name="Børn og unge", name_en="Children and young people")
    client.force_login(curator)
    response = client.get(reverse(f"admin:initiatives_{term}_changelist"))
    assert "Navn på engelsk" in response.text
    assert "Children and young people" in response.text


def test_curators_edit_an_organisations_public_email(client, curator):
    organisation = OrganisationFactory()
    client.force_login(curator)
    url = reverse("admin:partnerships_organisation_change", args=[organisation.pk])
    data = {"name": organisation.name, "slug": organisation.slug, "kind": organisation.kind}
    assert client.post(url, {**data, "email": "info@bibliotek.example"}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.email == "info@bibliotek.example"


def test_an_attachment_is_marked_as_an_evaluation_on_the_examples_page(client, curator):
    initiative = InitiativeFactory(submitted=True)
    AttachmentFactory(initiative=initiative)
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_change", args=[initiative.pk]))
    assert 'name="attachments-0-evaluation"' in response.text
    assert "Evalueringsrapport" in response.text


# Danish throughout


def test_the_search_icon_is_described_in_danish(client, curator):
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_changelist"))
    assert 'alt="Søg"' in response.text


def test_the_moderation_steps_are_the_change_pages_primary_buttons(client, curator):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_change", args=[initiative.pk]))
    url = reverse("admin:initiatives_initiative_moderate", args=[initiative.pk, "publish"])
    assert f'<a href="{url}" class="button default">Udgiv</a>' in response.text
