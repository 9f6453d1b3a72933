"""Free-text search: Danish full-text on PostgreSQL, a simple match on SQLite."""

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from tests.factories import (
    CategoryFactory,
    InitiativeFactory,
    OrganisationFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("initiatives:list")


def found(client, q, **params):
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    return [initiative.title for initiative in response.context["page"]]


@pytest.fixture
def examples():
    return {
        "kommer": InitiativeFactory(
            title="Biblioteket Kommer",
            summary="Bøger bringes hjem til borgere, der ikke selv kan komme på biblioteket.",
            description="Frivillige kører materialer ud.",
            published=True,
        ),
        "lektier": InitiativeFactory(
            title="Lektiehjælp online",
            summary="Hjælp til lektier for børn i familier, der ikke kan betale for det.",
            description="Lektier online fandtes under Statsbiblioteket indtil 2016.",
            published=True,
        ),
        "laesesal": InitiativeFactory(
            title="Læsesale",
            summary="Genåbning af læsesale, så studerende får plads og ro.",
            description="Studerende fra trange hjem kan læse på bibliotekerne.",
            published=True,
        ),
        "oerestad": InitiativeFactory(
            title="Øresundsklubben",
            summary="Online bogklub for ældre i Ørestad.",
            description="Æbleskiver og årets bøger.",
            published=True,
        ),
        "draft": InitiativeFactory(
            title="Biblioteket i kladde", summary="Biblioteket ikke offentligt."
        ),
    }


def test_search_never_shows_unpublished_examples(client, examples):
    assert "Biblioteket i kladde" not in found(client, "biblioteket")


def test_search_matches_words_in_the_title(client, examples):
    assert found(client, "lektiehjælp") == ["Lektiehjælp online"]


def test_search_result_carries_a_highlighted_snippet(client, examples):
    response = client.get(URL, {"q": "studerende"})
    snippet = str(response.context["page"][0].snippet)
    assert "<mark>" in snippet.lower()


def test_snippets_escape_the_example_text(client):
    InitiativeFactory(title="Farlig", summary="<script>alert(1)</script> bogklub", published=True)
    response = client.get(URL, {"q": "bogklub"})
    assert "<script>alert(1)</script>" not in response.text


def test_search_text_follows_changes_to_names_it_includes(
    client, examples, django_capture_on_commit_callbacks
):
    category = examples["kommer"].category
    category.name = "Opsøgende tilbud"
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    assert found(client, "opsøgende") == ["Biblioteket Kommer"]


def test_search_matches_target_group_and_organisation_names(client):
    InitiativeFactory(
        title="Samtalekasser",
        lead_organisation=OrganisationFactory(name="Lokalhistorisk Arkiv"),
        target_groups=[TargetGroupFactory(name="Plejehjemsbeboere")],
        published=True,
    )
    assert found(client, "plejehjemsbeboere") == ["Samtalekasser"]
    assert found(client, "lokalhistorisk") == ["Samtalekasser"]


# SQLite: a simple, case-insensitive match, Danish letters included


@pytest.mark.sqlite
@pytest.mark.parametrize(
    "q", ["øresundsklubben", "ØRESUNDSKLUBBEN", "ørestad", "ÆBLESKIVER", "Årets"]
)
def test_sqlite_matches_danish_letters_in_any_case(client, examples, q):
    assert found(client, q) == ["Øresundsklubben"]


@pytest.mark.sqlite
def test_sqlite_honours_quotes_or_and_exclusion(client, examples):
    assert found(client, '"lektier online"') == ["Lektiehjælp online"]
    assert set(found(client, "læsesale or øresundsklubben")) == {"Læsesale", "Øresundsklubben"}
    assert "Lektiehjælp online" not in found(client, "online -lektier")


# PostgreSQL: Danish full-text search


@pytest.mark.postgres
@pytest.mark.parametrize("q", ["bibliotek", "biblioteket", "bibliotekerne", "bibliotekets"])
def test_postgres_finds_stemmed_forms_of_a_danish_word(client, examples, q):
    results = found(client, q)
    assert "Biblioteket Kommer" in results
    assert "Læsesale" in results  # "bibliotekerne" in its description


@pytest.mark.postgres
def test_postgres_phrase_search(client, examples):
    assert found(client, '"lektier online"') == ["Lektiehjælp online"]
    assert found(client, '"online lektier"') == []


@pytest.mark.postgres
def test_postgres_exclusion(client, examples):
    results = found(client, "biblioteket -frivillige")
    assert "Biblioteket Kommer" not in results
    assert "Læsesale" in results


@pytest.mark.postgres
def test_postgres_or(client, examples):
    assert set(found(client, "læsesale or lektiehjælp")) == {"Læsesale", "Lektiehjælp online"}


@pytest.mark.postgres
def test_postgres_tolerates_a_typo(client, examples):
    assert "Biblioteket Kommer" in found(client, "bibliotket")


@pytest.mark.postgres
def test_postgres_ranks_a_title_match_above_a_description_match(client):
    InitiativeFactory(
        title="Bogbus",
        summary="En bus med bøger.",
        description="Frivillige hjælper.",
        published=True,
    )
    InitiativeFactory(title="Frivillige i biblioteket", summary="Om frivillige.", published=True)
    assert found(client, "frivillige", sort="relevance")[0] == "Frivillige i biblioteket"


@pytest.mark.postgres
def test_postgres_stores_an_indexed_search_document(examples):
    from django.db import connection

    example = Initiative.objects.get(pk=examples["kommer"].pk)
    assert example.search_vector
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'initiative_search_vector'"
        )
        assert "gin" in cursor.fetchone()[0].lower()


