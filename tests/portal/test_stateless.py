"""Two app servers on one database serve one signed-in visitor in turns (docs/operations.md).

Nothing a request needs may live in one process: sessions are in the database
(or Redis), signing uses the shared SECRET_KEY, so a load balancer can send each
request to any server. Two gunicorn processes, as production runs them, on one
SQLite file: the visitor signs in on one, is signed in on the other, and signs
out on the other.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "mette@roskildebib.example"
PASSWORD = "Læsning-hver-tirsdag-2024"
MAKE_USER = f"""
import django
django.setup()
from allauth.account.models import EmailAddress
from tests.factories import UserFactory
user = UserFactory(email="{EMAIL}", password="{PASSWORD}")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Two gunicorn servers (one worker each) on one fresh database; their base URLs."""
    folder = tmp_path_factory.mktemp("stateless")
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "REDIS_URL", "SENTRY_DSN"}},
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "SECRET_KEY": "one-key-for-every-server-" + "k" * 40,
        "MEDIA_ROOT": str(folder / "media"),
        "WEB_CONCURRENCY": "1",
    }
    python = [sys.executable]
    subprocess.run([*python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*python, "-c", MAKE_USER], cwd=ROOT, env=env, check=True)
    urls, processes = [], []
    for _ in range(2):
        port = free_port()
        command = [*python, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}"]
        processes.append(
            subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            wait_until_up(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=5)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class Browser:
    """Cookies kept as a browser keeps them: per host, whatever the port."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url):
        with self.opener.open(url, timeout=30) as response:
            return response.geturl(), response.read().decode()

    def post_form(self, url, fields):
        """GET the form at `url`, then POST `fields` with its CSRF token; return the final URL."""
        _, page = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        with self.opener.open(url, data=data, timeout=30) as response:
            return response.geturl()


def test_a_session_started_on_one_server_is_served_by_the_other(servers):
    one, other = servers
    visitor = Browser()

    visitor.post_form(one + "/konto/login/", {"login": EMAIL, "password": PASSWORD})

    for server in [other, one, other, one]:
        url, page = visitor.get(server + "/eksempler/mine/")
        assert url == server + "/eksempler/mine/", f"{server} sent the visitor to {url}"
        assert EMAIL in page or "Log ud" in page


def test_signing_out_on_one_server_signs_out_on_the_other(servers):
    one, other = servers
    visitor = Browser()
    visitor.post_form(other + "/konto/login/", {"login": EMAIL, "password": PASSWORD})

    visitor.post_form(one + "/konto/logout/", {})

    url, _ = visitor.get(other + "/eksempler/mine/")
    assert url.startswith(other + "/konto/login/")
