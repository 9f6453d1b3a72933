"""Load Denmark's 98 municipalities with their official codes and regions.

The list is the project's own copy of shared/data/kommuner.csv, so a fresh
clone has it. Re-running is harmless: rows are matched on the code.
"""

import csv
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parent.parent / "data" / "kommuner.csv"

REGIONS = {
    "Region Hovedstaden": "hovedstaden",
    "Region Sjælland": "sjaelland",
    "Region Syddanmark": "syddanmark",
    "Region Midtjylland": "midtjylland",
    "Region Nordjylland": "nordjylland",
}

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def load(apps, schema_editor):
    from django.utils.text import slugify

    Municipality = apps.get_model("partnerships", "Municipality")
    with CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            Municipality.objects.update_or_create(
                code=row["kode"].zfill(3),
                defaults={
                    "name": row["navn"],
                    "slug": slugify(row["navn"].translate(_DANISH)),
                    "region": REGIONS[row["region"]],
                },
            )


def unload(apps, schema_editor):
    apps.get_model("partnerships", "Municipality").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
