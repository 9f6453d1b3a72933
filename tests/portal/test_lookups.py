"""AnyOf: a key among many, one array parameter on PostgreSQL, IN elsewhere."""

import pytest
from django.db.models import F

from initiatives.models import Initiative
from portal.lib.lookups import AnyOf
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_any_of_finds_the_rows_with_these_keys():
    first, second, _third = InitiativeFactory.create_batch(3)

    found = Initiative.objects.filter(AnyOf(F("pk"), [first.pk, second.pk]))

    assert set(found) == {first, second}


def test_any_of_no_keys_finds_nothing():
    InitiativeFactory()

    assert not Initiative.objects.filter(AnyOf(F("pk"), [])).exists()


def test_any_of_combines_with_other_conditions():
    published = InitiativeFactory(published=True)
    draft = InitiativeFactory()

    found = Initiative.objects.published().filter(AnyOf(F("pk"), [published.pk, draft.pk]))

    assert list(found) == [published]
