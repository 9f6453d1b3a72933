"""The privacy guard's warnings for an example, its attachments and an adoption.

What looks like personal data (portal.lib.personaldata) in a text field or an
attached document is stored on the row as [{field, kind, text}, ...]
(PrivacyChecked.privacy_warnings), so that the review queue shows it without
reading any text, and publishing with warnings nobody has checked is refused
(the WORKFLOW's publish step). An attachment keeps its own warnings, read from
its file once when it is saved; the example gathers them with its own.

Imports no other app: adoptions use these helpers for their own fields.
"""

from pathlib import PurePath

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from initiatives import uploads
from portal.lib.documenttext import document_text
from portal.lib.personaldata import MESSAGES, find_personal_data

# A page of warnings tells the curator what to look at; a thousand would only
# slow the review queue down, which reads the list with every row.
MAX_PER_SOURCE = 10
MAX_WARNINGS = 50
ATTACHMENT = "attachment"

# An example's text fields that are checked. The contact fields are not: a
# name and an address belong there (and are never shown to anonymous visitors).
INITIATIVE_FIELDS = (
    "title",
    "summary",
    "description",
    "evaluation_summary",
    "outcomes",
    "resources",
    "how_to_start",
    "costs",
    "transfer_preconditions",
    "transfer_adaptable",
    "transfer_essential",
    "transfer_pitfalls",
    "known_target_group_why",
    "known_method_why",
    "known_implementation_why",
    "known_effect_why",
    "known_economy_why",
)


def text_warnings(instance, fields):
    """[{field, kind, text}] for what looks like personal data in `instance`'s `fields`."""
    warnings = []
    for name in fields:
        findings = find_personal_data(getattr(instance, name) or "")
        warnings += [
            {"field": name, "kind": f.kind, "text": f.text} for f in findings[:MAX_PER_SOURCE]
        ]
    return warnings


def file_warnings(fieldfile, *, title=""):
    """[{kind, text}] for the title and the readable text of an uploaded or stored file."""
    found = find_personal_data(title)[:MAX_PER_SOURCE]
    if fieldfile:
        found += find_personal_data(file_text(fieldfile))[:MAX_PER_SOURCE]
    return [{"kind": f.kind, "text": f.text} for f in found]


def file_text(fieldfile):
    """The text of a FieldFile, whether it was just uploaded or is in storage; "" if none."""
    if not getattr(fieldfile, "_committed", True):
        # Just uploaded: read it where it is and leave it open for the save.
        upload = fieldfile.file
        upload.seek(0)
        try:
            return document_text(upload, uploads.sniff(upload))
        finally:
            upload.seek(0)
    try:
        with fieldfile.open("rb") as stored:
            return document_text(stored, PurePath(fieldfile.name).suffix)
    except OSError:
        return ""  # gone from storage: nothing to warn of


def attached(warnings, *, title, pk=None):
    """An attachment's own warnings as the example's: marked as from that attachment."""
    return [
        {"field": ATTACHMENT, "attachment": pk, "title": title, **warning}
        for warning in warnings or []
    ]


def capped(warnings):
    return warnings[:MAX_WARNINGS]


def describe(model, warnings):
    """[(where, what, the text found)] for a curator to read, in the page's language."""
    rows = []
    for warning in warnings:
        if warning.get("field") == ATTACHMENT:
            where = _("attachment “%(title)s”") % {"title": warning.get("title", "")}
        else:
            try:
                where = model._meta.get_field(warning["field"]).verbose_name
            except (FieldDoesNotExist, KeyError):  # renamed since the warning was stored
                where = warning.get("field", "")
        rows.append((where, MESSAGES.get(warning.get("kind"), ""), warning.get("text", "")))
    return rows
