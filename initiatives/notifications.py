"""E-mails about moderation, in Danish, through Django's e-mail framework."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail, send_mass_mail
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


def curators():
    """Active users who may moderate, with an e-mail address."""
    User = get_user_model()
    return (
        User.objects.with_perm(
            "initiatives.moderate_initiative",
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(is_active=True)
        .exclude(email="")
    )


def submitted(initiative):
    """Tell the curators that an example waits for review."""
    context = {
        "initiative": initiative,
        "url": _absolute(reverse("admin:initiatives_initiative_change", args=[initiative.pk])),
    }
    subject, body = _render("submitted", context)
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [curator.email]) for curator in curators()
    ]
    send_mass_mail(messages, fail_silently=False)


def reviewed(initiative, transition):
    """Tell the submitter that a curator published, sent back or rejected their example."""
    submitter = initiative.submitted_by
    if submitter is None or not submitter.email:
        return
    url = initiative.get_absolute_url() if initiative.is_public else reverse("initiatives:mine")
    context = {"initiative": initiative, "url": _absolute(url), "user": submitter}
    subject, body = _render(transition, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [submitter.email])
