"""Gunicorn's settings for `make serve` and the systemd unit in docs/operations.md.

Every value can be changed by the environment: BIND (or HOST and PORT),
WEB_CONCURRENCY (workers), GUNICORN_TIMEOUT.
"""

import json
import multiprocessing
import os
from datetime import UTC, datetime

from gunicorn.glogging import Logger

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("BIND") or (
    f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
# Gunicorn's rule of thumb: the workers wait on PostgreSQL about as much as they compute.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request that takes longer than this is stuck; the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Sync workers, one request each, behind a proxy that buffers slow clients (nginx does).
# A fresh worker now and then: a slow leak in any library never grows without end.
max_requests = 2000
max_requests_jitter = 200
# Nothing uses gunicorn's control socket, and two servers on one host would share it.
control_socket_disable = True


def post_worker_init(worker):
    """Build the facet index before the worker's first request, not during it.

    At 100 000 examples it takes about a second and a half; a change to the
    examples starts a new one, built by the first request that needs it. The
    search's synonyms are read with it, and the word list that splits compound
    words (a quarter of a second) too.
    """
    from django.db import close_old_connections

    from initiatives import compounds, facetindex, synonyms
    from portal.lib import liveness

    # Long downloads report progress through the worker (portal/lib/liveness.py).
    liveness.attach(worker)
    try:
        compounds.split("lektiehjaelp")
        facetindex.current()
        synonyms.current()
    except Exception:  # the database may be away; the first request builds it then
        worker.log.exception("The facet index could not be built at start.")
    finally:
        close_old_connections()


# Both logs on stdout, for journald or the container runtime. An access line is a
# JSON object like the app's own log lines, with the request id the app answered
# with. Neither the query string (searches can hold names) nor the client's
# address (the proxy logs it) is written.
accesslog = "-"
errorlog = "-"


class JsonAccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        line = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "method": atoms["m"],
            "path": atoms["U"],
            "status": int(str(atoms["s"]).split()[0]),
            "bytes": atoms["B"],
            "duration_ms": atoms["M"],
            "request_id": atoms.get("{x-request-id}o"),
            "user_agent": atoms["a"],
        }
        self.access_log.info(json.dumps(line, ensure_ascii=False))


logger_class = JsonAccessLogger
