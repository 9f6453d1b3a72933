"""The demo content from the seed blog post, loaded by `manage.py loaddemo`."""

import io
import re

import pytest
from django.core.management import call_command

from initiatives import knowledge
from initiatives.models import Category, Initiative, TargetGroup
from partnerships.models import Meeting, Membership, Organisation, Partnership
from portal.demo import CATEGORIES, EXAMPLES, TARGET_GROUPS
from portal.lib.text import danish_slugify

MODELS = [Category, TargetGroup, Organisation, Partnership, Membership, Meeting, Initiative]
HISTORIED = [Organisation, Partnership, Membership, Meeting, Initiative]


def loaddemo(*args):
    out = io.StringIO()
    call_command("loaddemo", *args, stdout=out)
    return out.getvalue()


def row_counts():
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts.update({f"{m.__name__} history": m.history.count() for m in HISTORIED})
    for relation in ("target_groups", "partner_organisations", "municipalities"):
        through = getattr(Initiative, relation).through
        counts[relation] = through.objects.count()
    return counts


@pytest.mark.django_db
def test_loads_the_partnerships_and_the_sixteen_published_examples():
    output = loaddemo()

    assert Partnership.objects.count() == 3
    assert Initiative.objects.published().count() == 16
    assert Initiative.objects.count() == 16
    assert "3 partnerships" in output
    assert "16 good examples" in output


@pytest.mark.django_db
def test_red_barnet_boerns_vilkaar_and_roede_kors_facilitate_the_covid_partnership():
    loaddemo()

    partnership = Partnership.objects.get(slug="udsatte-boern-og-unge-under-covid-19")
    facilitators = set(
        partnership.memberships.filter(role=Membership.Role.FACILITATOR).values_list(
            "organisation__name", flat=True
        )
    )
    assert facilitators == {"Red Barnet", "Børns Vilkår", "Dansk Røde Kors"}
    assert "17. april 2020" in partnership.basis
    assert any("ensomhedsstrategi" in goal for goal in partnership.goal_list)
    assert partnership.initiatives.count() == 16
    assert partnership.meetings.filter(date__isnull=True).count() == 1


@pytest.mark.django_db
def test_bogpakke_is_evaluated_by_syddansk_universitet():
    loaddemo()

    bogpakke = Initiative.objects.get(slug="bogpakke-i-udsatte-omraader")
    assert bogpakke.evidence == Initiative.Evidence.EVALUATED
    assert "60" in bogpakke.evaluation_summary
    assert bogpakke.status == Initiative.Status.CONCLUDED
    assert bogpakke.partner_organisations.filter(name="Syddansk Universitet").exists()


@pytest.mark.django_db
def test_digital_laesekreds_is_local_to_aarhus():
    loaddemo()

    laesekreds = Initiative.objects.get(slug="digital-laesekreds-for-ensomme-aeldre")
    assert not laesekreds.nationwide
    assert list(laesekreds.municipalities.values_list("code", flat=True)) == ["751"]
    assert laesekreds.lead_organisation.name == "Aarhus Bibliotekerne"


@pytest.mark.django_db
def test_only_published_examples_are_featured_and_newest_follows_the_source():
    loaddemo()

    featured = Initiative.objects.filter(featured=True)
    assert 1 <= featured.count() <= 2
    assert all(i.state == Initiative.State.PUBLISHED for i in featured)
    assert list(Initiative.objects.values_list("slug", flat=True)) == [e["slug"] for e in EXAMPLES]


def test_slugs_are_ascii_and_summaries_are_short():
    for row in CATEGORIES + TARGET_GROUPS:
        assert row["slug"] == danish_slugify(row["name"])
    for example in EXAMPLES:
        assert re.fullmatch(r"[a-z0-9-]+", example["slug"])
        assert len(example["summary"]) <= 600


@pytest.mark.django_db
def test_running_twice_changes_nothing():
    loaddemo()
    first = row_counts()
    updated_at = dict(Initiative.objects.values_list("slug", "updated_at"))

    output = loaddemo()

    assert row_counts() == first
    assert dict(Initiative.objects.values_list("slug", "updated_at")) == updated_at
    assert "(0 created, 0 updated)" in output


@pytest.mark.django_db
def test_a_rerun_restores_edited_content_with_one_history_record():
    loaddemo()
    Initiative.objects.filter(slug="samtalekasser").update(title="Noget andet")
    before = Initiative.history.count()

    output = loaddemo()

    assert Initiative.objects.get(slug="samtalekasser").title == "Samtalekasser"
    assert Initiative.history.count() == before + 1
    assert "(0 created, 1 updated)" in output


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    before = row_counts()

    output = loaddemo("--dry-run")

    assert row_counts() == before
    assert Initiative.objects.count() == 0
    assert "Dry run" in output


@pytest.mark.django_db
def test_every_example_declares_all_five_levels_with_a_justification():
    loaddemo()

    for example in Initiative.objects.all():
        for dimension, level, why in knowledge.declared(example):
            assert level in knowledge.Level.values, (example.slug, dimension.key)
            assert why.strip(), (example.slug, dimension.key)
        # Nothing of the declaration is missing, and the effect agrees with the evidence.
        declaration = {name for d in knowledge.DIMENSIONS for name in (d.field, d.why_field)}
        assert not declaration & set(example.missing_for_review()), example.slug
        example.full_clean()
    # The seed describes ideas: only an evaluated example claims documentation.
    documented = Initiative.objects.filter(known_effect__in=["A", "B"])
    assert list(documented.values_list("slug", flat=True)) == ["bogpakke-i-udsatte-omraader"]


@pytest.mark.django_db
def test_a_rerun_gives_an_existing_example_its_levels():
    loaddemo()
    Initiative.objects.filter(slug="laesesale").update(known_effect="", known_effect_why="")

    loaddemo()

    laesesale = Initiative.objects.get(slug="laesesale")
    assert laesesale.known_effect == "C"
    assert laesesale.known_effect_why
