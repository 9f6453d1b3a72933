"""Help while writing: what looks like personal data, and the LIX, beside a form's text fields.

Beside every text field the contributor sees what looks like personal data
(portal.lib.personaldata) and why it matters; beside the fields a form names
in `writing_lix` (the example's summary and description) the LIX score
(portal.lib.lix) with its band and short advice. The help is rendered with the
form, so it is there after every save without JavaScript, and the check
endpoint renders the same markup while the contributor types
(static/js/writing.js puts it in place). It never stops a save: the curator
decides (initiatives.privacy keeps the warnings for them).

A form opts in by calling `attach(self)` at the end of its __init__. Its class
may name `writing_lix` and `writing_emails_allowed` (the fields where an
e-mail address belongs, such as the contact's). The forms use no prefix, so a
field's widget has the id "id_<name>" on the page and in the endpoint alike.
"""

from dataclasses import dataclass
from functools import cached_property

from crispy_forms.layout import Field
from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from initiatives import privacy
from portal.lib import ratelimit
from portal.lib.forms import HONEYPOT
from portal.lib.lix import readability
from portal.lib.personaldata import CPR, EMAIL, NAME, PHONE, Finding, find_personal_data

PARTIALS = "initiatives/_writing.html"
# A field's text is checked up to this many characters: far more than anyone
# writes in one, and it bounds the work a request can ask for.
MAX_CHARS = 50_000
MAX_SHOWN = 5  # distinct findings of one kind shown beside a field

# Why each kind matters, in plain words: what the contributor reads beside the field.
WHY = {
    CPR: _("A CPR number identifies one person and must never be published. Remove it."),
    PHONE: _(
        "A phone number can lead to a person. Keep only numbers meant for the public, "
        "such as the library's own."
    ),
    EMAIL: _(
        "An e-mail address can lead to a person. Keep only addresses meant for the public, "
        "such as the library's own."
    ),
    NAME: _(
        "The name of a child or someone you help must not be published without their "
        "consent. Write “a boy” or “a resident” instead."
    ),
}
# On a form with a field where an address belongs, that is where it should go.
SENT_WITH_WARNINGS = _(
    "Some of the text looks like personal data. A curator checks it before anything is "
    "published, and may ask you to change it."
)
WHY_EMAIL_ELSEWHERE = _(
    "An e-mail address can lead to a person. Put the contact's address in the contact "
    "field, which anonymous visitors never see."
)


@dataclass(frozen=True)
class FieldWarning:
    """What looks like one kind of personal data in a field, and why it matters."""

    kind: str
    message: str
    why: str
    found: tuple[str, ...]  # the distinct texts, in the order they appear


@dataclass(frozen=True)
class FieldHelp:
    """The help beside one text field."""

    name: str
    label: str
    warnings: tuple[FieldWarning, ...]
    readability: object = None  # portal.lib.lix.Readability, if the field shows its LIX

    @property
    def anchor(self):
        return f"id_{self.name}"

    @property
    def element_id(self):
        return f"id_{self.name}_writing"

    @property
    def announcement(self):
        """What a screen reader hears when this changes as the contributor types.

        The LIX band, not the score: a number that moves with every word
        would be read out after every pause.
        """
        found = " ".join(f"{warning.message}." for warning in self.warnings)
        parts = [f"{self.label}:", found or gettext("No warnings.")]
        if self.readability is not None:
            parts.append(gettext("LIX: %(band)s.") % {"band": self.readability.band.name})
        return " ".join(parts)


class Writing:
    """The help for each text field of one form, in the form's order."""

    def __init__(self, fields):
        self.fields = list(fields)
        self._by_name = {help.name: help for help in self.fields}

    def __iter__(self):
        return iter(self.fields)

    def __getitem__(self, name):
        return self._by_name[name]

    @cached_property
    def warned(self):
        """The fields with warnings, for the summary at the top."""
        return [help for help in self.fields if help.warnings]


def checked_fields(fields):
    """The names of the free-text fields among `fields` (a form's), in order."""
    return [
        name
        for name, field in fields.items()
        if type(field.widget) in (forms.Textarea, forms.TextInput) and name != HONEYPOT
    ]


