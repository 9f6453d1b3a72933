import pytest
from django.urls import reverse

from partnerships.models import Membership, Partnership
from portal.lib import pagecache
from tests.factories import (
    InitiativeFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    partnership = PartnershipFactory(
        name="Partnerskabet vedr. udsatte børn og unge under COVID-19",
        basis="Den politiske aftale af 17. april 2020.",
        goals="En ensomhedsstrategi\nGode eksempler på en ny portal",
    )
    MembershipFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Red Barnet"),
        role=Membership.Role.FACILITATOR,
    )
    MembershipFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Danmarks Biblioteksforening"),
    )
    MeetingFactory(partnership=partnership, title="Første møde")
    InitiativeFactory(title="Biblioteket Kommer", partnership=partnership, published=True)
    InitiativeFactory(title="Kladde i partnerskabet", partnership=partnership)
    return partnership


def test_partnership_list_shows_facilitators_and_counts(client, partnership):
    response = client.get(reverse("partnerships:list"))
    listed = response.context["partnerships"][0]
    assert [m.organisation.name for m in listed.facilitators] == ["Red Barnet"]
    assert (listed.member_count, listed.example_count) == (2, 1)


def test_partnership_list_puts_active_partnerships_first(client, partnership):
    PartnershipFactory(name="A afsluttet", status=Partnership.Status.CONCLUDED)
    names = [p.name for p in client.get(reverse("partnerships:list")).context["partnerships"]]
    assert names[0] == partnership.name


def test_partnership_detail_shows_purpose_basis_goals_members_meetings_and_examples(
    client, partnership
):
    text = client.get(partnership.get_absolute_url()).text
    for value in [
        "17. april 2020",
        "En ensomhedsstrategi",
        "Red Barnet",
        "Danmarks Biblioteksforening",
        "Første møde",
        "Biblioteket Kommer",
    ]:
        assert value in text
    assert "Kladde i partnerskabet" not in text


def test_partnership_detail_groups_members_by_role(client, partnership):
    roles = client.get(partnership.get_absolute_url()).context["roles"]
    assert [(str(label), [m.organisation.name for m in members]) for label, members in roles] == [
        ("facilitator", ["Red Barnet"]),
        ("medlem", ["Danmarks Biblioteksforening"]),
    ]


def test_unknown_partnership_is_not_found(client):
    assert client.get("/partnerskaber/findes-ikke/").status_code == 404


def test_organisation_list_counts_partnerships_and_published_examples(client, partnership):
    organisation = partnership.memberships.get(role="facilitator").organisation
    InitiativeFactory(lead_organisation=organisation, published=True)
    InitiativeFactory(lead_organisation=organisation)
    response = client.get(reverse("partnerships:organisation_list"))
    row = next(o for o in response.context["page"] if o.pk == organisation.pk)
    assert (row.partnership_count, row.example_count) == (1, 1)


@pytest.mark.parametrize("index", ["facet index", "no index (cache away)"])
def test_organisation_list_counts_an_example_it_leads_and_joins_once(client, monkeypatch, index):
    if index != "facet index":
        monkeypatch.setattr(pagecache, "generation", lambda: None)
    organisation = OrganisationFactory(name="Aarhus Bibliotekerne")
    InitiativeFactory(
        lead_organisation=organisation, partner_organisations=[organisation], published=True
    )
    InitiativeFactory(partner_organisations=[organisation], published=True)
    InitiativeFactory(partner_organisations=[organisation])  # a draft does not count
    response = client.get(reverse("partnerships:organisation_list"))
    row = next(o for o in response.context["page"] if o.pk == organisation.pk)
    assert row.example_count == 2


def test_organisation_list_filters_by_kind(client, partnership):
    OrganisationFactory(name="Dansk Røde Kors", kind="ngo")
    response = client.get(reverse("partnerships:organisation_list"), {"kind": "ngo"})
    assert [o.name for o in response.context["page"]] == ["Dansk Røde Kors"]


def test_organisation_list_ignores_an_unknown_kind_and_says_so(client, partnership):
    response = client.get(reverse("partnerships:organisation_list"), {"kind": "rumvæsner"})
    assert response.status_code == 200
    assert response.context["ignored_kind"] == "rumvæsner"
    assert response.context["page"].paginator.count == 4  # all of them


def test_organisation_list_survives_a_bad_page_number(client, partnership):
    response = client.get(reverse("partnerships:organisation_list"), {"page": "x" * 500})
    assert response.status_code == 200


def test_organisation_detail_shows_partnerships_and_examples_led_and_joined(client, partnership):
    organisation = OrganisationFactory(name="Aarhus Bibliotekerne")
    InitiativeFactory(title="Digital læsekreds", lead_organisation=organisation, published=True)
    InitiativeFactory(title="Bogtur", partner_organisations=[organisation], published=True)
    InitiativeFactory(title="Skjult kladde", lead_organisation=organisation)
    MembershipFactory(partnership=partnership, organisation=organisation)
    response = client.get(organisation.get_absolute_url())
    assert [i.title for i in response.context["led"]] == ["Digital læsekreds"]
    assert [i.title for i in response.context["joined"]] == ["Bogtur"]
    assert partnership.name in response.text
    assert "Skjult kladde" not in response.text


def test_public_pages_never_show_accounts_or_contact_e_mails(client, partnership):
    user = UserFactory(email="privat@bibliotek.example")
    example = InitiativeFactory(
        submitted_by=user,
        contact_email="kontakt@bibliotek.example",
        published=True,
        partnership=partnership,
    )
    for url in [
        "/",
        reverse("initiatives:list"),
        example.get_absolute_url(),
        partnership.get_absolute_url(),
        reverse("partnerships:list"),
        reverse("partnerships:organisation_list"),
        example.lead_organisation.get_absolute_url(),
    ]:
        text = client.get(url).text
        assert "privat@bibliotek.example" not in text, url
        assert "kontakt@bibliotek.example" not in text, url


def test_organisation_kind_counts_leave_out_unconfirmed_organisations(client):
    OrganisationFactory(name="Fanø Bibliotek", kind="library")
    OrganisationFactory(name="Ny læseforening", kind="library", confirmed=False)
    response = client.get(reverse("partnerships:organisation_list"))
    counts = {value: count for value, _label, count in response.context["kinds"]}
    assert counts["library"] == 1
    assert response.context["page"].paginator.count == 1


def test_a_partnership_page_shows_its_newest_examples_and_links_to_the_rest(client, partnership):
    from partnerships.views import SHOWN

    InitiativeFactory.create_batch(SHOWN + 1, partnership=partnership, published=True)
    response = client.get(partnership.get_absolute_url())
    assert len(response.context["examples"]) == SHOWN
    assert f"/eksempler/?partnership={partnership.slug}" in response.text


def test_a_partnership_page_with_few_examples_needs_no_link_to_more(client, partnership):
    InitiativeFactory(partnership=partnership, published=True)
    response = client.get(partnership.get_absolute_url())
    assert not response.context["examples_more"]
    assert "/eksempler/?partnership=" not in response.text


def test_an_organisation_page_shows_its_newest_examples_and_links_to_the_rest(client):
    from partnerships.views import SHOWN

    organisation = OrganisationFactory(name="Odense Bibliotekerne")
    InitiativeFactory.create_batch(SHOWN + 1, lead_organisation=organisation, published=True)
    response = client.get(organisation.get_absolute_url())
    assert len(response.context["led"]) == SHOWN
    assert f"/eksempler/?organisation={organisation.slug}" in response.text
