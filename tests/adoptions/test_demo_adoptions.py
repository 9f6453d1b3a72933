"""The demo's adoptions (portal/demo.py): published, spread over the regions, loaded once."""

import io

import pytest
from django.core.management import call_command

from adoptions.models import Adoption
from initiatives.models import Initiative
from portal.demo import ADOPTIONS

pytestmark = pytest.mark.django_db


def loaddemo():
    out = io.StringIO()
    call_command("loaddemo", stdout=out)
    return out.getvalue()


def test_the_demo_adoptions_are_published_and_spread_the_examples():
    output = loaddemo()

    assert f"{len(ADOPTIONS)} adoptions" in output
    assert Adoption.objects.published().count() == len(ADOPTIONS)
    regions = set(Adoption.objects.values_list("municipality__region", flat=True))
    assert len(regions) >= 4
    kommer = Initiative.objects.get(slug="biblioteket-kommer")
    assert kommer.reuse_count == 3
    assert set(kommer.reused_in.values_list("code", flat=True)) == {"630", "851", "265"}


def test_the_adopting_libraries_are_confirmed():
    loaddemo()

    assert all(adoption.organisation.confirmed for adoption in Adoption.objects.all())


def test_a_second_run_changes_no_adoption():
    loaddemo()
    before = (Adoption.objects.count(), Adoption.history.count())

    output = loaddemo()

    assert (Adoption.objects.count(), Adoption.history.count()) == before
    assert "(0 created, 0 updated)" in output
