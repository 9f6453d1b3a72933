"""Finding without Danish letters (issue 15): æ/ø/å spelled ae/oe/aa, accents left out.

The search folds the examples' text and the query alike, on PostgreSQL and on
SQLite, so either spelling finds what the other does. Most tests here run on
both databases with the same expectations; that is the point.
"""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Value
from django.urls import reverse

from initiatives.models import Initiative
from initiatives.search import Fold, Search, fold, rebuild
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

URL = reverse("initiatives:list")


def found(q):
    """The titles of every published example the query matches."""
    published = Initiative.objects.published()
    return set(Search(q, published).filter(published).values_list("title", flat=True))


@pytest.fixture
def cafes():
    return {
        "accent": InitiativeFactory(
            title="Lektiecafé for ældre",
            summary="Hjælp til mails og netbank for ældre borgere og deres børn.",
            published=True,
        ),
        "plain": InitiativeFactory(
            title="Lektiecafe i Broenshoej",
            summary="Skrevet på et tastatur uden danske bogstaver: lektier for boern.",
            published=True,
        ),
        "other": InitiativeFactory(
            title="Bogbussen",
            summary="Bøger til landsbyerne hver tirsdag.",
            published=True,
        ),
    }


# The query


def test_lektiecafe_finds_what_lektiecafé_finds(cafes):
    assert (
        found("lektiecafe")
        == found("lektiecafé")
        == {
            "Lektiecafé for ældre",
            "Lektiecafe i Broenshoej",
        }
    )


def test_a_word_with_danish_letters_finds_text_written_without_them(cafes):
    assert found("brønshøj") == {"Lektiecafe i Broenshoej"}


def test_a_quoted_phrase_is_folded_too(cafes):
    assert found('"lektiecafe for aeldre"') == {"Lektiecafé for ældre"}


def test_excluding_a_word_without_danish_letters_excludes_it_spelled_with_them(cafes):
    assert found("lektiecafe -aeldre") == {"Lektiecafe i Broenshoej"}


def test_paa_is_left_out_of_a_query_like_the_stop_word_på(cafes):
    # "på" is a stop word PostgreSQL ignores; folded to "paa" it is not one.
    assert found("bøger paa") == found("bøger på") == found("bøger") == {"Bogbussen"}


def test_the_snippet_marks_the_word_a_folded_query_found(client, cafes):
    response = client.get(URL, {"q": "boern lektiecafe"})
    snippets = {i.title: str(i.snippet) for i in response.context["page"]}
    assert "<mark>børn</mark>" in snippets["Lektiecafé for ældre"]


# Folding itself


def test_fold_spells_danish_letters_out_and_drops_accents():
    assert fold("Lektiecafé for ÆLDRE i Århus, Malmö og Brønshøj") == (
        "Lektiecafe for aeLDRE i aarhus, Malmoe og Broenshoej"
    )


@pytest.mark.postgres
def test_postgres_folds_the_stored_vector_exactly_as_python_folds_the_query():
    text = "Ældre børn på Åløkke Skole ÆØÅ äö Ä Ö café naïve façade résumé"
    InitiativeFactory(title=text)
    in_sql = Initiative.objects.annotate(folded=Fold(Value(text))).values_list("folded", flat=True)
    assert in_sql.first() == fold(text)


@pytest.mark.sqlite
def test_sqlite_keeps_the_casefolded_text_first_for_the_admins_search(cafes):
    cafes["accent"].refresh_from_db()
    assert cafes["accent"].search_text.startswith("lektiecafé for ældre")


@pytest.mark.postgres
def test_postgres_adds_the_folded_spellings_for_typo_tolerance(cafes):
    cafes["accent"].refresh_from_db()
    spellings = set(cafes["accent"].search_text.split("\n")[-1].split())
    assert {"lektiecafe", "aeldre", "boern", "hjaelp"} <= spellings


# Documents stored before folding


def _unfolded(example):
    """Store `example`'s search document as it was before folding: casefolded, no keys."""
    from django.contrib.postgres.search import SearchVector

    example.refresh_from_db()
    text = " ".join([example.title, example.summary]).casefold()
    Initiative.objects.filter(pk=example.pk).update(search_text=text)
    if connection.vendor == "postgresql":
        Initiative.objects.filter(pk=example.pk).update(
            search_vector=SearchVector("title", "summary", config="danish")
        )


def test_a_document_stored_before_folding_is_not_found_by_the_folded_spelling(cafes):
    _unfolded(cafes["accent"])
    assert "Lektiecafé for ældre" not in found("aeldre")


def test_the_migration_rebuilds_documents_stored_before_folding(cafes):
    _unfolded(cafes["accent"])
    migration = importlib.import_module("initiatives.migrations.0009_fold_search_documents")
    # The migration reads the examples through `apps`; it needs no schema editor.
    migration.rebuild_search_documents(apps, SimpleNamespace(connection=connection))
    assert "Lektiecafé for ældre" in found("aeldre")


def test_rebuild_takes_the_model_a_migration_gives_it(cafes):
    _unfolded(cafes["accent"])
    rebuild([cafes["accent"].pk], model=apps.get_model("initiatives", "Initiative"))
    assert "Lektiecafé for ældre" in found("aeldre")
