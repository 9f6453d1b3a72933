"""Create the curators' group (Redaktører) with exactly what a curator needs.

Curators moderate good examples, keep the taxonomy, partnerships and
organisations tidy and read the change history. They archive examples rather
than delete them, and they see users only to know who submitted what.
"""

from django.db import migrations

GROUP = "Redaktører"

PERMISSIONS = {
    "initiatives": {
        "initiative": ["add", "change", "view", "moderate"],
        "category": ["add", "change", "delete", "view"],
        "targetgroup": ["add", "change", "delete", "view"],
        "link": ["add", "change", "delete", "view"],
        "attachment": ["add", "change", "delete", "view"],
    },
    "partnerships": {
        "organisation": ["add", "change", "delete", "view"],
        "partnership": ["add", "change", "delete", "view"],
        "membership": ["add", "change", "delete", "view"],
        "meeting": ["add", "change", "delete", "view"],
        "municipality": ["view"],
    },
    "accounts": {"user": ["view"]},
}


def codenames():
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                yield app_label, f"{action}_{model}"


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations (post_migrate); make
    # them now so the group can hold them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    wanted = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in codenames()
    ]
    group.permissions.set(wanted)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("partnerships", "0002_load_municipalities"),
        ("accounts", "0002_user_organisation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_group, remove_group)]
