"""The Makefile's targets for newcomers, run with a stand-in for Python that logs its calls."""

import os
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
    (venv / ".installed").touch()  # newer than pyproject.toml, so nothing is installed
    calls = tmp_path / "calls"
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\necho "$* SITE_URL=$SITE_URL" >> "{calls}"\n')
    python.chmod(0o755)
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "SITE_URL", "HOST", "PORT", "EMAIL"}
    }
    subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", f"PY={python}", *args],
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
