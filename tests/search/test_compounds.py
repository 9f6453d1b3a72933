"""Danish compound words (issue 18): "hjælp" finds "lektiehjælp", "bibliotek" "mobilbibliotek".

At index time each compound is split into its parts (initiatives.compounds,
from the Danish word list of wordfreq), and the parts are indexed at the
lowest weight: on PostgreSQL in the vector at D, on SQLite among the keys of
search_text. Most tests run on both databases with the same expectations.
"""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from initiatives.compounds import split
from initiatives.models import Initiative
from initiatives.search import Search, compound_parts, fold, rebuild
from portal.synthetic import generate
from tests.factories import (
    CategoryFactory,
    InitiativeFactory,
    OrganisationFactory,
    TargetGroupFactory,
)

URL = reverse("initiatives:list")


def parts(word):
    return split(fold(word.casefold()))


# Splitting


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("lektiehjælp", ("lektie", "hjaelp")),
        ("mobilbibliotek", ("mobil", "bibliotek")),
        ("mobilbiblioteket", ("mobil", "biblioteket")),
        ("bogbusser", ("bog", "busser")),
        # Linking letters: plejehjem-s-beboere, ensomhed-s-strategi.
        ("plejehjemsbeboere", ("plejehjem", "beboere")),
        ("ensomhedsstrategi", ("ensomhed", "strategi")),
        ("udviklingsmuligheder", ("udviklings", "muligheder")),
        # The last part inflected beyond the word list's form.
        ("materialehåndteringen", ("materiale", "haandteringen")),
        # Three parts when two will not do.
        ("babysalmesang", ("baby", "salme", "sang")),
    ],
)
def test_a_compound_is_split_into_its_parts(word, expected):
    assert parts(word) == expected


def test_a_word_typed_without_danish_letters_splits_as_the_word_with_them():
    assert parts("lektiehjaelp") == parts("lektiehjælp") == ("lektie", "hjaelp")


@pytest.mark.parametrize(
    "word",
    [
        # Common words of their own, in the word list.
        "ensomhed",
        "frivillige",
        "fællesskab",
        "bibliotekerne",
        "lektier",
        "plejehjem",
        "rekruttering",
        # Inflected or derived from a common word: not "plejehjem" + "mene",
        # "frivillig" + "heden", "tilgængelig" + "heden".
        "plejehjemmene",
        "frivilligheden",
        "tilgængeligheden",
        "ensomheden",
        "fællesskaberne",
        # Rare words that are no compounds.
        "stigmatiseres",
        "eksperimenterer",
        # Too short to be two parts of three letters.
        "bogen",
    ],
)
def test_an_ordinary_word_is_not_split(word):
    assert parts(word) == ()


def test_the_parts_of_a_text_are_each_given_once_sorted():
    words = ["lektiehjælp", "lektiecafé", "og", "mobilbiblioteket"]
    assert compound_parts(words) == ["biblioteket", "cafe", "hjaelp", "lektie", "mobil"]


# Finding by a part, on both databases


def found(q):
    """The titles the index finds for `q`, typo tolerance left out.

    PostgreSQL's trigrams find "hjælp" in "lektiehjælp" when few examples
    match; these tests are about the index.
    """
    published = Initiative.objects.published()
    search = Search(q, published)
    search.fuzzy = False
    return set(search.filter(published).values_list("title", flat=True))


@pytest.fixture
def compounds(db):
    # Names without "bibliotek" or "hjælp", so that only the compounds hold them.
    lead = OrganisationFactory(name="Kulturhuset Vejle")
    category = CategoryFactory(name="Andet")
    common = {"lead_organisation": lead, "category": category, "published": True}
    return {
        "homework": InitiativeFactory(
            title="Lektiehjælp i Vejle",
            summary="Frivillige giver lektiehjælp hver tirsdag.",
            description="Gratis for alle skolebørn.",
            **common,
        ),
        "mobile": InitiativeFactory(
            title="Mobilbiblioteket kører igen",
            summary="Bøger til landsbyerne hver onsdag.",
            description="Ruten går forbi skolen.",
            **common,
        ),
        "other": InitiativeFactory(
            title="Strikkeklub",
            summary="Garn og kaffe om torsdagen.",
            description="Vi mødes i caféen.",
            **common,
        ),
    }


@pytest.mark.django_db
def test_a_part_finds_the_compound(compounds):
    assert found("hjælp") == {"Lektiehjælp i Vejle"}
    assert found("bibliotek") == {"Mobilbiblioteket kører igen"}