@pytest.mark.postgres
def test_postgres_search_document_follows_an_edit(
    client, examples, django_capture_on_commit_callbacks
):
    example = examples["laesesal"]
    example.title = "Stillerum"
    with django_capture_on_commit_callbacks(execute=True):
        example.save()
    assert found(client, "stillerum") == ["Stillerum"]


@pytest.mark.postgres
def test_postgres_category_weight_is_searchable(client):
    InitiativeFactory(
        title="Bogtur", category=CategoryFactory(name="Mobilbibliotek"), published=True
    )
    assert found(client, "mobilbibliotek") == ["Bogtur"]


@pytest.mark.parametrize("word", ["or", "eller", "ELLER"])
def test_danish_eller_works_like_or(client, examples, word):
    assert set(found(client, f"læsesale {word} øresundsklubben")) == {
        "Læsesale",
        "Øresundsklubben",
    }


@pytest.mark.postgres
def test_postgres_finds_an_example_by_a_lead_organisation_named_in_the_form(
    client, curator, django_capture_on_commit_callbacks
):
    example = InitiativeFactory(title="Bogcafé", lead_organisation=None, published=True)
    with django_capture_on_commit_callbacks(execute=True):
        example.lead_organisation = OrganisationFactory(name="Fanø Læsehus", confirmed=False)
        example.save(update_fields=["lead_organisation", "updated_at"])
    assert found(client, "læsehus") == ["Bogcafé"]


@pytest.mark.parametrize("q", ['"', "-", '""', "!!"])
def test_a_query_with_nothing_to_search_for_shows_everything_and_says_so(client, examples, q):
    response = client.get(URL, {"q": q})
    assert response.context["query"] == ""
    assert response.context["page"].paginator.count == 4
    assert any("ikke noget at søge efter" in str(notice) for notice in response.context["notices"])


def test_the_empty_state_offers_to_drop_the_search_in_plain_danish(client, examples):
    response = client.get(URL, {"q": "xyzzy", "format": "physical"})
    labels = [label for label, _count, _url in response.context["loosen"]]
    assert "søgningen" in labels


@pytest.mark.postgres
def test_postgres_a_snippet_cut_from_the_middle_says_so(client):
    words = " ".join(f"ord{n}" for n in range(80))
    InitiativeFactory(
        title="Lang tekst",
        summary="Kort resumé.",
        description=f"{words} bogbussen {words}",
        published=True,
    )
    snippet = str(client.get(URL, {"q": "bogbussen"}).context["page"][0].snippet)
    assert snippet.startswith("… ")
    assert snippet.endswith(" …")


@pytest.mark.postgres
def test_postgres_a_snippet_that_is_the_whole_text_has_no_ellipsis(client):
    InitiativeFactory(title="Kort", summary="Bogbussen kører.", description="", published=True)
    snippet = str(client.get(URL, {"q": "bogbussen"}).context["page"][0].snippet)
    assert "…" not in snippet


def test_a_rename_is_left_to_the_task_worker(
    transactional_db, django_db_serialized_rollback, database_queue
):
    from django_tasks_db.models import DBTaskResult

    from tests.mailserver import run_worker

    example = InitiativeFactory(title="Bogtur", category=CategoryFactory(name="Mobilbibliotek"))
    category = example.category
    category.name = "Bogbusser"
    category.save()
    example.refresh_from_db()
    assert "bogbusser" not in example.search_text  # the request only queued the work
    assert DBTaskResult.objects.get().task_path.endswith("refresh_search_naming")
    run_worker()
    example.refresh_from_db()
    assert "bogbusser" in example.search_text


# A word found in nearly every example: only the newest matches are ranked and counted.


@pytest.fixture
def many_matches(monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from initiatives.search import Search

    monkeypatch.setattr(Search, "CANDIDATES", 3)
    now = timezone.now()
    category = CategoryFactory(name="Læsefremme")
    return [
        InitiativeFactory(
            title=f"Bogklub nr. {n}",
            category=category,
            published=True,
            published_at=now - timedelta(days=n),
        )
        for n in range(5)
    ]


def test_a_search_with_more_matches_than_are_ranked_says_so(client, many_matches):
    response = client.get(URL, {"q": "bogklub"})

    assert "Mere end 3 gode eksempler" in response.text
    assert "De 3 nyeste match" in response.text


def test_a_search_ranks_only_the_newest_matches(client, many_matches):
    assert sorted(found(client, "bogklub")) == ["Bogklub nr. 0", "Bogklub nr. 1", "Bogklub nr. 2"]


def test_a_capped_search_counts_its_candidates_beside_the_filters(client, many_matches):
    response = client.get(URL, {"q": "bogklub"})

    category = next(f for f in response.context["facets"] if f.name == "category")
    assert [(option.label, option.count) for option in category.options] == [("Læsefremme", 4)]


def test_a_search_with_fewer_matches_than_the_bound_counts_them_all(client, many_matches):
    InitiativeFactory(title="Strikkecafé", published=True)

    response = client.get(URL, {"q": "strikkecafé"})

    assert response.context["page"].paginator.count == 1
    assert "Mere end" not in response.text
