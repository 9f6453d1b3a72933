import datetime

import pytest
from django.db import IntegrityError

from partnerships.models import Municipality, Region
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_all_98_municipalities_are_loaded_by_the_migration():
    assert Municipality.objects.count() == 98


def test_municipalities_fall_in_the_five_regions():
    regions = set(Municipality.objects.values_list("region", flat=True))
    assert regions == set(Region.values)


@pytest.mark.parametrize(
    ("code", "name", "region"),
    [
        ("101", "København", Region.HOVEDSTADEN),
        ("265", "Roskilde", Region.SJAELLAND),
        ("461", "Odense", Region.SYDDANMARK),
        ("751", "Aarhus", Region.MIDTJYLLAND),
        ("851", "Aalborg", Region.NORDJYLLAND),
    ],
)
def test_municipality_has_its_official_code_and_region(code, name, region):
    municipality = Municipality.objects.get(code=code)
    assert (municipality.name, municipality.region) == (name, region)


def test_an_organisation_joins_a_partnership_only_once():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError):
        MembershipFactory(partnership=membership.partnership, organisation=membership.organisation)


def test_a_partnership_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        PartnershipFactory(
            start_date=datetime.date(2020, 5, 1), end_date=datetime.date(2020, 4, 17)
        )


def test_a_partnership_may_end_the_day_it_starts():
    day = datetime.date(2020, 4, 17)
    assert PartnershipFactory(start_date=day, end_date=day).pk


def test_organisation_names_are_unique():
    OrganisationFactory(name="Red Barnet")
    with pytest.raises(IntegrityError):
        OrganisationFactory(name="Red Barnet")


def test_organisation_slug_is_made_from_the_danish_name():
    assert OrganisationFactory(name="Børns Vilkår").slug == "boerns-vilkaar"


def test_two_names_that_slugify_alike_get_distinct_slugs():
    first = OrganisationFactory(name="Læs & Lyt")
    second = OrganisationFactory(name="Læs Lyt")
    assert first.slug == "laes-lyt"
    assert second.slug == "laes-lyt-2"


def test_partnership_and_organisation_urls_are_danish():
    membership = MembershipFactory(
        partnership__name="Partnerskab om ensomhed", organisation__name="Dansk Røde Kors"
    )
    assert membership.partnership.get_absolute_url() == "/partnerskaber/partnerskab-om-ensomhed/"
    assert membership.organisation.get_absolute_url() == "/organisationer/dansk-roede-kors/"


def test_goal_list_reads_one_goal_per_line():
    partnership = PartnershipFactory(goals="• En ensomhedsstrategi\n\n- Gode eksempler\n")
    assert partnership.goal_list == ["En ensomhedsstrategi", "Gode eksempler"]
