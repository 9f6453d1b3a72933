"""Request ids, JSON log lines and optional error tracking.

Every request gets an id (the proxy's X-Request-ID when it sends a sane one, else a
new uuid): it is `request.id`, it goes back in the X-Request-ID response header,
and every log line written while the request runs carries it, so one line from a
support e-mail finds the rest. Nothing here imports sentry_sdk unless SENTRY_DSN
is set.
"""

import json
import logging
import os
import re
import sys
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

HEADER = "X-Request-ID"
# Ids from outside end up in log lines: a short token only, never free text.
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_current_id = ContextVar("request_id", default=None)


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request.id = incoming if _VALID_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = _current_id.set(request.id)
        sentry = sys.modules.get("sentry_sdk")
        if sentry is not None:
            sentry.set_tag("request_id", request.id)
        try:
            response = self.get_response(request)
        finally:
            _current_id.reset(token)
        response.headers[HEADER] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Give each record `request_id`: the running request's, or None outside one.

    Django logs 4xx and 5xx responses after the middleware has returned, with the
    request attached to the record, so that is asked first.
    """

    def filter(self, record):
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "id", None) or _current_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request_id, traceback."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        if hasattr(record, "status_code"):
            entry["status_code"] = record.status_code
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def init_sentry(dsn):
    """Send errors to Sentry (or a Sentry-compatible service such as GlitchTip).

    No personal data is sent (send_default_pii=False): no cookies, user ids or
    IP addresses, only the error, its stack and the request's URL and headers.
    """
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
