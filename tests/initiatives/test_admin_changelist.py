"""The curators' changelist of examples at national scale (issue #14).

Every filter still narrows the list, the page costs the same number of
queries whatever the amount of data, and the list never counts every example.
"""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives import admin as initiatives_admin
from initiatives.admin import CountCappedPaginator, InitiativeAdmin
from initiatives.models import Initiative
from tests.factories import (
    CategoryFactory,
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:initiatives_initiative_changelist"


@pytest.fixture
def two_examples():
    """One example with every filter's "yes" and one with none of them."""
    wanted = InitiativeFactory(
        published=True,
        featured=True,
        category=CategoryFactory(),
        format=Initiative.Format.DIGITAL,
        status=Initiative.Status.IDEA,
        evidence=Initiative.Evidence.RESEARCHED,
        cost_level=Initiative.CostLevel.SMALL,
        transferability=Initiative.Transferability.HIGH,
        uses_volunteers=True,
        nationwide=True,
        target_groups=[TargetGroupFactory()],
        partnership=PartnershipFactory(),
        description="Ring til Lise på 22 33 44 55.",  # a privacy warning nobody checked
    )
    other = InitiativeFactory(submitted=True, target_groups=[TargetGroupFactory()])
    return wanted, other


FILTERS = [
    "state__exact",
    "privacy",
    "featured__exact",
    "published_at__isnull",
    "category__id__exact",
    "format__exact",
    "status__exact",
    "evidence__exact",
    "cost_level__exact",
    "transferability__exact",
    "uses_volunteers__exact",
    "nationwide__exact",
    "target_groups__id__exact",
    "partnership__id__exact",
]


def filters_for(example):
    """One query parameter per list_filter that keeps `example` and drops the other."""
    return {
        "state__exact": example.state,
        "privacy": "open",
        "featured__exact": "1",
        "published_at__isnull": "False",
        "category__id__exact": example.category_id,
        "format__exact": example.format,
        "status__exact": example.status,
        "evidence__exact": example.evidence,
        "cost_level__exact": example.cost_level,
        "transferability__exact": example.transferability,
        "uses_volunteers__exact": "1",
        "nationwide__exact": "1",
        "target_groups__id__exact": example.target_groups.get().pk,
        "partnership__id__exact": example.partnership_id,
    }


def test_every_filter_is_tried_and_shown(client, curator, two_examples):
    client.force_login(curator)
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert len(response.context["cl"].filter_specs) == len(InitiativeAdmin.list_filter)
    assert sorted(filters_for(two_examples[0])) == sorted(FILTERS)
    assert len(FILTERS) == len(InitiativeAdmin.list_filter)


@pytest.mark.parametrize("parameter", FILTERS)
def test_each_filter_narrows_the_list(client, curator, two_examples, parameter):
    wanted, _other = two_examples
    client.force_login(curator)

    response = client.get(reverse(CHANGELIST), {parameter: filters_for(wanted)[parameter]})

    assert response.status_code == 200
    assert [example.pk for example in response.context["cl"].result_list] == [wanted.pk]


def test_a_search_finds_words_in_any_searched_field_and_the_lead_organisation(client, curator):
    found = InitiativeFactory(title="Lektiecafé", description="Frivillige hjælper med Lektier")
    InitiativeFactory(title="Bogbus")
    by_name = InitiativeFactory(
        title="Strikkeklub", lead_organisation=OrganisationFactory(name="Ørsted Bibliotek")
    )
    client.force_login(curator)

    def titles(q):
        cl = client.get(reverse(CHANGELIST), {"q": q}).context["cl"]
        return sorted(example.title for example in cl.result_list)

    assert titles("lektier frivillige") == [found.title]
    assert titles('"hjælper med"') == [found.title]
    assert titles("ØRSTED") == [by_name.title]
    assert titles("lektier bogbus") == []


@pytest.mark.parametrize("size", [3, 40])
@pytest.mark.parametrize("filtered", [False, True])
def test_the_changelist_costs_the_same_queries_at_any_size(
    client, curator, django_assert_max_num_queries, size, filtered
):
    # session, user, the second factor, the queue count, two permission
    # lookups, three filter option lists (categories, target groups,
    # partnerships), one bounded count, the page.
    groups = [TargetGroupFactory(), TargetGroupFactory()]
    for n in range(size):
        InitiativeFactory(published=n % 2 == 0, target_groups=groups[: 1 + n % 2])
    query = {"q": "bog", "state__exact": "published", "target_groups__id__exact": groups[0].pk}
    client.force_login(curator)
    with django_assert_max_num_queries(11):
        response = client.get(reverse(CHANGELIST), query if filtered else {})
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == ((size + 1) // 2 if filtered else size)


def test_the_unfiltered_list_does_not_count_every_example(client, curator):
    InitiativeFactory.create_batch(3)
    client.force_login(curator)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(CHANGELIST))

    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    table = Initiative._meta.db_table
    assert response.context["cl"].result_count == 3
    # The review queue's count (one state) and the list's, which stops at a limit.
    assert len(counts) == 2
    assert all(table in sql and ("LIMIT" in sql or "state" in sql) for sql in counts)


def test_a_long_list_says_it_holds_more_than_it_counted(client, curator, monkeypatch):
    InitiativeFactory.create_batch(5, published=True)
    monkeypatch.setattr(InitiativeAdmin, "list_per_page", 1)
    monkeypatch.setattr(initiatives_admin, "PAGES_COUNTED_AHEAD", 1)
    monkeypatch.setattr(initiatives_admin, "COUNT_STEP", 1)
    client.force_login(curator)

    response = client.get(reverse(CHANGELIST))

    cl = response.context["cl"]
    assert (cl.result_count, cl.paginator.capped, cl.paginator.num_pages) == (2, True, 2)
    assert "2+ " in response.text
    # It cannot say how many "select all" would take, so it does not offer it.
    assert 'class="question' not in response.text


def test_a_page_further_on_counts_further(client, curator, monkeypatch):
    InitiativeFactory.create_batch(5, published=True)
    monkeypatch.setattr(InitiativeAdmin, "list_per_page", 1)
    monkeypatch.setattr(initiatives_admin, "PAGES_COUNTED_AHEAD", 1)
    monkeypatch.setattr(initiatives_admin, "COUNT_STEP", 1)
    client.force_login(curator)

    cl = client.get(reverse(CHANGELIST), {"p": "3"}).context["cl"]

    assert (cl.result_count, cl.paginator.capped, len(cl.result_list)) == (4, True, 1)


def test_the_paginator_counts_up_to_its_cap():
    InitiativeFactory.create_batch(4)
    examples = Initiative.objects.order_by("title")

    capped = CountCappedPaginator(examples, 2, cap=3)
    exact = CountCappedPaginator(examples, 2, cap=10)

    assert (capped.count, capped.capped, capped.num_pages) == (3, True, 2)
    assert (exact.count, exact.capped, exact.num_pages) == (4, False, 2)


def test_the_list_shows_dates_without_the_time_of_day(client, curator):
    InitiativeFactory(submitted=True, submitted_at=datetime(2026, 3, 2, 23, 30, tzinfo=UTC))
    client.force_login(curator)

    response = client.get(reverse(CHANGELIST))

    # Half past midnight on the 3rd in Copenhagen; the change page has the time.
    assert '<td class="field-sent">03.03.2026</td>' in response.text


def test_a_bad_target_group_is_refused_like_any_bad_filter(client, curator):
    TargetGroupFactory()
    client.force_login(curator)
    response = client.get(reverse(CHANGELIST), {"target_groups__id__exact": "x"})
    assert response.status_code == 302
    assert "e=1" in response.url
