"""Refuse request bodies over MAX_REQUEST_BODY before anything reads them.

Django reads a whole multipart body as soon as request.POST is touched (the
CSRF check does, for every POST), so the cap has to come first: a declared
Content-Length over it is answered 413 at once, and a body of unknown length
(chunked) is read through a stream that stops at the cap. The proxy in front
should refuse the same size (nginx: client_max_body_size), see the README.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat


class CappedStream:
    """A body stream that refuses to read past `cap` bytes."""

    def __init__(self, stream, cap, request):
        self.stream, self.cap, self.request, self.read_so_far = stream, cap, request, 0

    def _count(self, data):
        self.read_so_far += len(data)
        if self.read_so_far > self.cap:
            self.request.body_too_large = True
            raise RequestDataTooBig("The request body is over MAX_REQUEST_BODY.")
        return data

    def read(self, size=-1):
        # One byte past the cap is enough to know the body is too large.
        room = self.cap + 1 - self.read_so_far
        return self._count(self.stream.read(room if size is None or size < 0 else min(size, room)))

    def readline(self, size=-1):
        room = self.cap + 1 - self.read_so_far
        return self._count(
            self.stream.readline(room if size is None or size < 0 else min(size, room))
        )

    def __iter__(self):
        return iter(self.readline, b"")

    def close(self):
        close = getattr(self.stream, "close", None)
        if close is not None:
            close()


class RequestBodyLimitMiddleware:
    """First in MIDDLEWARE: 413 for bodies over the limit, before they are read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BODY
        declared = _declared_length(request)
        if declared is not None and declared > limit:
            return too_large(request, limit)
        if declared is None:
            request._stream = CappedStream(_unknown_length_body(request), limit, request)
        response = self.get_response(request)
        # The capped stream raised RequestDataTooBig, which Django answers with 400.
        if getattr(request, "body_too_large", False):
            return too_large(request, limit)
        return response


def _declared_length(request):
    try:
        return int(request.META["CONTENT_LENGTH"])
    except (KeyError, ValueError, TypeError):
        return None


def _unknown_length_body(request):
    """The raw body of a chunked request, which WSGIRequest would read as empty."""
    environ = getattr(request, "environ", {})
    if environ.get("wsgi.input_terminated") and "wsgi.input" in environ:
        return environ["wsgi.input"]
    return request._stream


def too_large(request, limit):
    response = render(request, "413.html", {"limit": filesizeformat(limit)}, status=413)
    # The client may still be sending: tell it not to keep the connection.
    response["Connection"] = "close"
    return response
