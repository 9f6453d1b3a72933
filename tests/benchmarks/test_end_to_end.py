"""`make bench` in small: 1 000 examples, one second a page, on a database of its own.

It proves that the generator, the server, wrk and the report work together
on a fresh database, as `make bench` runs them; it judges no speed.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = "postgres://postgres@127.0.0.1:5432"


@pytest.fixture
def bench_database():
    name = f"gode_eksempler_bench_test_{os.getpid()}"
    yield f"{SERVER}/{name}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.skipif(shutil.which("wrk") is None, reason="needs wrk (apt-get install wrk)")
def test_the_benchmark_runs_end_to_end_and_reports_every_page(bench_database, tmp_path):
    output = tmp_path / "results.json"
    command = [sys.executable, "-m", "benchmarks.run", "--count", "1000", "--duration", "1"]
    command += ["--database-url", bench_database, "--output", str(output)]
    # A Redis database of its own, so that a benchmark run beside it keeps its cache.
    command += ["--redis-url", "redis://127.0.0.1:6379/13"]

    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)

    assert run.returncode == 0, run.stderr[-3000:]
    assert "| /healthz | warm |" in run.stdout
    report = json.loads(output.read_text())
    assert report["count"] == 1000
    pages = {page["page"]: page for page in report["pages"]}
    assert {"examples list", "search, common word", "admin changelist"} <= set(pages)
    for name, page in pages.items():
        for mode in ("warm", "cold"):
            if mode in page:
                assert page[mode]["requests"] > 0, (name, mode)
                assert page[mode]["non_2xx_3xx"] == 0, (name, mode)
        assert page["queries"] >= 0 and page["in_process_status"] == 200, name
    assert pages["/healthz"]["warm"]["ratio"] == 1.0
