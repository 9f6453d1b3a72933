"""Moderating adoptions: e-mails after commit, and steps over many adoptions.

The rules of each step (from where, whether a note is needed, who is told)
are the WORKFLOW table in initiatives/models.py, as for an example. One
thing is the adoptions' own: the first time an adoption is published, the
example's submitter hears that their example was taken up somewhere else.
"""

from functools import partial

from django.db import transaction

from adoptions import tasks
from adoptions.models import Adoption
from initiatives.models import CURATORS, SUBMITTER, InvalidTransition, State


def moderate(adoption, *, step, by, note="", privacy_note=""):
    """Take one step for one adoption; raises InvalidTransition.

    Whoever the step tells hears of it by e-mail: the tasks are enqueued once
    the change is committed, and nothing they do (or fail to do) reaches the caller.
    """
    adoption.moderate(step, by=by, note=note, privacy_note=privacy_note)
    for email in _emails(adoption, step):
        # robust: the change is saved, so a queue that cannot be reached is logged, not raised.
        transaction.on_commit(email, robust=True)


def _emails(adoption, step):
    tell = Adoption.workflow()[step].tell
    if tell == CURATORS:
        return [partial(tasks.tell_curators.enqueue, adoption.pk)]
    if tell != SUBMITTER:
        return []
    emails = [partial(tasks.tell_adopter.enqueue, adoption.pk, step)]
    if _first_published(adoption):
        emails.append(partial(tasks.tell_example_submitter.enqueue, adoption.pk))
    return emails


def _first_published(adoption):
    # Moderated.moderate() dates a publication only the first time, with the
    # moment of the review: published again from the archive, the two differ,
    # and the example's submitter has heard of this adoption already.
    return adoption.state == State.PUBLISHED and adoption.published_at == adoption.reviewed_at


def submit(adoption, *, by):
    """Send an adoption for review; the curators are told once it is saved."""
    moderate(adoption, step="submit", by=by)


def moderate_many(queryset, *, step, by, note="", privacy_note=""):
    """Take a step for each adoption; return (done, reasons for the refused ones)."""
    done, refused = [], []
    for adoption in queryset.select_related("initiative", "organisation").order_by("pk"):
        try:
            with transaction.atomic():
                moderate(adoption, step=step, by=by, note=note, privacy_note=privacy_note)
        except InvalidTransition as refusal:
            refused.append(str(refusal))
        else:
            done.append(adoption)
    return done, refused
