"""The benchmark's generator and harness work (issue #14); they prove the tools, not speed."""

import argparse
import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from adoptions.models import Adoption
from benchmarks.pages import build_pages
from benchmarks.run import run_wrk
from initiatives.models import Initiative
from portal.demo import load_demo
from portal.synthetic import generate

COUNT = 200


def _titles(count, seed):
    """The titles `generate` makes on the current data, rolled back afterwards."""
    with transaction.atomic():
        generate(count=count, seed=seed)
        titles = list(Initiative.objects.order_by("-pk").values_list("title", flat=True)[:count])
        transaction.set_rollback(True)
    return titles


@pytest.fixture
def examples(db):
    load_demo()
    generate(count=COUNT, seed=7)


@pytest.mark.django_db
def test_the_command_adds_published_examples_with_their_relations():
    load_demo()
    before = Initiative.objects.published().count()
    out = StringIO()

    call_command("generate_examples", "--count", "60", "--seed", "3", stdout=out)

    published = Initiative.objects.published()
    assert published.count() == before + 60
    assert "60/60" in out.getvalue()
    synthetic = list(published.order_by("-pk")[:60])
    assert all(example.target_groups.exists() for example in synthetic)
    assert all(example.nationwide or example.municipalities.exists() for example in synthetic)
    assert len({example.published_at.year for example in synthetic}) > 5
    assert len({example.slug for example in synthetic}) == 60


def test_every_tenth_example_has_published_adoptions_and_their_spread(examples):
    synthetic = list(Initiative.objects.order_by("-pk")[:COUNT])
    adopted = [example for example in synthetic if example.reuse_count]

    assert len(adopted) == COUNT // 10
    for example in adopted:
        adoptions = Adoption.objects.published().filter(initiative=example)
        places = set(adoptions.exclude(municipality=None).values_list("municipality", flat=True))
        assert adoptions.count() == example.reuse_count > 0
        assert set(example.reused_in.values_list("pk", flat=True)) == places
        assert example.reused_in_count == len(places)


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_titles_and_another_seed_others():
    load_demo()

    assert _titles(40, seed=11) == _titles(40, seed=11)
    assert _titles(40, seed=11) != _titles(40, seed=12)


@pytest.mark.django_db
def test_a_common_word_is_in_most_search_documents(examples):
    synthetic = Initiative.objects.order_by("-pk")[:COUNT]

    assert all(example.search_text and example.search_names for example in synthetic)
    assert sum("bibliotek" in example.search_text for example in synthetic) > COUNT * 0.8


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_search_vectors_are_filled_and_the_search_indexes_rebuilt(examples):
    from initiatives.search import Search

    synthetic = Initiative.objects.order_by("-pk")[:COUNT].values("pk")
    assert not Initiative.objects.filter(pk__in=synthetic, search_vector__isnull=True).exists()
    found = Search("bibliotek", Initiative.objects.published()).filter(Initiative.objects.all())
    assert found.count() > COUNT * 0.8
    assert _gin_indexes_and_triggers() == (2, 0)


def _gin_indexes_and_triggers():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [Initiative._meta.db_table, "% USING gin %"],
        )
        gin = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [Initiative._meta.db_table],
        )
        return gin, cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_few_more_examples_keep_the_indexes_and_get_their_search_vectors(examples):
    generate(count=20, seed=8)

    newest = Initiative.objects.order_by("-pk")[:20].values("pk")
    assert not Initiative.objects.filter(pk__in=newest, search_vector__isnull=True).exists()
    # Both GIN indexes are there, and the loading trigger is gone.
    assert _gin_indexes_and_triggers() == (2, 0)


@pytest.mark.django_db
def test_every_benchmarked_page_answers_and_its_queries_are_counted(examples, client, curator):
    pages = build_pages(seed=1)
    signed_in = Client()
    signed_in.force_login(curator)
    counted = {}

    for page in pages:
        with CaptureQueriesContext(connection) as queries:
            response = (signed_in if page.admin else client).get(page.warm, secure=True)
        assert response.status_code == 200, page.name
        counted[page.name] = len(queries)

    assert len(pages) == 15
    assert counted["/healthz"] == 0
    assert all(counted[page.name] > 0 for page in pages[1:])
    assert all(page.cold for page in pages if "list, three" in page.name or "search" in page.name)
    assert [p.cold for p in build_pages(seed=1)] == [p.cold for p in pages]


@pytest.mark.skipif(shutil.which("wrk") is None, reason="needs wrk (apt-get install wrk)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wrk_runs_the_lua_script_warm_and_cold(live_server, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("/healthz\n/readyz\n")
    args = argparse.Namespace(threads=1, connections=2, duration=1)

    warm = run_wrk(args, f"{live_server.url}/healthz")
    cold = run_wrk(args, f"{live_server.url}/healthz", urls_file=urls)

    assert warm["requests"] > 0 and warm["rps"] > 0
    assert cold["requests"] > 0 and cold["errors"]["status"] == 0
    assert warm["latency_us"]["p50"] <= warm["latency_us"]["p99"]
