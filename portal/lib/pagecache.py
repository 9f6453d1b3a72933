"""The portal's own cache of the pages anonymous visitors see.

Every cached page is stored under the current *generation*, a number kept in
the shared cache. Any change to what a public page can show moves the
generation on, so every page cached before it is missed at once and falls
out of the cache when its time is up: no page has to be found and deleted,
and no visitor sees a page older than the last change. Reading a cached page
costs two cache reads and no database query.

The generation moves on immediately and again when the transaction commits:
the first makes the writer's own next request fresh, the second throws away
anything another request cached from the old rows in between.
"""

import hashlib
import logging
import time
import zlib

from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Responses bigger than this are not kept; no page of the portal comes near it.
MAX_BYTES = 2_000_000


def generation():
    """The current generation, started afresh (never reused) if the cache lost it.

    None when the cache cannot be reached: then nothing is cached or read.
    """
    try:
        current = cache.get(GENERATION_KEY)
        if current is None:
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
            current = cache.get(GENERATION_KEY)
    except Exception:  # a cache outage must not take the pages down with it
        logger.warning("page cache unavailable", exc_info=True)
        return None
    return current


def invalidate():
    """Make every cached page stale, now and once the current transaction commits."""
    _next_generation()
    if connection.in_atomic_block:
        transaction.on_commit(_next_generation)


def _next_generation():
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not there: a generation no page was cached under
            cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:
        # The change is saved; a cache that is away keeps nothing to go stale,
        # unless it kept its data, which then outlives PAGE_CACHE_SECONDS at most.
        logger.error("page cache could not be invalidated", exc_info=True)


def key(current_generation, path, variant=""):
    digest = hashlib.sha256(f"{path}\n{variant}".encode()).hexdigest()
    return f"pagecache:{current_generation}:{digest}"


def get(cache_key):
    try:
        stored = cache.get(cache_key)
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
        return None
    if stored is None:
        return None
    status, headers, body = stored
    response = HttpResponse(zlib.decompress(body), status=status)
    for name, value in headers:
        response[name] = value
    return response


def put(cache_key, response, seconds):
    if len(response.content) > MAX_BYTES:
        return
    headers = [(name, value) for name, value in response.items()]
    # Level 1: a tenth of the size for a fraction of a millisecond.
    body = zlib.compress(response.content, 1)
    try:
        cache.set(cache_key, (response.status_code, headers, body), seconds)
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
