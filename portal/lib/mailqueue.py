"""E-mail sent by the task worker, tried again while the mail server is down.

A mail server that is down fails a task, never the request that enqueued it:
the failure is logged and the task is enqueued again with a growing delay, up
to MAX_ATTEMPTS. `deliver` carries one ready-made message (allauth's sign-up
and password e-mails); initiatives/tasks.py builds its own on these helpers.
"""

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=1)


def retry_delay(attempt):
    """How long to wait after the attempt-th failure: 1, 2, 4 … minutes, at most an hour."""
    return min(FIRST_DELAY * 2 ** (attempt - 1), LONGEST_DELAY)


def send_each(messages):
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


def retry_later(task_, attempt, unsent, *args, **kwargs):
    """Log the failure and enqueue the task again later; raise once it is out of attempts.

    Raising marks this run failed, with its traceback, where the worker keeps results.
    """
    error = next(iter(unsent.values()))
    name = task_.name
    if attempt >= MAX_ATTEMPTS or not task_.get_backend().supports_defer:
        logger.error(
            "%s: %d e-mail(s) not sent on attempt %d, giving up: %s",
            name, len(unsent), attempt, error,
        )  # fmt: skip
        raise error
    run_after = timezone.now() + retry_delay(attempt)
    logger.warning(
        "%s: %d e-mail(s) not sent on attempt %d of %d, trying again at %s: %s",
        name, len(unsent), attempt, MAX_ATTEMPTS, run_after.isoformat(), error,
    )  # fmt: skip
    task_.using(run_after=run_after).enqueue(*args, attempt=attempt + 1, **kwargs)
    raise error


def as_dict(message):
    """A message as plain data a task can carry (its arguments must be JSON)."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(alternative) for alternative in getattr(message, "alternatives", [])],
    }


@task()
def deliver(message, *, attempt=1):
    """Send one message made by as_dict(), trying again later while the server is down."""
    email = EmailMultiAlternatives(
        **{key: value for key, value in message.items() if key != "alternatives"}
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    unsent = send_each({"message": email})
    if unsent:
        retry_later(deliver, attempt, unsent, message)
