"""Each request error is logged once, not once by Django's handler and again by the root's."""

import copy
import io
import json
import logging
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
from django.utils.log import configure_logging

from portal.urls import urlpatterns as site_urlpatterns


def not_found(request):
    raise Http404("Ingen side her")


def forbidden(request):
    raise PermissionDenied


# The site's own patterns too, since its error pages link to them.
urlpatterns = [path("findes-ikke/", not_found), path("forbudt/", forbidden), *site_urlpatterns]


@pytest.fixture
def console(settings, monkeypatch):
    """Configure logging as Django does at start-up, with stdout captured; return stdout."""
    settings.DEBUG = True  # Django's own console handler prints only in DEBUG, as in `make run`
    stdout = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)
    yield stdout
    monkeypatch.undo()
    configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)


@pytest.mark.urls(__name__)
def test_a_404_is_logged_once(client, console):
    assert client.get("/findes-ikke/").status_code == 404

    assert console.getvalue().count("Not Found: /findes-ikke/") == 1


@pytest.mark.urls(__name__)
def test_a_403_and_its_traceback_are_logged_once(client, console):
    assert client.get("/forbudt/").status_code == 403

    output = console.getvalue()
    assert output.count("Forbidden (Permission denied): /forbudt/") == 1
    assert output.count("Traceback") == 1


def test_runserver_request_lines_keep_their_timestamp_and_appear_once(console):
    logging.getLogger("django.server").info('"GET / HTTP/1.1" 200 1234', extra={"status_code": 200})

    assert console.getvalue().count('"GET / HTTP/1.1" 200 1234') == 1
    assert console.getvalue().startswith("[")


@pytest.fixture
def json_console(settings, monkeypatch):
    """As `console`, with production's JSON lines (LOG_FORMAT=json)."""
    stdout = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    config = copy.deepcopy(django_settings.LOGGING)
    config["handlers"]["console"]["formatter"] = "json"
    configure_logging(django_settings.LOGGING_CONFIG, config)
    yield stdout
    monkeypatch.undo()
    configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)


@pytest.mark.urls(__name__)
def test_in_production_a_404_is_one_json_line_with_the_requests_id(client, json_console):
    response = client.get("/findes-ikke/")

    lines = [json.loads(line) for line in json_console.getvalue().splitlines()]
    assert [line["message"] for line in lines] == ["Not Found: /findes-ikke/"]
    assert lines[0]["level"] == "WARNING"
    assert lines[0]["status_code"] == 404
    assert lines[0]["request_id"] == response["X-Request-ID"]


@pytest.mark.urls(__name__)
def test_in_production_a_traceback_stays_inside_its_json_line(client, json_console):
    client.get("/forbudt/")

    (line,) = json_console.getvalue().splitlines()
    assert "Traceback" in json.loads(line)["exc_info"]


def test_a_log_line_outside_a_request_has_no_request_id(json_console):
    logging.getLogger("initiatives").warning("Søgeindeks genopbygget")

    line = json.loads(json_console.getvalue())
    assert line == {**line, "message": "Søgeindeks genopbygget", "request_id": None}