def check(form_class, values):
    """The Writing for `values` ({field name: text}) in a form of `form_class`."""
    lix_fields = set(getattr(form_class, "writing_lix", ()))
    emails_allowed = set(getattr(form_class, "writing_emails_allowed", ()))
    why_email = WHY_EMAIL_ELSEWHERE if emails_allowed else WHY[EMAIL]
    helps = []
    for name, text in values.items():
        text = str(text or "")[:MAX_CHARS]
        findings = find_personal_data(text, emails_allowed=name in emails_allowed)
        helps.append(
            FieldHelp(
                name=name,
                label=str(form_class.base_fields[name].label),
                warnings=_grouped(findings, why_email),
                readability=readability(text) if name in lix_fields else None,
            )
        )
    return Writing(helps)


def _grouped(findings, why_email):
    by_kind = {}
    for finding in findings:
        by_kind.setdefault(finding.kind, (finding, []))[1].append(finding.text)
    return tuple(
        FieldWarning(
            kind=kind,
            message=str(first.message),
            why=str(why_email if kind == EMAIL else WHY[kind]),
            found=tuple(dict.fromkeys(texts))[:MAX_SHOWN],
        )
        for kind, (first, texts) in by_kind.items()
    )


class Checked(Field):
    """A text field with its writing help right after it (crispy layout)."""

    def render(self, form, context, *args, **kwargs):
        html = super().render(form, context, *args, **kwargs)
        help = render_to_string(f"{PARTIALS}#field", {"help": form.writing[self.fields[0]]})
        return format_html('<div class="writing-field">{}{}</div>', html, help)


class FormWriting(Writing):
    """The help for a form as it is shown: the text it was sent, or the saved text."""

    def __init__(self, form):
        self.form = form

    @cached_property
    def fields(self):
        values = {name: self.form[name].value() for name in checked_fields(self.form.fields)}
        return check(type(self.form), values).fields

    @cached_property
    def _by_name(self):
        return {help.name: help for help in self.fields}

    @cached_property
    def files(self):
        return file_warnings(self.form.instance)


@dataclass(frozen=True)
class FileHelp:
    """What looks like personal data in an attached file, found when it was saved."""

    title: str
    warnings: tuple[FieldWarning, ...]


def file_warnings(saved):
    """[FileHelp] for the attachments of `saved` (an example or an adoption), from its row.

    A browser cannot send a file again, so these come only from the saved
    warnings (initiatives.privacy), never from the check endpoint.
    """
    by_title = {}
    for warning in getattr(saved, "privacy_warnings", None) or []:
        if warning.get("field") == privacy.ATTACHMENT and warning.get("kind") in WHY:
            finding = Finding(warning["kind"], warning.get("text", ""), 0, 0)
            by_title.setdefault(warning.get("title", ""), []).append(finding)
    return [FileHelp(title, _grouped(found, WHY[EMAIL])) for title, found in by_title.items()]


def attach(form):
    """Show the writing help beside `form`'s text fields; `form.writing` holds it."""
    form.writing = FormWriting(form)
    for name in checked_fields(form.fields):
        field = form.fields[name]
        # The help text first, as Django would have it, then the warnings and the LIX.
        described = [f"id_{name}_helptext"] if field.help_text else []
        field.widget.attrs["aria-describedby"] = " ".join([*described, f"id_{name}_writing"])
        field.widget.attrs["data-writing"] = True
        form.helper[name].wrap(Checked)


def check_response(request, form_class):
    """The check endpoint's answer: the help for the posted fields, as the form shows it.

    Only the fields posted are checked, so the page replaces only what it has.
    """
    limit, period = settings.SUBMISSION_RATE_LIMITS["writing_check"]
    if not ratelimit.allow(f"writing_check:{request.user.pk}", limit=limit, period=period):
        # The page keeps the help it has; the next save shows it anew.
        return HttpResponse(status=429)
    names = [name for name in checked_fields(form_class.base_fields) if name in request.POST]
    writing = check(form_class, {name: request.POST[name] for name in names})
    return render(request, "initiatives/writing_check.html", {"writing": writing})


def tell_about_warnings(request, sent):
    """After `sent` went to the curators: say so if its text or files look like personal data.

    The saved warnings (initiatives.privacy) include the attachments', which
    the form cannot show beside a field.
    """
    if sent.open_privacy_warnings:
        messages.warning(request, SENT_WITH_WARNINGS)
