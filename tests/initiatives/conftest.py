import pytest

from tests.factories import CategoryFactory, OrganisationFactory, TargetGroupFactory


@pytest.fixture
def taxonomy():
    """The category, target group and lead organisation a submission form chooses."""
    return {
        "category": CategoryFactory(name="Lektiehjælp og læring"),
        "group": TargetGroupFactory(name="Børnefamilier"),
        "organisation": OrganisationFactory(name="Roskilde Bibliotekerne"),
    }
