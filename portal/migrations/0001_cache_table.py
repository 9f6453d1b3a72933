"""The table of the database cache that production uses when no Redis is set.

A migration, so that no deploy and no test database can be without it.
"""

from django.core.management import call_command
from django.db import migrations

TABLE = "portal_cache"


def create_table(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
