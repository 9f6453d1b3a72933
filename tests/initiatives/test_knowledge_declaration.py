"""The knowledge declaration (issue 19): the contributor proposes, a curator confirms or changes.

Messages are compared with the model's own text in Danish, so the tests hold
before and after the Danish catalogue has the new strings.
"""

import itertools

import pytest
from django.urls import reverse
from django.utils import translation

from initiatives.knowledge import DIMENSIONS
from initiatives.models import Initiative
from tests.factories import InitiativeFactory
from tests.initiatives.test_submission import form_data

pytestmark = pytest.mark.django_db

SUBMIT = reverse("initiatives:submit")
State = Initiative.State
BLANK_LEVELS = {dimension.field: None for dimension in DIMENSIONS}


def danish(text):
    with translation.override("da"):
        return str(text)


@pytest.fixture
def signed_in(client, verified_user):
    client.force_login(verified_user)
    return client


def form_key(client):
    return str(client.get(SUBMIT).context["form"]["form_key"].value())


def admin_form_data(response):
    """What the admin change form would post back unchanged, from the page it rendered."""
    form = response.context["adminform"].form
    data = {"_save": "Gem"}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, (list, tuple)):
            value = [str(getattr(item, "pk", item)) for item in value]
        data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
    return data


def test_a_proposed_level_changed_by_a_curator_shows_in_the_history(
    client, verified_user, curator, taxonomy
):
    # The contributor proposes the five levels and sends the example for review.
    client.force_login(verified_user)
    proposal = {
        "known_target_group": "C",
        "known_method": "C",
        "known_implementation": "D",
        "known_effect": "C",
        "known_economy": "B",
        "known_economy_why": "Budgettet står i projektbeskrivelsen.",
    }
    response = client.post(SUBMIT, form_data(taxonomy, form_key=form_key(client), **proposal))
    assert response.status_code == 302
    example = Initiative.objects.get()
    assert example.state == State.SUBMITTED
    assert (example.known_effect, example.known_economy) == ("C", "B")

    # A curator changes the effect in the admin's change form, then publishes.
    client.force_login(curator)
    change = reverse("admin:initiatives_initiative_change", args=[example.pk])
    data = admin_form_data(client.get(change))
    data |= {"known_effect": "D", "known_effect_why": "Der er endnu ingen resultater."}
    response = client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    publish = reverse("admin:initiatives_initiative_moderate", args=[example.pk, "publish"])
    assert client.post(publish, {"apply": "1", "note": ""}).status_code == 302
    example.refresh_from_db()
    assert (example.state, example.known_effect) == (State.PUBLISHED, "D")

    # The history names the change, the old and the new level, and who made it.
    records = list(example.history.order_by("history_date", "history_id"))
    deltas = [(new, new.diff_against(old)) for old, new in itertools.pairwise(records)]
    changed = [(new, delta) for new, delta in deltas if "known_effect" in delta.changed_fields]
    assert len(changed) == 1
    record, delta = changed[0]
    effect = next(change for change in delta.changes if change.field == "known_effect")
    assert (effect.old, effect.new) == ("C", "D")
    assert "known_effect_why" in delta.changed_fields
    assert record.history_user == curator
    assert records[0].history_user == verified_user
    assert records[-1].state == State.PUBLISHED


def test_a_draft_may_leave_the_levels_blank(signed_in, taxonomy):
    response = signed_in.post(SUBMIT, form_data(taxonomy, action="draft", **BLANK_LEVELS))

    assert response.status_code == 302
    draft = Initiative.objects.get()
    assert draft.state == State.DRAFT
    assert [getattr(draft, dimension.field) for dimension in DIMENSIONS] == [""] * 5


