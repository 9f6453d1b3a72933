"""E-mails about moderation, in Danish, through Django's e-mail framework.

These functions only build the messages; initiatives/tasks.py sends them in
the background and tries again while the mail server is down.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def _absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def _render(template, context):
    # E-mails go out in Danish, whatever language the curator's browser uses.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"initiatives/email/{template}_subject.txt", context)
        body = render_to_string(f"initiatives/email/{template}.txt", context)
    return " ".join(subject.split()), body


def curators(permission="initiatives.moderate_initiative"):
    """Active users with this permission (superusers too), with an e-mail address."""
    User = get_user_model()
    return (
        User.objects.with_perm(
            permission,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(is_active=True)
        .exclude(email="")
    )


def submitted(initiative, recipients):
    """{curator's pk: e-mail} telling each curator that an example waits for review."""
    context = {
        "initiative": initiative,
        "url": _absolute(reverse("admin:initiatives_initiative_change", args=[initiative.pk])),
    }
    subject, body = _render("submitted", context)
    return {
        curator.pk: EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [curator.email])
        for curator in recipients
    }


def reviewed(initiative, transition):
    """The e-mail telling the submitter that a curator published, sent back or rejected
    their example, or None if there is nobody to tell."""
    submitter = initiative.submitted_by
    if submitter is None or not submitter.email:
        return None
    url = initiative.get_absolute_url() if initiative.is_public else reverse("initiatives:mine")
    context = {"initiative": initiative, "url": _absolute(url), "user": submitter}
    subject, body = _render(transition, context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [submitter.email])
