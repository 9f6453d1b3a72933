"""Telling gunicorn that a long response is making progress.

Gunicorn kills a sync worker that has not reported for GUNICORN_TIMEOUT
seconds (30): that is how a stuck request is stopped. A download of every
example streams for longer than that on a busy server while it makes
progress, so it reports between chunks (beat()), and only a stuck one is
stopped. gunicorn.conf.py attaches the worker; elsewhere (runserver, tests)
beat() does nothing.
"""

_worker = None


def attach(worker):
    global _worker
    _worker = worker


def beat():
    if _worker is not None:
        _worker.notify()
