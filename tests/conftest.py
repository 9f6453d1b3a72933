import pytest
from django.contrib.auth.models import Group
from django.db import connection

from tests import database
from tests.factories import (
    CategoryFactory,
    OrganisationFactory,
    TargetGroupFactory,
    UserFactory,
    with_second_factor,
)

# A test with a transactional database (threads, live_server, the task worker)
# must ask for serialized_rollback=True too: one without it flushes the data the
# migrations loaded and lets post_migrate recreate the content types, and every
# later test that restores the serialized data then fails on duplicates.

# Both the flush and that restore are made fast in tests/database.py.
database.install()

# smtp_port and database_queue: a mail server that is down, and a real task queue.
pytest_plugins = ["tests.mailserver"]


def pytest_collection_modifyitems(config, items):
    """Skip tests that belong to the other database; both run in CI."""
    vendor = connection.vendor
    skip_pg = pytest.mark.skip(reason="PostgreSQL behaviour; run with DATABASE_URL=postgres://…")
    skip_sqlite = pytest.mark.skip(reason="SQLite fallback behaviour")
    for item in items:
        if "postgres" in item.keywords and vendor != "postgresql":
            item.add_marker(skip_pg)
        if "sqlite" in item.keywords and vendor != "sqlite":
            item.add_marker(skip_sqlite)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth's rate limits count in the cache; each test starts from zero.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def verified_user(db):
    """A contributor whose e-mail address is verified, so they may submit."""
    from allauth.account.models import EmailAddress

    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def curator(db):
    """A staff member in the Redaktører group, exactly as the migration made it."""
    user = UserFactory(is_staff=True, email="redaktoer@gode-eksempler.example")
    user.groups.add(Group.objects.get(name="Redaktører"))
    with_second_factor(user)
    return user


@pytest.fixture
def contributor(db):
    return UserFactory()


@pytest.fixture
def superuser(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    with_second_factor(user)
    return user


@pytest.fixture
def taxonomy(db):
    """The category, target group and lead organisation a submission form chooses."""
    return {
        "category": CategoryFactory(name="Lektiehjælp og læring"),
        "group": TargetGroupFactory(name="Børnefamilier"),
        "organisation": OrganisationFactory(name="Roskilde Bibliotekerne"),
    }
