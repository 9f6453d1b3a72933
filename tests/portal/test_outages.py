"""When the database or the cache is away: /readyz says so, pages answer 503, and they recover."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


@pytest.mark.django_db
def test_readyz_answers_ok_when_database_and_cache_answer(client):
    response = client.get(reverse("readyz"))
    assert (response.status_code, response.content) == (200, b"ok")


@pytest.mark.django_db
def test_readyz_answers_503_naming_the_cache_when_it_is_away(client):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert b"cache" in response.content


@pytest.mark.django_db
def test_healthz_answers_without_database_or_cache(client, django_assert_num_queries):
    with override_settings(CACHES=UNREACHABLE_REDIS), django_assert_num_queries(0):
        assert client.get(reverse("healthz")).status_code == 200


class Gate:
    """A TCP proxy to the database that can be closed and opened: an outage on demand."""

    def __init__(self, target_port):
        self.target = ("127.0.0.1", target_port)
        self.open = False
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            client, _ = self.listener.accept()
            if not self.open:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            for source, sink in [(client, upstream), (upstream, client)]:
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Production's hashed static files, collected once, apart from the repository's."""
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, "DEBUG": "false", "STATIC_ROOT": str(root), "SECRET_KEY": "s" * 60}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return root


@pytest.fixture
def portal_server(static_root):
    """Start the portal in production mode against a DATABASE_URL; yield a GET function."""
    servers = []

    def start(database_url):
        port = free_port()
        env = {
            **os.environ,
            "STATIC_ROOT": str(static_root),
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "SECRET_KEY": "outage-test-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "CONN_MAX_AGE": "60",
        }
        # gunicorn, as in production; runserver would check migrations first and stop.
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [gunicorn, "portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers=1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers.append(server)

        def get(path):
            # The proxy in front says https, so production's SSL redirect stays out of it.
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"}
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()

        for _ in range(100):
            try:
                get("/healthz")
                break
            except OSError:
                time.sleep(0.1)
        return get

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def test_a_database_that_cannot_be_opened_gives_a_friendly_503(portal_server, tmp_path):
    get = portal_server(f"sqlite:///{tmp_path / 'missing' / 'db.sqlite3'}")
    assert get("/healthz")[0] == 200
    status, body = get("/readyz")
    assert status == 503 and "database" in body
    status, body = get(reverse("initiatives:list"))
    assert status == 503
    assert 'class="site-header"' in body  # the portal's layout, not a traceback
    assert "Traceback" not in body


@pytest.mark.postgres
@pytest.mark.django_db
def test_pages_answer_503_while_postgresql_is_away_and_recover_by_themselves(portal_server):
    database = settings.DATABASES["default"]
    gate = Gate(int(database.get("PORT") or 5432))
    get = portal_server(f"postgres://{database['USER']}@127.0.0.1:{gate.port}/{database['NAME']}")
    list_url = reverse("initiatives:list")

    status, body = get(list_url)
    assert status == 503
    assert "Traceback" not in body
    assert get("/readyz")[0] == 503

    gate.open = True
    assert get("/readyz")[0] == 200
    assert get(list_url)[0] == 200
