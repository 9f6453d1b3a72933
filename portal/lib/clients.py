"""Who is asking: the client's address, as the proxies in front of the portal report it.

Behind nginx every request comes from 127.0.0.1; nginx appends the real
client to X-Forwarded-For (docs/operations.md). With NUM_PROXIES set to the
number of proxies that do so, the address is the one the outermost of them
saw; the entries before it are the client's own claims and are not trusted.
"""

from django.conf import settings


def address(request):
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "")
