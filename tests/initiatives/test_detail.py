import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Initiative
from tests.factories import (
    AttachmentFactory,
    CategoryFactory,
    InitiativeFactory,
    LinkFactory,
    OrganisationFactory,
    PartnershipFactory,
    TargetGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

State = Initiative.State


def detail(initiative):
    return reverse("initiatives:detail", kwargs={"slug": initiative.slug})


@pytest.fixture
def example():
    return InitiativeFactory(
        title="Bogpakke i udsatte områder",
        summary="Bøger til familier i udsatte boligområder.",
        description="Gennemført i 20 kommuner.",
        evaluation_summary="Næsten 60 procent af familierne læste mere med børnene.",
        outcomes="Mere læsning i familierne.",
        how_to_start="Kontakt Slots- og Kulturstyrelsen.",
        costs="Bøger og personaletimer.",
        contact_name="Karen Bibliotekar",
        contact_email="karen@bibliotek.example",
        partnership=PartnershipFactory(name="Partnerskab om udsatte børn"),
        partner_organisations=[OrganisationFactory(name="Syddansk Universitet")],
        target_groups=[TargetGroupFactory(name="Børnefamilier")],
        start_date=datetime.date(2009, 1, 1),
        end_date=datetime.date(2016, 12, 31),
        published=True,
    )


def test_detail_shows_every_public_field(client, example):
    text = client.get(detail(example)).text
    for value in [
        "Bogpakke i udsatte områder",
        "Bøger til familier i udsatte boligområder.",
        "Gennemført i 20 kommuner.",
        "Næsten 60 procent",
        "Mere læsning i familierne.",
        "Kontakt Slots- og Kulturstyrelsen.",
        "Bøger og personaletimer.",
        "Børnefamilier",
    ]:
        assert value in text


def test_detail_links_the_organisations_and_the_partnership(client, example):
    text = client.get(detail(example)).text
    assert example.lead_organisation.get_absolute_url() in text
    assert example.partner_organisations.get().get_absolute_url() in text
    assert example.partnership.get_absolute_url() in text


def test_detail_lists_links_and_attachments_with_their_licence(client, example):
    LinkFactory(initiative=example, title="Evalueringsrapport")
    AttachmentFactory(initiative=example, title="Folder til forældre")
    text = client.get(detail(example)).text
    assert "Evalueringsrapport" in text
    assert "Folder til forældre" in text
    assert "CC BY 4.0" in text


def test_anonymous_visitors_do_not_see_the_contact_person(client, example):
    text = client.get(detail(example)).text
    assert "karen@bibliotek.example" not in text
    assert "Karen Bibliotekar" not in text


def test_signed_in_users_see_the_contact_person(client, example):
    client.force_login(UserFactory())
    text = client.get(detail(example)).text
    assert "karen@bibliotek.example" in text
    assert "Karen Bibliotekar" in text


def test_dates_are_written_the_danish_way(client, example):
    example.published_at = timezone.make_aware(datetime.datetime(2020, 5, 4, 12))
    example.save()
    text = client.get(detail(example)).text
    assert "1. januar 2009" in text
    assert "31. december 2016" in text
    assert "4. maj 2020" in text


@pytest.mark.parametrize(
    "state", [State.DRAFT, State.SUBMITTED, State.CHANGES_REQUESTED, State.REJECTED, State.ARCHIVED]
)
def test_an_unpublished_example_is_not_found_by_anonymous_visitors(client, state):
    initiative = InitiativeFactory(state=state)
    assert client.get(detail(initiative)).status_code == 404


def test_an_unpublished_example_is_not_found_by_another_user(client):
    initiative = InitiativeFactory()
    client.force_login(UserFactory())
    assert client.get(detail(initiative)).status_code == 404


def test_the_submitter_sees_their_unpublished_example(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.submitted_by)
    assert client.get(detail(initiative)).status_code == 200


def test_a_curator_sees_an_unpublished_example(client, curator):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(curator)
    assert client.get(detail(initiative)).status_code == 200


def test_an_unknown_slug_is_not_found(client):
    assert client.get("/eksempler/findes-ikke/").status_code == 404


def test_related_examples_share_category_or_target_groups_closest_first(client, example):
    group = example.target_groups.get()
    same_both = InitiativeFactory(
        title="Samme kategori og målgruppe",
        category=example.category,
        target_groups=[group],
        published=True,
    )
    same_category = InitiativeFactory(
        title="Samme kategori", category=example.category, published=True
    )
    same_group = InitiativeFactory(title="Samme målgruppe", target_groups=[group], published=True)
    InitiativeFactory(title="Intet til fælles", category=CategoryFactory(), published=True)
    InitiativeFactory(title="Ikke udgivet", category=example.category)
    related = client.get(detail(example)).context["related"]
    assert related == [same_both, same_category, same_group]
