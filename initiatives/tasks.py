"""Background work: the moderation e-mails, sent by the task worker (`make worker`).

Tasks take primary keys, never objects, and read the example when they run.
A mail server that is down fails the task, never the request that enqueued
it: the failure is logged and the task is enqueued again with a growing
delay, up to MAX_ATTEMPTS, sending only to those who did not get it yet.
"""

import logging
from datetime import timedelta

from django.core.mail import get_connection
from django.utils import timezone
from django_tasks import task

from initiatives import notifications
from initiatives.models import Initiative

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=1)


def retry_delay(attempt):
    """How long to wait after the attempt-th failure: 1, 2, 4 … minutes, at most an hour."""
    return min(FIRST_DELAY * 2 ** (attempt - 1), LONGEST_DELAY)


@task()
def tell_curators(initiative_pk, *, curator_pks=None, attempt=1):
    """E-mail each curator (or those of curator_pks) that an example waits for review."""
    initiative = Initiative.objects.filter(pk=initiative_pk).first()
    if initiative is None:  # deleted before the worker came to it
        return
    recipients = notifications.curators()
    if curator_pks is not None:
        recipients = recipients.filter(pk__in=curator_pks)
    unsent = _send(notifications.submitted(initiative, recipients))
    if unsent:
        _retry(tell_curators, attempt, unsent, initiative_pk, curator_pks=list(unsent))


@task()
def tell_submitter(initiative_pk, step, *, attempt=1):
    """E-mail the submitter that a curator took `step` (published, sent back, rejected)."""
    initiative = Initiative.objects.select_related("submitted_by").filter(pk=initiative_pk).first()
    message = initiative and notifications.reviewed(initiative, step)
    if not message:
        return
    unsent = _send({initiative.submitted_by_id: message})
    if unsent:
        _retry(tell_submitter, attempt, unsent, initiative_pk, step)


def _send(messages):
    """Send {key: message} over one connection; return {key: error} for those not sent."""
    unsent, tried = {}, set()
    try:
        with get_connection(fail_silently=False) as connection:
            for key, message in messages.items():
                tried.add(key)
                try:
                    connection.send_messages([message])
                except OSError as error:  # smtplib's errors are OSErrors too
                    unsent[key] = error
    except OSError as error:  # no connection, or it broke
        unsent |= {key: error for key in messages if key not in tried}
    return unsent


def _retry(task_, attempt, unsent, *args, **kwargs):
    """Log the failure and enqueue the task again later; raise once it is out of attempts.

    Raising marks this run failed, with its traceback, where the worker keeps results.
    """
    error = next(iter(unsent.values()))
    name = task_.name
    if attempt >= MAX_ATTEMPTS or not task_.get_backend().supports_defer:
        logger.error(
            "%s%r: %d e-mail(s) not sent on attempt %d, giving up: %s",
            name, args, len(unsent), attempt, error,
        )  # fmt: skip
        raise error
    run_after = timezone.now() + retry_delay(attempt)
    logger.warning(
        "%s%r: %d e-mail(s) not sent on attempt %d of %d, trying again at %s: %s",
        name, args, len(unsent), attempt, MAX_ATTEMPTS, run_after.isoformat(), error,
    )  # fmt: skip
    task_.using(run_after=run_after).enqueue(*args, attempt=attempt + 1, **kwargs)
    raise error
