import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from initiatives.knowledge import DIMENSIONS
from initiatives.models import Initiative, InvalidTransition
from tests.factories import CategoryFactory, InitiativeFactory, UserFactory, complete_draft

pytestmark = pytest.mark.django_db

State = Initiative.State


def test_an_initiative_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        InitiativeFactory(start_date=datetime.date(2016, 1, 1), end_date=datetime.date(2009, 1, 1))


def test_a_published_initiative_has_a_publication_date():
    with pytest.raises(IntegrityError):
        InitiativeFactory(state=State.PUBLISHED, published_at=None)


def test_only_published_initiatives_can_be_featured():
    with pytest.raises(IntegrityError):
        InitiativeFactory(state=State.DRAFT, featured=True)


def test_initiative_slugs_are_unique():
    InitiativeFactory(slug="lektiehjaelp")
    with transaction.atomic(), pytest.raises(IntegrityError):
        InitiativeFactory(slug="lektiehjaelp")


def test_initiative_slug_spells_danish_letters_out():
    assert InitiativeFactory(title="Åbne biblioteket for udvalgte besøg").slug == (
        "aabne-biblioteket-for-udvalgte-besoeg"
    )


def test_category_slugs_are_unique():
    CategoryFactory(name="Læsefremme", slug="laesefremme")
    with pytest.raises(IntegrityError):
        CategoryFactory(name="Læsefremme 2", slug="laesefremme")


def test_initiative_url_is_under_eksempler():
    assert InitiativeFactory(slug="bogpakke").get_absolute_url() == "/eksempler/bogpakke/"


# Moderation transitions


def test_submit_sends_a_draft_for_review(contributor):
    initiative = complete_draft(submitted_by=contributor)
    initiative.submit(by=contributor)
    initiative.refresh_from_db()
    assert initiative.state == State.SUBMITTED
    assert initiative.submitted_at is not None


def test_submit_sends_a_changed_example_back_for_review(contributor):
    initiative = complete_draft(submitted_by=contributor, state=State.CHANGES_REQUESTED)
    initiative.submit(by=contributor)
    assert initiative.state == State.SUBMITTED


def test_submit_refuses_an_incomplete_draft_and_says_what_is_missing(contributor):
    initiative = InitiativeFactory(submitted_by=contributor, description="")
    with pytest.raises(InvalidTransition, match="ikke færdigt"):
        initiative.submit(by=contributor)
    assert set(initiative.missing_for_review()) == {
        "description",
        "target_groups",
        "municipalities",
        "how_to_start",
        "cost_level",
        *(dimension.field for dimension in DIMENSIONS),
        "contact_email",
    }


def test_submit_refuses_an_example_already_waiting(contributor):
    with pytest.raises(InvalidTransition):
        InitiativeFactory(submitted=True).submit(by=contributor)


def test_publish_makes_a_submitted_example_public_and_records_the_curator(curator):
    initiative = InitiativeFactory(submitted=True)
    initiative.publish(by=curator, note="Fint eksempel.")
    initiative.refresh_from_db()
    assert initiative.state == State.PUBLISHED
    assert initiative.published_at is not None
    assert initiative.reviewed_by == curator
    assert initiative.reviewed_at is not None
    assert initiative.moderation_note == "Fint eksempel."


def test_publish_refuses_a_draft_nobody_sent_for_review_and_says_so(curator):
    initiative = InitiativeFactory()
    with pytest.raises(InvalidTransition, match="ingen har sendt til gennemsyn"):
        initiative.publish(by=curator)
    initiative.refresh_from_db()
    assert initiative.state == State.DRAFT


@pytest.mark.parametrize("state", [State.REJECTED, State.CHANGES_REQUESTED, State.PUBLISHED])
def test_publish_refuses_examples_not_waiting_for_review(curator, state):
    initiative = InitiativeFactory(state=state, published_at=datetime.datetime.now(datetime.UTC))
    with pytest.raises(InvalidTransition):
        initiative.publish(by=curator)


def test_publish_brings_an_archived_example_back_keeping_its_date(curator):
    initiative = InitiativeFactory(published=True)
    first_published = initiative.published_at
    initiative.archive(by=curator)
    initiative.publish(by=curator)
    assert initiative.state == State.PUBLISHED
    assert initiative.published_at == first_published


