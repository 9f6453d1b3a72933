"""Moderation that leaves the model: e-mails after commit, and steps over many examples.

The rules of each step (from where, whether a note is needed, who is told)
are the WORKFLOW table in initiatives/models.py.
"""

from functools import partial

from django.db import transaction

from initiatives import tasks
from initiatives.models import CURATORS, SUBMITTER, WORKFLOW, InvalidTransition


def moderate(initiative, *, step, by, note="", privacy_note=""):
    """Take one step for one example; raises InvalidTransition.

    Whoever the step tells hears of it by e-mail: the task is enqueued once the
    change is committed, and nothing it does (or fails to do) reaches the caller.
    """
    initiative.moderate(step, by=by, note=note, privacy_note=privacy_note)
    tell = WORKFLOW[step].tell
    if tell == CURATORS:
        email = partial(tasks.tell_curators.enqueue, initiative.pk)
    elif tell == SUBMITTER:
        email = partial(tasks.tell_submitter.enqueue, initiative.pk, step)
    else:
        return
    # robust: the change is saved, so a queue that cannot be reached is logged, not raised.
    transaction.on_commit(email, robust=True)


def submit(initiative, *, by):
    """Send an example for review; the curators are told once it is saved."""
    moderate(initiative, step="submit", by=by)


def moderate_many(queryset, *, step, by, note="", privacy_note=""):
    """Take a step for each example; return (done, reasons for the refused ones)."""
    done, refused = [], []
    for initiative in queryset.order_by("pk"):
        try:
            with transaction.atomic():
                moderate(initiative, step=step, by=by, note=note, privacy_note=privacy_note)
        except InvalidTransition as refusal:
            refused.append(str(refusal))
        else:
            done.append(initiative)
    return done, refused
