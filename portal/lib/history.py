"""The admin's change history: every field a curator cares about, in the portal's language.

django-simple-history diffs only editable fields, so moderation (state, the
curator's note, the publication date) never showed in its Changes column,
and its templates come without Danish.
"""

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import ModelChange, ModelDelta

# Bookkeeping that changes on every save and tells a curator nothing.
UNINTERESTING = {"updated_at"}


class HistoryAdmin(SimpleHistoryAdmin):
    object_history_list_template = "simple_history/portal_history_list.html"

    def history_view_title(self, request, obj):
        return gettext("History of “%(object)s”") % {"object": obj}

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        newer = None
        for older in historical_records:  # newest first
            if newer is not None:
                delta = _delta(older, newer)
                helper = self.get_historical_record_context_helper(request, newer)
                newer.history_delta_changes = helper.context_for_delta_changes(delta)
            newer = older


def _delta(older, newer):
    changes = [
        ModelChange(field.name, _shown(older, field), _shown(newer, field))
        for field in newer.tracked_fields
        if field.name not in UNINTERESTING
        and getattr(older, field.attname) != getattr(newer, field.attname)
    ]
    return ModelDelta(changes, [change.field for change in changes], older, newer)


def _shown(record, field):
    value = getattr(record, field.attname)
    if value in (None, ""):
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        return str(getattr(record, field.name))
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.BooleanField):
        return gettext("yes") if value else gettext("no")
    return value