def test_request_changes_sends_a_submitted_example_back_with_the_note(curator):
    initiative = InitiativeFactory(submitted=True)
    initiative.request_changes(by=curator, note="Tilføj målgruppe.")
    initiative.refresh_from_db()
    assert initiative.state == State.CHANGES_REQUESTED
    assert initiative.moderation_note == "Tilføj målgruppe."


def test_request_changes_needs_a_note(curator):
    initiative = InitiativeFactory(submitted=True)
    with pytest.raises(InvalidTransition):
        initiative.request_changes(by=curator, note="  ")
    assert initiative.state == State.SUBMITTED


def test_request_changes_refuses_a_draft(curator):
    with pytest.raises(InvalidTransition):
        InitiativeFactory().request_changes(by=curator, note="Hvorfor?")


def test_reject_turns_a_submitted_example_down_with_a_reason(curator):
    initiative = InitiativeFactory(submitted=True)
    initiative.reject(by=curator, note="Ikke et biblioteksinitiativ.")
    initiative.refresh_from_db()
    assert initiative.state == State.REJECTED
    assert initiative.reviewed_by == curator


def test_reject_needs_a_note(curator):
    with pytest.raises(InvalidTransition):
        InitiativeFactory(submitted=True).reject(by=curator, note="")


def test_reject_refuses_a_published_example(curator):
    with pytest.raises(InvalidTransition):
        InitiativeFactory(published=True).reject(by=curator, note="Forældet.")


def test_archive_takes_a_published_example_off_and_stops_featuring_it(curator):
    initiative = InitiativeFactory(published=True, featured=True)
    initiative.archive(by=curator)
    initiative.refresh_from_db()
    assert initiative.state == State.ARCHIVED
    assert not initiative.featured


def test_archive_refuses_a_draft(curator):
    with pytest.raises(InvalidTransition):
        InitiativeFactory().archive(by=curator)


def test_feature_marks_a_published_example(curator):
    initiative = InitiativeFactory(published=True)
    initiative.set_featured(True, by=curator)
    initiative.refresh_from_db()
    assert initiative.featured


def test_feature_refuses_an_unpublished_example(curator):
    with pytest.raises(InvalidTransition):
        InitiativeFactory(submitted=True).set_featured(True, by=curator)


def test_transitions_cannot_be_called_from_templates():
    for name in ["submit", "publish", "request_changes", "reject", "archive", "set_featured"]:
        assert getattr(Initiative, name).alters_data


# Visibility


@pytest.fixture
def examples(contributor):
    return {
        "published": InitiativeFactory(published=True),
        "own_draft": InitiativeFactory(submitted_by=contributor),
        "own_submitted": InitiativeFactory(submitted=True, submitted_by=contributor),
        "others_draft": InitiativeFactory(),
        "others_rejected": InitiativeFactory(state=State.REJECTED),
        "archived": InitiativeFactory(state=State.ARCHIVED, published_at=None),
    }


def visible(user):
    return set(Initiative.objects.visible_to(user).values_list("title", flat=True))


def titles(examples, *keys):
    return {examples[key].title for key in keys}


def test_published_returns_only_published_examples(examples):
    assert set(Initiative.objects.published()) == {examples["published"]}


def test_anonymous_visitors_see_only_published_examples(examples):
    assert visible(AnonymousUser()) == titles(examples, "published")


def test_submitter_sees_published_and_their_own_examples(examples, contributor):
    assert visible(contributor) == titles(examples, "published", "own_draft", "own_submitted")


def test_another_user_sees_only_published_examples(examples):
    assert visible(UserFactory()) == titles(examples, "published")


def test_curator_sees_every_example(examples, curator):
    assert visible(curator) == titles(examples, *examples)


def test_an_inactive_curator_sees_only_published_examples(examples, curator):
    curator.is_active = False
    assert visible(curator) == titles(examples, "published")


def test_review_queue_lists_submitted_examples_oldest_first(contributor):
    newer = InitiativeFactory(submitted=True)
    older = InitiativeFactory(submitted=True)
    older.submitted_at = newer.submitted_at - datetime.timedelta(days=1)
    older.save()
    InitiativeFactory()
    assert list(Initiative.objects.review_queue()) == [older, newer]
