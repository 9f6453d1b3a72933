"""Test data made faster: a quicker flush and restore between transactional
tests, and data made once for a module's tests.

Between transactional tests:

Browser tests and the other tests with threads run with a transactional
database: after each one Django empties every table and then puts back what the
migrations had loaded (municipalities, regions, the curators' group and its
permissions, content types ...) by saving some 300 objects one at a time, an
UPDATE and an INSERT each, with their signals. That was 0.4 s a test, a sixth of
the browser suite. The same rows go back here in one bulk insert per table, with
no signals: the rows are restored, not changed. The first transactional test
after the others finds the rows still there (those roll back, not flush), where
Django's save() updates them; here they are left as they are.
"""

from collections import defaultdict
from contextlib import contextmanager
from io import StringIO

from django.core import serializers
from django.db import transaction
from django.db.backends.base.creation import BaseDatabaseCreation
from django.db.backends.postgresql.operations import DatabaseOperations


def deserialize_db_from_string(self, data):
    alias = self.connection.alias
    objects, relations, tables = defaultdict(list), [], set()
    with transaction.atomic(using=alias):
        with self.connection.constraint_checks_disabled():
            for deserialized in serializers.deserialize("json", StringIO(data), using=alias):
                model = type(deserialized.object)
                if model._meta.parents:
                    # bulk_create cannot write a child of multi-table inheritance.
                    deserialized.save()
                else:
                    objects[model].append(deserialized.object)
                relations.append(deserialized)
                tables.add(model._meta.db_table)
            for model, rows in objects.items():
                model._base_manager.using(alias).bulk_create(rows, ignore_conflicts=True)
            for deserialized in relations:
                for name, values in (deserialized.m2m_data or {}).items():
                    field = deserialized.object._meta.get_field(name)
                    through = field.remote_field.through
                    source = f"{field.m2m_field_name()}_id"
                    target = f"{field.m2m_reverse_field_name()}_id"
                    links = [
                        through(**{source: deserialized.object.pk, target: value})
                        for value in values
                    ]
                    through._base_manager.using(alias).bulk_create(links, ignore_conflicts=True)
                    tables.add(through._meta.db_table)
        self.connection.check_constraints(table_names=sorted(tables))


_truncate = DatabaseOperations.sql_flush


def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    """Empty PostgreSQL's tables with DELETE, not TRUNCATE.

    TRUNCATE gives each of the hundred tables and their indexes new files, 0.4 s
    a flush; a test leaves a few rows, which DELETE takes in milliseconds. The
    foreign keys Django makes are deferred to the end of the flush's
    transaction, by when every table is empty.
    """
    if reset_sequences or allow_cascade:
        return _truncate(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    return [f"DELETE FROM {self.quote_name(table)};" for table in tables]


def install():
    BaseDatabaseCreation.deserialize_db_from_string = deserialize_db_from_string
    DatabaseOperations.sql_flush = sql_flush


@contextmanager
def made_once(django_db_blocker):
    """For a module-scoped fixture: what it makes inside stays for the module's
    tests and is rolled back after the last. Each test's own transaction is a
    savepoint inside this one, so what a test changes is undone as before.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
