"""The Makefile's targets and CI's use of them, run with stand-ins for Python and pytest."""

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


def make(tmp_path, *args, **env):
    """Run make in the repository with a fake venv; return each Python call and its SITE_URL."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "activate").touch()
    for marker in (".installed", ".installed-test"):
        (venv / marker).touch()  # newer than pyproject.toml, so nothing is installed
    calls = tmp_path / "calls"
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\necho "$* SITE_URL=$SITE_URL" >> "{calls}"\n')
    pytest = venv / "bin" / "pytest"  # one argument a line, to show how make split them
    pytest.write_text(f'#!/bin/sh\necho pytest >> "{calls}"; printf "%s\\n" "$@" >> "{calls}"\n')
    for script in (python, pytest):
        script.chmod(0o755)
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "SITE_URL", "HOST", "PORT", "EMAIL"}
    }
    subprocess.run(
        # VNU=: `make test` leaves the HTML checker as it is (see below for its rule).
        ["make", "--no-print-directory", f"VENV={venv}", f"PY={python}", "VNU=", *args],
        cwd=ROOT,
        env={**clean, **env},
        check=True,
        capture_output=True,
    )
    return calls.read_text().splitlines()


def test_make_run_points_e_mail_links_at_the_port_it_serves(tmp_path):
    calls = make(tmp_path, "run", "PORT=8731")

    assert calls[-1] == "manage.py runserver 127.0.0.1:8731 SITE_URL=http://127.0.0.1:8731"


def test_a_site_url_in_the_environment_wins_over_host_and_port(tmp_path):
    calls = make(tmp_path, "run", "PORT=8731", SITE_URL="https://gode-eksempler.example")

    assert calls[-1].endswith(" SITE_URL=https://gode-eksempler.example")


def test_make_curator_makes_a_curator_who_logs_in_by_e_mail(tmp_path):
    calls = make(tmp_path, "curator", "EMAIL=mette@roskilde.example")

    assert calls[-1].startswith("manage.py create_curator mette@roskilde.example ")


def test_make_superuser_asks_for_an_e_mail_address_not_a_username(tmp_path):
    calls = make(tmp_path, "superuser")

    assert calls[-1].startswith("manage.py create_curator --superuser ")


def test_make_worker_runs_the_task_queues_worker_after_migrating(tmp_path):
    calls = make(tmp_path, "worker")

    assert calls[-2].startswith("manage.py migrate ")
    assert calls[-1].startswith("manage.py db_worker ")


def dry_run_of_make_test(tmp_path, *tools):
    """What `make test` would run with a newer package-lock.json and only `tools` on the PATH."""
    folder = tmp_path / "path"
    folder.mkdir()
    for tool in tools:
        (folder / tool).write_text("#!/bin/sh\n")
        (folder / tool).chmod(0o755)
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for marker in ("bin/activate", ".installed", ".installed-test"):
        (venv / marker).touch()
    result = subprocess.run(
        [shutil.which("make"), "-n", "-W", "package-lock.json", f"VENV={venv}", "test"],
        cwd=ROOT,
        env={"PATH": str(folder)},
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def test_make_test_installs_the_locked_html_checker_where_npm_is(tmp_path):
    assert "npm ci " in dry_run_of_make_test(tmp_path, "npm")


def test_make_test_goes_on_without_the_html_checker_where_npm_is_not(tmp_path):
    commands = dry_run_of_make_test(tmp_path)

    assert "npm" not in commands
    assert "pytest" in commands


def ci_test_runs():
    """{name: the command} for each `start NAME command...` line of .ci/run."""
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    runs = [shlex.split(line) for line in lines if line.startswith("start ")]
    return {run[1]: run[2:] for run in runs}


def test_ci_runs_the_tests_on_both_databases_and_the_browser_suite_once():
    runs = ci_test_runs()

    assert set(runs) == {"sqlite", "postgres", "browser"}
    assert runs["sqlite"][:3] == ["env", "-u", "DATABASE_URL"]
    assert 'PYTEST_ARGS=-m "not browser"' in runs["sqlite"]
    assert runs["postgres"][1].startswith("DATABASE_URL=postgres://")
    assert 'PYTEST_ARGS=-m "not browser"' in runs["postgres"]
    assert runs["browser"][1].startswith("DATABASE_URL=postgres://")
    assert "PYTEST_ARGS=-m browser" in runs["browser"]
    # Side by side, the two PostgreSQL runs need test databases of their own.
    assert runs["postgres"][1] != runs["browser"][1]


def test_ci_fails_rather_than_skips_the_html_check_without_the_checker():
    lines = (ROOT / ".ci" / "run").read_text().splitlines()

    assert lines.index("export REQUIRE_VNU=1") < min(
        number for number, line in enumerate(lines) if line.startswith("start ")
    )


def test_every_ci_run_calls_the_readmes_test_command():
    assert all("make" in run and "test" in run for run in ci_test_runs().values())


def test_cis_pytest_args_reach_pytest_as_one_marker_expression(tmp_path):
    sqlite = ci_test_runs()["sqlite"]
    make_args = sqlite[sqlite.index("make") + 1 :]

    calls = make(tmp_path, *make_args)

    assert calls[calls.index("pytest") + 1 :] == ["-m", "not browser"]
