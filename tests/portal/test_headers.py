"""Security headers on every page: CSP without inline code, referrer, permissions, framing."""

import pytest
from django.urls import reverse


@pytest.fixture
def about(client, db):
    return client.get(reverse("about"))


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_scripts_and_styles_come_only_from_the_portal_itself(about):
    policy = directives(about)

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_no_policy_allows_inline_code_or_eval(about):
    assert "unsafe" not in about["Content-Security-Policy"]


def test_links_to_other_sites_send_only_the_origin(about):
    assert about["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_camera_microphone_and_location_are_switched_off(about):
    features = dict(part.split("=") for part in about["Permissions-Policy"].split(", "))

    assert features["camera"] == features["microphone"] == features["geolocation"] == "()"


def test_content_types_are_not_sniffed_and_pages_are_not_framed(about):
    assert about["X-Content-Type-Options"] == "nosniff"
    assert about["X-Frame-Options"] == "DENY"


def test_the_admin_gets_the_same_policy(client, superuser):
    client.force_login(superuser)

    response = client.get(reverse("admin:index"))

    assert "unsafe" not in response["Content-Security-Policy"]
    assert directives(response)["script-src"] == ["'self'"]
