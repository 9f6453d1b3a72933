"""E-mails about adoptions, in Danish, through Django's e-mail framework.

These functions only build the messages; adoptions/tasks.py sends them in the
background and tries again while the mail server is down. Each goes to one
address; the example's submitter never learns the adopter's address, only
the organisation's name that the example's page shows anyway.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from initiatives import notifications


def _absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def _render(template, context):
    # E-mails go out in Danish, whatever language the curator's browser uses.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"adoptions/email/{template}_subject.txt", context)
        body = render_to_string(f"adoptions/email/{template}.txt", context)
    return " ".join(subject.split()), body


def _message(template, context, to):
    subject, body = _render(template, context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def curators():
    """Active users who may moderate adoptions (superusers too), with an e-mail address."""
    return notifications.curators("adoptions.moderate_adoption")


def submitted(adoption, recipients):
    """{curator's pk: e-mail} telling each curator that an adoption waits for review."""
    url = reverse("admin:adoptions_adoption_change", args=[adoption.pk])
    context = {"adoption": adoption, "url": _absolute(url)}
    return {curator.pk: _message("submitted", context, curator.email) for curator in recipients}


# Where the adopter goes from the e-mail after each step.
_NEXT = {
    "publish": lambda adoption: adoption.get_absolute_url(),
    "request_changes": lambda adoption: reverse("adoptions:edit", args=[adoption.pk]),
    "reject": lambda adoption: reverse("adoptions:mine"),
}


def reviewed(adoption, step):
    """The e-mail telling the adopter that a curator published, sent back or rejected
    what they told, or None if there is nobody to tell."""
    adopter = adoption.submitted_by
    if adopter is None or not adopter.email or step not in _NEXT:
        return None
    context = {"adoption": adoption, "url": _absolute(_NEXT[step](adoption))}
    return _message(step, context, adopter.email)


def reused(adoption):
    """The e-mail telling the example's submitter that their example is now reused
    where the adoption says, or None if there is nobody else to tell."""
    submitter = adoption.initiative.submitted_by
    if submitter is None or not submitter.email:
        return None
    if submitter.pk == adoption.submitted_by_id:  # told already, as the adopter
        return None
    url = adoption.initiative.get_absolute_url() + "#spread"
    return _message("reused", {"adoption": adoption, "url": _absolute(url)}, submitter.email)
