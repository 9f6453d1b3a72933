"""Moderating adoptions: the examples' own WORKFLOW table, narrowed to the steps an adoption takes."""

import pytest

from adoptions import services
from adoptions.models import Adoption
from initiatives.models import WORKFLOW, InvalidTransition
from tests.factories import AdoptionFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

State = Adoption.State
NOTE = "Skriv lidt mere om, hvad I ændrede."


def in_state(state, **kwargs):
    published_at = {} if state == State.PUBLISHED else {"published_at": None}
    return AdoptionFactory(state=state, **published_at, **kwargs)


@pytest.mark.parametrize("state", State.values)
@pytest.mark.parametrize("step", list(Adoption.workflow()))
def test_each_step_is_taken_exactly_from_the_states_the_workflow_table_names(curator, state, step):
    adoption = in_state(state)
    allowed = state in WORKFLOW[step].sources

    if allowed:
        services.moderate(adoption, step=step, by=curator, note=NOTE)
        assert adoption.state == WORKFLOW[step].target
    else:
        with pytest.raises(InvalidTransition):
            services.moderate(adoption, step=step, by=curator, note=NOTE)
        adoption.refresh_from_db()
        assert adoption.state == state


def test_an_adoption_takes_no_step_to_feature_it(curator):
    assert "feature" not in Adoption.workflow()
    with pytest.raises(InvalidTransition):
        services.moderate(in_state(State.PUBLISHED), step="feature", by=curator)


def test_publishing_a_draft_is_refused_saying_to_send_it_for_review_first(curator):
    with pytest.raises(InvalidTransition, match="kladde, som ingen har sendt"):
        services.moderate(in_state(State.DRAFT), step="publish", by=curator)


@pytest.mark.parametrize("step", ["request_changes", "reject"])
def test_sending_back_or_rejecting_needs_a_note(curator, step):
    adoption = in_state(State.SUBMITTED)
    with pytest.raises(InvalidTransition):
        services.moderate(adoption, step=step, by=curator, note="  ")
    adoption.refresh_from_db()
    assert adoption.state == State.SUBMITTED


def test_sending_for_review_records_who_and_when(contributor):
    adoption = in_state(State.DRAFT, submitted_by=None, submitted_at=None)
    services.submit(adoption, by=contributor)
    adoption.refresh_from_db()
    assert (adoption.state, adoption.submitted_by) == (State.SUBMITTED, contributor)
    assert adoption.submitted_at is not None


def test_publishing_dates_the_adoption_and_records_the_curator(curator):
    adoption = in_state(State.SUBMITTED)
    services.moderate(adoption, step="publish", by=curator, note="Tak!")
    adoption.refresh_from_db()
    assert adoption.published_at is not None
    assert (adoption.reviewed_by, adoption.moderation_note) == (curator, "Tak!")


def test_publishing_adds_the_adoption_to_the_examples_spread(curator):
    example = InitiativeFactory(published=True)
    adoption = in_state(State.SUBMITTED, initiative=example)
    example.refresh_from_db()
    assert (example.reuse_count, example.reused_in_count) == (0, 0)

    services.moderate(adoption, step="publish", by=curator)

    example.refresh_from_db()
    assert (example.reuse_count, example.reused_in_count) == (1, 1)
    assert [m.code for m in example.reused_in.all()] == ["779"]


def test_archiving_takes_the_adoption_out_of_the_spread(curator):
    adoption = AdoptionFactory()
    services.moderate(adoption, step="archive", by=curator)
    adoption.initiative.refresh_from_db()
    assert adoption.initiative.reuse_count == 0


def test_moderating_many_takes_what_it_can_and_says_why_not_for_the_rest(curator):
    waiting = in_state(State.SUBMITTED)
    draft = in_state(State.DRAFT)

    done, refused = services.moderate_many(
        Adoption.objects.all(), step="publish", by=curator, note=""
    )

    assert done == [waiting]
    assert len(refused) == 1 and draft.title in refused[0]