@pytest.mark.django_db
def test_a_part_typed_without_danish_letters_finds_the_compound(compounds):
    assert found("hjaelp") == {"Lektiehjælp i Vejle"}


@pytest.mark.django_db
def test_an_inflected_part_finds_the_compound(compounds):
    assert found("bibliotekerne") == {"Mobilbiblioteket kører igen"}


@pytest.mark.django_db
def test_the_snippet_marks_the_compound_a_part_found(client, compounds):
    response = client.get(URL, {"q": "hjælp"})
    (homework,) = response.context["page"]
    assert "<mark>lektiehjælp</mark>" in str(homework.snippet)


@pytest.mark.django_db
def test_the_document_keeps_its_parts(compounds):
    compounds["homework"].refresh_from_db()
    assert compounds["homework"].search_parts.split() == ["hjaelp", "lektie"]


# Ranking (PostgreSQL)


@pytest.mark.postgres
@pytest.mark.django_db
def test_an_example_where_the_word_stands_alone_ranks_above_one_where_it_is_a_part(
    client, compounds
):
    # "hjælp" in the title's compound (its part at D) against "hjælp" alone in
    # the description (C), the weakest place a word of the text can have.
    InitiativeFactory(
        title="Kom godt i gang med tabletten",
        summary="Seniorer lærer at bruge tabletten.",
        description="Personalet giver hjælp til alle.",
        lead_organisation=compounds["homework"].lead_organisation,
        category=compounds["homework"].category,
        published=True,
    )
    response = client.get(URL, {"q": "hjælp"})
    ranked = [example.title for example in response.context["page"]]
    assert ranked == ["Kom godt i gang med tabletten", "Lektiehjælp i Vejle"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_holds_the_parts_at_the_lowest_weight(compounds):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM initiatives_initiative WHERE id = %s",
            [compounds["homework"].pk],
        )
        vector = cursor.fetchone()[0]
    positions = vector.split("'hjaelp':")[1].split()[0]
    # D is the default weight, which the vector's text leaves out: "16", not "16A".
    assert positions.replace(",", "").isdigit()


# Documents stored before compounds were split


def _before_parts():
    """The Initiative model as migration 0011 left it, without search_parts."""
    from django.db.migrations.loader import MigrationLoader

    state = MigrationLoader(connection).project_state(("initiatives", "0011_spread"))
    return state.apps.get_model("initiatives", "Initiative")


def _without_parts(example):
    """Store `example`'s document as it was before issue 18, without its parts."""
    rebuild([example.pk], model=_before_parts())
    Initiative.objects.filter(pk=example.pk).update(search_parts="")
    if connection.vendor != "postgresql":
        # SQLite's keys: those of the words alone.
        example.refresh_from_db()
        Initiative.objects.filter(pk=example.pk).update(
            search_text=example.search_text.replace("\x1fhjaelp\x1f", "\x1f")
        )


@pytest.mark.django_db
def test_the_migration_gives_stored_documents_their_parts(compounds):
    _without_parts(compounds["homework"])
    assert found("hjælp") == set()
    migration = importlib.import_module("initiatives.migrations.0012_compound_parts")
    migration.rebuild_search_documents(apps, SimpleNamespace(connection=connection))
    assert found("hjælp") == {"Lektiehjælp i Vejle"}


@pytest.mark.django_db
def test_rebuild_takes_a_model_from_before_the_parts(compounds):
    # Migration 0009 rebuilds the documents with the model of its time.
    rebuild([compounds["other"].pk], model=_before_parts())
    assert found("strikkeklub") == {"Strikkeklub"}


# The synthetic examples


@pytest.mark.django_db
def test_the_generator_indexes_the_parts_rebuild_indexes(compounds):
    TargetGroupFactory.create_batch(3)
    generate(count=40, seed=5)
    synthetic = dict(Initiative.objects.order_by("-pk").values_list("pk", "search_parts")[:40])
    with_cafe = {pk for pk, parts in synthetic.items() if "cafe" in parts.split()}
    assert with_cafe  # "Lektiecafé", "Sprogcafé", "Jobcafé" ...
    published = Initiative.objects.published()
    assert (
        set(
            Search("cafe", published)
            .filter(published)
            .filter(pk__in=with_cafe)
            .values_list("pk", flat=True)
        )
        == with_cafe
    )

    rebuild(list(synthetic))
    assert dict(Initiative.objects.filter(pk__in=synthetic).values_list("pk", "search_parts")) == (
        synthetic
    )
