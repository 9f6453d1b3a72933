"""Uploads are stored locally unless an S3 bucket is named in the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT_STORAGE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.STORAGES['default']))"
)


def media_storage(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key != "DATABASE_URL"
    }
    env |= {"DJANGO_SETTINGS_MODULE": "portal.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_STORAGE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_uploads_are_stored_on_the_file_system_by_default():
    assert media_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_in_the_environment_stores_uploads_in_a_private_s3_compatible_store():
    storage = media_storage(
        AWS_STORAGE_BUCKET_NAME="gode-eksempler",
        AWS_S3_ENDPOINT_URL="https://s3.example.dk",
        AWS_S3_REGION_NAME="eu-north-1",
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "gode-eksempler",
        "endpoint_url": "https://s3.example.dk",
        "region_name": "eu-north-1",
        "location": "",
        "default_acl": "private",
        "file_overwrite": False,
    }