def test_sending_without_levels_is_refused_and_names_each_dimension(signed_in, taxonomy):
    response = signed_in.post(SUBMIT, form_data(taxonomy, **BLANK_LEVELS), follow=True)

    assert Initiative.objects.get().state == State.DRAFT
    [message] = [str(m) for m in response.context["messages"]]
    for dimension in DIMENSIONS:
        assert danish(dimension.label) in message, dimension.key
    # The edit page lists each level, and each link leads to the first radio button.
    missing = {anchor for _label, _message, anchor in response.context["missing"]}
    assert missing == {f"id_{dimension.field}_0" for dimension in DIMENSIONS}
    for anchor in missing:
        assert f'href="#{anchor}"' in response.text
        assert f'id="{anchor}"' in response.text


def test_a_documented_level_needs_a_justification_before_review(signed_in, taxonomy):
    data = form_data(taxonomy, known_method="B", known_method_why="  ")

    response = signed_in.post(SUBMIT, data, follow=True)

    example = Initiative.objects.get()
    assert example.state == State.DRAFT
    assert set(example.missing_for_review()) == {"known_method_why"}
    [(_label, _message, anchor)] = response.context["missing"]
    assert anchor == "id_known_method_why"
    assert f'id="{anchor}"' in response.text


def test_a_documented_level_with_a_justification_can_be_sent(signed_in, taxonomy):
    data = form_data(taxonomy, known_method="A", known_method_why="Beskrevet i vores guide.")

    signed_in.post(SUBMIT, data)

    assert Initiative.objects.get().state == State.SUBMITTED


def test_a_tested_effect_without_an_evaluation_is_an_error_at_the_effect(signed_in, taxonomy):
    data = form_data(taxonomy, evidence="described", known_effect="A", known_effect_why="Målt.")

    response = signed_in.post(SUBMIT, data)

    assert response.status_code == 200
    assert not Initiative.objects.exists()
    form = response.context["form"]
    assert list(form.errors) == ["known_effect"]
    anchors = [anchor for _label, _message, anchor in response.context["error_summary"]]
    assert anchors == ["id_known_effect_0"]
    assert 'id="error_1_id_known_effect"' in response.text


def test_an_evaluated_effect_needs_at_least_level_b(signed_in, taxonomy):
    data = form_data(taxonomy, evidence="evaluated", known_effect="C")

    response = signed_in.post(SUBMIT, data)

    assert list(response.context["form"].errors) == ["known_effect"]


def test_the_contributor_cannot_set_the_transferability(signed_in, taxonomy):
    notes = {
        "transfer_preconditions": "Et lokale og to frivillige.",
        "transfer_essential": "At det er gratis.",
    }
    data = form_data(taxonomy, action="draft", transferability="high", **notes)

    signed_in.post(SUBMIT, data)

    example = Initiative.objects.get()
    assert example.transferability == ""
    assert example.transfer_preconditions == "Et lokale og to frivillige."
    assert example.transfer_essential == "At det er gratis."
    form = signed_in.get(reverse("initiatives:edit", kwargs={"slug": example.slug})).context["form"]
    assert "transferability" not in form.fields


def test_the_form_shows_each_dimensions_guidance_and_links_to_the_levels(signed_in):
    response = signed_in.get(SUBMIT)

    page = response.text
    for dimension in DIMENSIONS:
        assert danish(dimension.guidance) in page, dimension.key
        # A group of its own, with nothing chosen until the contributor chooses.
        assert f'<fieldset aria-describedby="id_{dimension.field}_helptext">' in page
        assert response.context["form"][dimension.field].value() in (None, "")
    assert f'href="{reverse("evidence")}#knowledge"' in page
    assert 'name="known_effect" value=""' not in page


def test_the_curator_sees_the_declaration_one_dimension_a_row(client, curator):
    example = InitiativeFactory(submitted=True)
    client.force_login(curator)

    response = client.get(reverse("admin:initiatives_initiative_change", args=[example.pk]))

    [declaration] = [
        fieldset
        for fieldset in response.context["adminform"]
        if "transferability" in fieldset.fields
    ]
    for dimension in DIMENSIONS:
        assert (dimension.field, dimension.why_field) in declaration.fields
    assert "transfer_essential" in declaration.fields
    assert declaration.description
