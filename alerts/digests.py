"""The digests of followed searches: which examples are new, and the e-mail that lists them.

`send_digests` is what `manage.py send_digests` runs. For each followed search
of one frequency it reads the examples the search's list shows that were
published since its watermark (one query, however many examples there are),
and when there are any it moves the watermark and enqueues one e-mail
(alerts/tasks.py) in the same transaction: a digest is queued exactly once,
and a run that stops half-way leaves the rest for the next one.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, Window
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from alerts.models import FollowedSearch, Naming
from initiatives.listing import Listing

# The most examples one e-mail lists; the rest are counted, with a link to the list.
DIGEST_SIZE = 20
# Followed searches read per query while walking them, so memory stays flat.
BATCH = 500
# A run reads up to this long ago, not up to now: an example whose publishing
# transaction is still open carries a published_at from before the run but is
# not visible to it yet, and would miss every digest. It waits for the next run.
SETTLE = timedelta(minutes=5)


def new_matches(search, until, *, limit=DIGEST_SIZE):
    """([pk], total) of the examples the search's list shows, published in (watermark, until].

    In the list's order, at most `limit` of them; one query (on PostgreSQL a
    search's words cost one more, once: whether typo tolerance joins in).
    """
    listing = Listing(search.params)
    # filterset.qs holds the search's words and every filter: the list's
    # matches without the bound a page of results needs.
    window = listing.filterset.qs.filter(
        published_at__gt=search.checked_until, published_at__lte=until
    )
    rows = list(
        listing.ordered(window)
        .annotate(total=Window(Count("pk")))
        .values_list("pk", "total")[:limit]
    )
    return [pk for pk, _total in rows], (rows[0][1] if rows else 0)


def send_digests(*, frequency, until=None, dry_run=False):
    """Queue one digest for each followed search of `frequency` with new examples.

    Return (searches checked, digests queued). `dry_run` counts them and
    changes nothing. Queries: one per search, two per digest (the watermark
    and the queued task) and two per BATCH searches (reading them, and moving
    the watermarks of those with nothing new).
    """
    until = until or timezone.now() - SETTLE
    due = FollowedSearch.objects.due(frequency).only("pk", "query", "checked_until")
    checked = queued = last_pk = 0
    while batch := list(due.filter(pk__gt=last_pk).order_by("pk")[:BATCH]):
        checked += len(batch)
        queued += _send_batch(batch, until, dry_run=dry_run)
        last_pk = batch[-1].pk
    return checked, queued


def _send_batch(searches, until, *, dry_run):
    from alerts import tasks  # the task module imports this one

    queued, quiet = 0, []
    for search in searches:
        pks, total = new_matches(search, until)
        if not pks:
            quiet.append(search.pk)
        elif dry_run:
            queued += 1
        else:
            with transaction.atomic():
                if search.advance(until):
                    tasks.send_digest.enqueue(search.pk, pks, total)
                    queued += 1
    if quiet and not dry_run:
        # Nothing new up to `until`: the next digest starts there too.
        FollowedSearch.objects.filter(pk__in=quiet, checked_until__lt=until).update(
            checked_until=until
        )
    return queued


def _absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def message(search, examples, total):
    """The digest e-mail of `search` listing `examples`, of `total` new ones.

    Plain text, in the language the search was followed in, with the
    one-click unsubscribe headers of RFC 8058 (the mail server signs them
    with DKIM).
    """
    with translation.override(search.language):
        naming = Naming()
        unsubscribe_url = _absolute(search.unsubscribe_url())
        more = max(total - len(examples), 0)
        context = {
            "count": len(examples) + more,
            "more": more,
            "description": naming.description(search.query),
            "name": naming.short(search.query),
            "examples": [
                {
                    "title": example.title,
                    "summary": example.summary,
                    "url": _absolute(example.get_absolute_url()),
                }
                for example in examples
            ],
            "list_url": _absolute(search.list_url()),
            "mine_url": _absolute(reverse("alerts:mine")),
            "unsubscribe_url": unsubscribe_url,
        }
        subject = render_to_string("alerts/email/digest_subject.txt", context)
        body = render_to_string("alerts/email/digest.txt", context)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return EmailMessage(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [search.user.email],
        headers=headers,
    )
