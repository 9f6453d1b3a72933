import pytest
from django.db import transaction
from django.test import TestCase

from portal.demo import load_demo


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for a module and rolled back after it.

    Each test's own transaction nests inside this one as a savepoint. Loading
    the demo rebuilds the search documents on commit, which a test never
    reaches, so the callbacks are run when the load is done.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            load_demo()
        yield
        transaction.set_rollback(True)


# {database name: (precision at five, queries)}, measured by test_relevance_corpus.py.
PRECISION = pytest.StashKey[dict]()


def pytest_terminal_summary(terminalreporter, config):
    """Print the relevance corpus's precision at five, so every run shows it (issue 18)."""
    for database, (precision, queries) in config.stash.get(PRECISION, {}).items():
        terminalreporter.write_line(
            f"relevance: precision at five on {database}: {precision:.3f} over {queries} queries"
        )
