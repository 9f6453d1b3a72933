"""Production mode (DEBUG off): a clean `check --deploy`, HTTPS, a real secret key, Redis."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "b7Jx0q-3zT9mVw2LrYk8sNcQ4eHdPfGuA1iOvXyZ6tB5nMjKlE_RgW",
    "ALLOWED_HOSTS": "gode-eksempler.example",
    "CSRF_TRUSTED_ORIGINS": "https://gode-eksempler.example",
    "SITE_URL": "https://gode-eksempler.example",
}
# Variables a developer's shell may set that would change what is tested; the
# browser tests' conftest sets the last one in this process, and check --deploy
# rightly flags it.
_OURS = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "REDIS_URL",
    "SENTRY_DSN",
    "LOG_FORMAT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run(args, **env):
    """Run `python <args>` in the repository with a clean environment plus `env`."""
    base = {k: v for k, v in os.environ.items() if k not in _OURS and not k.startswith("SECURE_")}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def setting(name, **env):
    code = f"import json; from django.conf import settings; print(json.dumps(settings.{name}))"
    result = run(["-c", "import django; django.setup(); " + code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"], **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("key", [None, "", "django-insecure-local-only-never-in-production"])
def test_debug_off_without_a_real_secret_key_refuses_to_start(key):
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    if key is not None:
        env["SECRET_KEY"] = key

    result = run(["manage.py", "check"], **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set" in result.stderr


def test_production_redirects_to_https_and_sends_hsts_and_secure_cookies():
    assert setting("SECURE_SSL_REDIRECT", **PRODUCTION) is True
    assert setting("SECURE_HSTS_SECONDS", **PRODUCTION) >= 31536000
    assert setting("SESSION_COOKIE_SECURE", **PRODUCTION) is True
    assert setting("CSRF_COOKIE_SECURE", **PRODUCTION) is True
    assert setting("SECURE_PROXY_SSL_HEADER", **PRODUCTION) == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_hsts_can_be_shortened_while_a_host_moves_to_https():
    assert setting("SECURE_HSTS_SECONDS", SECURE_HSTS_SECONDS="3600", **PRODUCTION) == 3600


def test_development_neither_redirects_nor_sends_hsts():
    assert setting("SECURE_SSL_REDIRECT") is False
    assert setting("SECURE_HSTS_SECONDS") == 0


@pytest.fixture
def https_only(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000


def test_a_page_over_plain_http_is_redirected_to_https(client, https_only):
    response = client.get("/om/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/om/"


def test_the_proxys_forwarded_proto_counts_as_https(client, https_only):
    response = client.get("/om/", headers={"X-Forwarded-Proto": "https"})

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_the_load_balancers_health_check_is_answered_over_plain_http(client, https_only):
    assert client.get("/healthz").status_code == 200


def test_redis_url_selects_djangos_own_redis_cache():
    caches = setting("CACHES", REDIS_URL="redis://127.0.0.1:6379/0")

    assert caches["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
    }


def test_the_redis_cache_stores_and_reads_back_a_value():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "test-production-settings"})
    cache.set("greeting", "Goddag", timeout=10)

    assert cache.get("greeting") == "Goddag"
    cache.delete("greeting")
