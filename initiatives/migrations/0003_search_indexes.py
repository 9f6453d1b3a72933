"""Indexes for Danish full-text and trigram search, on PostgreSQL only.

SQLite has neither tsvector nor GIN, so these operations do nothing there;
its simpler search reads the casefolded search_text column.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


CREATE = [
    "CREATE INDEX IF NOT EXISTS initiative_search_vector ON initiatives_initiative "
    "USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS initiative_search_text_trgm ON initiatives_initiative "
    "USING gin (search_text gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS initiative_search_vector",
    "DROP INDEX IF EXISTS initiative_search_text_trgm",
]


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_curators_group")]
    operations = [
        TrigramExtension(),
        *(
            migrations.RunPython(_on_postgres(create), _on_postgres(drop))
            for create, drop in zip(CREATE, DROP, strict=True)
        ),
    ]
