"""Request ids on every response, and error tracking only when SENTRY_DSN is set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_each_response_carries_a_new_request_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_proxys_request_id_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a9c.2"})

    assert response["X-Request-ID"] == "lb-7f3a9c.2"


@pytest.mark.parametrize("incoming", ["a b", "x\nFAKE LOG LINE", "<script>", "9" * 129])
def test_a_request_id_that_is_no_plain_token_is_replaced(client, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming})

    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


SENTRY_STATE = """
import sys
import django
django.setup()
if "sentry_sdk" not in sys.modules:
    print("not imported")
else:
    import sentry_sdk
    client = sentry_sdk.get_client()
    print("active" if client.is_active() else "inactive", client.options["send_default_pii"])
"""


def sentry_state(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    result = subprocess.run(
        [sys.executable, "-c", SENTRY_STATE],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_sentry_dsn_sentry_is_not_even_imported():
    assert sentry_state() == "not imported"


def test_with_sentry_dsn_errors_are_tracked_without_personal_data():
    # A DSN nobody listens on: init sends nothing until there is an error.
    assert sentry_state(SENTRY_DSN="https://public@127.0.0.1:9/1") == "active False"
