"""Synonyms curators keep (issue 18): "bogbus" finds "mobilbibliotek", and the page says so.

A search widens each word of its query with the other words of the word's
synonym group, on PostgreSQL and SQLite alike; these tests hold for both.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from initiatives import synonyms
from initiatives.models import Initiative, SynonymGroup
from initiatives.search import Search
from tests.factories import (
    CategoryFactory,
    InitiativeFactory,
    OrganisationFactory,
    SynonymGroupFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("initiatives:list")


def found(q):
    published = Initiative.objects.published()
    return set(Search(q, published).filter(published).values_list("title", flat=True))


@pytest.fixture
def examples():
    SynonymGroupFactory(words="lektiecafé, lektiehjælp, lektiestøtte")
    SynonymGroupFactory(words="bogbus, mobilbibliotek")
    SynonymGroupFactory(words="hjemmelevering\nBiblioteket Kommer")
    common = {
        "lead_organisation": OrganisationFactory(name="Kulturhuset Nord"),
        "category": CategoryFactory(name="Andet"),
        "published": True,
    }
    for title, summary in [
        ("Lektiestøtte i Vejle", "Frivillige sidder klar hver tirsdag."),
        ("Lektiecafé i Skive", "Kaffe og matematik for skoleelever."),
        ("Mobilbiblioteket", "Mobilbiblioteket kører til landsbyerne hver onsdag."),
        ("Biblioteket kommer", "Bøger bragt hjem til dem, der ikke kan komme selv."),
        ("Strikkeklub", "Garn og kaffe om torsdagen."),
    ]:
        InitiativeFactory(title=title, summary=summary, description="Alle er velkomne.", **common)


def test_a_word_finds_the_examples_its_synonyms_find(examples):
    assert found("bogbus") == {"Mobilbiblioteket"}
    assert found("lektiehjælp") == {"Lektiestøtte i Vejle", "Lektiecafé i Skive"}


def test_any_form_of_the_word_and_any_spelling_has_its_synonyms(examples):
    assert found("bogbussen") == found("BOGBUS") == {"Mobilbiblioteket"}
    assert found("lektiecafe") == {"Lektiestøtte i Vejle", "Lektiecafé i Skive"}


def test_a_synonym_may_be_a_phrase(examples):
    assert found("hjemmelevering") == {"Biblioteket kommer"}


def test_the_other_words_of_the_query_still_narrow_it(examples):
    assert found("lektiehjælp vejle") == {"Lektiestøtte i Vejle"}
    assert found("lektiehjælp -vejle") == {"Lektiecafé i Skive"}
    assert found("bogbus eller strikkeklub") == {"Mobilbiblioteket", "Strikkeklub"}


def test_the_words_of_a_quoted_phrase_get_no_synonyms(examples):
    assert found('"bogbus hver onsdag"') == set()


def test_a_quoted_phrase_that_is_in_a_group_gets_its_synonyms(examples):
    published = Initiative.objects.published()
    assert Search('"biblioteket kommer"', published).also == ["hjemmelevering"]
    assert Search("biblioteket kommer", published).also == []


def test_the_list_says_which_synonyms_it_searched_for_too(client, examples):
    response = client.get(URL, {"q": "lektiecafé"})
    assert "Viser også resultater for lektiehjælp, lektiestøtte." in response.text


def test_the_list_says_nothing_when_no_synonym_was_used(client, examples):
    response = client.get(URL, {"q": "strikkeklub"})
    assert "Viser også resultater" not in response.text
    assert response.context["also"] == []


def test_a_synonym_the_query_has_too_is_not_named(examples):
    published = Initiative.objects.published()
    assert Search("lektiecafé lektiehjælp", published).also == ["lektiestøtte"]


def test_the_snippet_marks_the_synonym_that_matched(client, examples):
    response = client.get(URL, {"q": "bogbus"})
    (mobile,) = response.context["page"]
    assert mobile.title == "Mobilbiblioteket"
    assert "<mark>Mobilbiblioteket</mark> kører" in str(mobile.snippet)


def test_a_new_group_is_used_by_the_next_search(examples):
    assert found("isoleret") == set()
    SynonymGroupFactory(words="isoleret, strikkeklub")
    assert found("isoleret") == {"Strikkeklub"}


def test_a_warm_process_reads_the_groups_once_per_change(examples, django_assert_num_queries):
    synonyms.current()
    with django_assert_num_queries(0):
        synonyms.current()


# The groups as curators write them


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_a_group_lists_its_words_once_as_written():
    group = SynonymGroup(words="Lektiecafé,  lektiehjælp\nlektiestøtte; LEKTIECAFÉ")
    assert group.synonyms() == ["Lektiecafé", "lektiehjælp", "lektiestøtte"]
    assert str(group) == "Lektiecafé = lektiehjælp = lektiestøtte"


def test_a_group_needs_two_words_that_differ(english):
    with pytest.raises(ValidationError, match="two words"):
        SynonymGroup(words="bogbus, bogbussen").full_clean()


def test_a_group_needs_words_a_search_looks_for(english):
    with pytest.raises(ValidationError, match="no word a search looks for"):
        SynonymGroup(words="bogbus, og").full_clean()


def test_a_word_belongs_to_one_group(examples, english):
    with pytest.raises(ValidationError, match="already in the group"):
        SynonymGroup(words="bogbussen, biblioteksbus").full_clean()


def test_the_groups_are_known_by_their_words_stemmed_and_folded():
    table = synonyms.Synonyms.from_groups([["ensom", "isoleret"]])
    assert table.others("isolerede") == table.others("Isoleret") == ["ensom"]
    assert table.others("ensomme") == ["isoleret"]
    assert table.others("og") == []


# The admin


def test_a_curator_keeps_the_groups_in_the_admin_with_their_history(client, curator):
    client.force_login(curator)
    add = reverse("admin:initiatives_synonymgroup_add")
    response = client.post(add, {"words": "bogbus, mobilbibliotek"})
    assert response.status_code == 302
    group = SynonymGroup.objects.get()
    change = reverse("admin:initiatives_synonymgroup_change", args=[group.pk])
    client.post(change, {"words": "bogbus, mobilbibliotek, biblioteksbus"})

    assert list(group.history.values_list("words", "history_user")) == [
        ("bogbus, mobilbibliotek, biblioteksbus", curator.pk),
        ("bogbus, mobilbibliotek", curator.pk),
    ]
    history = client.get(reverse("admin:initiatives_synonymgroup_history", args=[group.pk]))
    assert history.status_code == 200


def test_the_admin_refuses_a_word_that_is_in_another_group(client, curator, examples):
    client.force_login(curator)
    response = client.post(
        reverse("admin:initiatives_synonymgroup_add"), {"words": "bogbussen, biblioteksbus"}
    )
    assert response.status_code == 200
    assert "words" in response.context["adminform"].form.errors
    assert SynonymGroup.objects.count() == 3
