"""Moderation across many examples, on top of the transitions on Initiative.

The rules for each step live on the model; this module names the steps for
the admin and applies one to a selection, keeping what was refused and why.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from initiatives import notifications
from initiatives.models import Initiative, InvalidTransition

TRANSITIONS = {
    "publish": _("Publish"),
    "request_changes": _("Request changes"),
    "reject": _("Reject"),
    "archive": _("Archive"),
    "feature": _("Feature"),
    "unfeature": _("Stop featuring"),
}
NOTE_REQUIRED = {"request_changes", "reject"}
# The steps the submitter hears about by e-mail.
NOTIFY_SUBMITTER = {"publish", "request_changes", "reject"}

# Where each step may start; the model enforces it, this only decides which
# buttons the change page offers.
_SOURCES = {
    "publish": {Initiative.State.SUBMITTED, Initiative.State.ARCHIVED},
    "request_changes": {Initiative.State.SUBMITTED},
    "reject": {Initiative.State.SUBMITTED},
    "archive": {Initiative.State.PUBLISHED},
}


def available_transitions(initiative):
    """Return (name, label) of the note-taking steps that make sense for this example now."""
    return [
        (name, TRANSITIONS[name])
        for name, sources in _SOURCES.items()
        if initiative.state in sources
    ]


def submit(initiative, *, by):
    """Send an example for review and tell the curators once it is saved."""
    initiative.submit(by=by)
    transaction.on_commit(lambda: notifications.submitted(initiative))


def moderate(initiative, *, transition, by, note=""):
    """Apply one moderation step to one example; raises InvalidTransition.

    The submitter is told by e-mail when the step is one they must hear about.
    """
    if transition == "publish":
        initiative.publish(by=by, note=note)
    elif transition == "request_changes":
        initiative.request_changes(by=by, note=note)
    elif transition == "reject":
        initiative.reject(by=by, note=note)
    elif transition == "archive":
        initiative.archive(by=by, note=note)
    elif transition == "feature":
        initiative.set_featured(True, by=by)
    elif transition == "unfeature":
        initiative.set_featured(False, by=by)
    else:
        raise InvalidTransition(_("Unknown moderation step."))
    if transition in NOTIFY_SUBMITTER:
        transaction.on_commit(lambda: notifications.reviewed(initiative, transition))


def moderate_many(queryset, *, transition, by, note=""):
    """Apply a step to each example; return (done, reasons for the refused ones)."""
    done, refused = [], []
    for initiative in queryset.order_by("pk"):
        try:
            with transaction.atomic():
                moderate(initiative, transition=transition, by=by, note=note)
        except InvalidTransition as refusal:
            refused.append(str(refusal))
        else:
            done.append(initiative)
    return done, refused
