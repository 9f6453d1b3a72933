"""Index the parts of Danish compound words (issue 18): "hjælp" finds "lektiehjælp".

search_parts holds the parts of each example's compound words, folded
(initiatives.compounds); PostgreSQL's search_vector gains them at weight D,
SQLite's search_text their keys. Every stored document is rebuilt with
initiatives.search.rebuild, a thousand examples at a time, as 0009 did.

Going back leaves the documents with their parts; the code of the version
migrated to rebuilds them on the next save (or with initiatives.search.rebuild).
"""

from django.db import migrations, models

BATCH = 1000


def rebuild_search_documents(apps, schema_editor):
    from initiatives import search

    Initiative = apps.get_model("initiatives", "Initiative")
    pks = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        search.rebuild(pks[start : start + BATCH], model=Initiative)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0011_spread")]
    operations = [
        migrations.AddField(
            model_name="initiative",
            name="search_parts",
            field=models.TextField(blank=True, db_default="", default="", editable=False),
        ),
        migrations.RunPython(rebuild_search_documents, migrations.RunPython.noop, elidable=True),
    ]
