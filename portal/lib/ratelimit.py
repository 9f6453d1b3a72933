"""Count actions per person in the shared cache, so a limit holds across all workers."""

import time

from django.core.cache import cache


def allow(key, *, limit, period):
    """Count one action for `key`; False once more than `limit` fell in this `period` (seconds).

    A fixed window: cheap (one add and one incr) and good enough to stop a
    script, which is what it is for.
    """
    window = int(time.time() // period)
    counter = f"ratelimit:{key}:{window}"
    cache.add(counter, 0, timeout=period)
    try:
        count = cache.incr(counter)
    except ValueError:  # expired between add and incr
        cache.set(counter, 1, timeout=period)
        count = 1
    return count <= limit
