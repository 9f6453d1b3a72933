"""Request bodies over MAX_REQUEST_BODY are refused with 413 before they are read."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class EndlessBody:
    """A request body of `size` bytes made on demand, counting what is read of it."""

    def __init__(self, size):
        self.left, self.read_so_far = size, 0

    def read(self, size=-1):
        size = self.left if size is None or size < 0 else min(size, self.left)
        size = min(size, 4 * MB)  # never make more than a few megabytes at a time
        self.left -= size
        self.read_so_far += size
        return b"a" * size

    def readline(self, size=-1):
        return self.read(size)


def post_body(client, path, body, **headers):
    # The client sets no CONTENT_TYPE for an empty `data`, so it is given here.
    extra = {"CONTENT_TYPE": "multipart/form-data; boundary=graense", "wsgi.input": body}
    return client.generic("POST", path, **extra, **headers)


def test_a_300_mb_body_is_refused_before_it_is_read(settings):
    # As a browser would post: the CSRF check would read the whole body first.
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
    body = EndlessBody(300 * MB)
    response = post_body(client, reverse("initiatives:submit"), body, CONTENT_LENGTH=str(300 * MB))
    assert response.status_code == 413
    assert body.read_so_far == 0


def test_the_refusal_is_a_page_in_the_portals_layout(client):
    response = post_body(
        client, reverse("about"), EndlessBody(20 * MB), CONTENT_LENGTH=str(20 * MB)
    )
    assert response.status_code == 413
    assert response.templates[0].name == "413.html"
    assert "12,0\xa0MB" in response.content.decode()


def test_the_limit_is_set_by_max_request_body(client, settings):
    settings.MAX_REQUEST_BODY = MB
    response = post_body(client, reverse("about"), EndlessBody(2 * MB), CONTENT_LENGTH=str(2 * MB))
    assert response.status_code == 413


def test_a_body_under_the_limit_is_let_through(client):
    response = client.post(reverse("account_login"), {"login": "x@example.org", "password": "x"})
    assert response.status_code == 200


def test_a_chunked_body_is_read_only_up_to_the_limit(settings):
    settings.MAX_REQUEST_BODY = MB
    body = EndlessBody(300 * MB)
    client = Client(enforce_csrf_checks=True)
    # With a cookie the CSRF check goes on to read the token from the body.
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
    response = client.generic(
        "POST",
        reverse("account_login"),
        CONTENT_TYPE="application/x-www-form-urlencoded",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": body, "wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert body.read_so_far <= 2 * MB
