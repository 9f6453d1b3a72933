"""Synonym groups that curators keep (issue 18): "bogbus" finds "mobilbibliotek".

The curators' group (Redaktører) may add, change and delete them; the admin
keeps their history.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

GROUP = "Redaktører"  # made by 0002_curators_group.py
CODENAMES = [f"{action}_synonymgroup" for action in ("add", "change", "delete", "view")]
HELP = (
    "Words or phrases that mean the same, separated by commas or one a line, e.g. "
    "“lektiecafé, lektiehjælp, lektiestøtte”. A search for one finds the others too, "
    "in every form of the word (“lektiecaféen”)."
)


def _permissions(apps):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations (post_migrate); make
    # them now so the group can hold them on a fresh database.
    app_config = apps.get_app_config("initiatives")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="initiatives", codename__in=CODENAMES)


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0012_compound_parts"),
        ("initiatives", "0002_curators_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SynonymGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("words", models.TextField(help_text=HELP, verbose_name="synonyms")),
            ],
            options={
                "verbose_name": "synonym group",
                "verbose_name_plural": "synonym groups",
                "ordering": ["words"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalSynonymGroup",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("words", models.TextField(help_text=HELP, verbose_name="synonyms")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
                ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "historical synonym group",
                "verbose_name_plural": "historical synonym groups",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(grant, revoke),
    ]
