"""Let the curators' group (Redaktører) moderate adoptions as it moderates examples.

As with examples, curators archive or reject an adoption rather than delete it.
"""

from django.db import migrations

GROUP = "Redaktører"  # made by initiatives/migrations/0002_curators_group.py
CODENAMES = ["add_adoption", "change_adoption", "view_adoption", "moderate_adoption"]


def _permissions(apps):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations (post_migrate); make
    # them now so the group can hold them on a fresh database.
    app_config = apps.get_app_config("adoptions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="adoptions", codename__in=CODENAMES)


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
        ("adoptions", "0001_initial"),
        ("initiatives", "0002_curators_group"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
