"""Migrations run while the code before them still serves (docs/operations.md).

So a column a release adds must take rows that the previous release writes
without it: the columns issue 15 added have database defaults.
"""

import pytest
from django.db import connection

from initiatives.models import Attachment, Category, Initiative, TargetGroup
from partnerships.models import Organisation
from tests.factories import (
    AttachmentFactory,
    CategoryFactory,
    InitiativeFactory,
    OrganisationFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

# model -> (columns the previous release did not know, what a row without them gets)
ADDED = {
    Organisation: {"email": ""},
    Category: {"name_en": ""},
    TargetGroup: {"name_en": "", "vulnerable": False},
    Initiative: {
        "cost_level": "",
        "staff_hours": None,
        # The privacy guard (issue 18)
        "photo_consent": "",
        "privacy_warnings": [],
        "privacy_checked_note": "",
        # The compounds' parts for the search (issue 18), rebuilt by migration 0012
        "search_parts": "",
    },
    Attachment: {"evaluation": False, "privacy_warnings": []},
}


def unsaved(model):
    if model is Initiative:
        return InitiativeFactory.build(
            category=CategoryFactory(), lead_organisation=None, submitted_by=None
        )
    if model is Attachment:
        return AttachmentFactory.build(initiative=InitiativeFactory())
    factory = {
        Organisation: OrganisationFactory,
        Category: CategoryFactory,
        TargetGroup: TargetGroupFactory,
    }
    return factory[model].build()


def insert_as_the_previous_release(instance, leave_out):
    """INSERT the instance's row naming every column but `leave_out`, as older code would."""
    fields = [
        f for f in instance._meta.concrete_fields if not f.primary_key and f.name not in leave_out
    ]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = [f.get_db_prep_save(f.pre_save(instance, add=True), connection) for f in fields]
    table = connection.ops.quote_name(instance._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(values))})",
            values,
        )


@pytest.mark.parametrize("model", list(ADDED), ids=lambda model: model.__name__)
def test_a_row_written_without_the_new_columns_gets_their_defaults(model):
    defaults = ADDED[model]
    instance = unsaved(model)

    insert_as_the_previous_release(instance, leave_out=set(defaults))

    row = model.objects.order_by("-pk").values(*defaults).first()
    assert row == defaults
