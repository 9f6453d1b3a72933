"""Rebuild the search documents with æ/ø/å spelled ae/oe/aa and accents folded.

The query is folded now, so a document stored before would no longer match a
word with a Danish letter. PostgreSQL's search_vector holds folded lexemes
and its search_text the folded spellings for trigrams; SQLite's search_text
gained the folded text and the words' keys. Some of it is built in Python, so
all of it is rebuilt with initiatives.search.rebuild, a thousand examples at
a time (3.5 minutes for 100 000 examples on PostgreSQL).

Going back leaves the folded documents; the code of the version migrated to
rebuilds them on the next save (or with initiatives.search.rebuild).
"""

from django.db import migrations

BATCH = 1000


def rebuild_search_documents(apps, schema_editor):
    from initiatives import search

    Initiative = apps.get_model("initiatives", "Initiative")
    pks = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        search.rebuild(pks[start : start + BATCH], model=Initiative)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0008_five_dimensions")]
    operations = [
        migrations.RunPython(rebuild_search_documents, migrations.RunPython.noop, elidable=True)
    ]
