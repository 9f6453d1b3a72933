"""Finding by knowledge: `known=<dimension>:<level>` and `transfer`, with counts, and the cards."""

import pytest
from django.urls import reverse
from django.utils import translation

from initiatives.models import Initiative
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

URL = reverse("initiatives:list")
High, Medium, Low = Initiative.Transferability


@pytest.fixture
def examples():
    """Published examples: (title, effect, method, transferability)."""
    rows = [
        ("Evalueret effekt", "A", "B", High),
        ("Dokumenteret effekt", "B", "C", Medium),
        ("Skitseret effekt", "C", "A", High),
        ("Ingen effekt beskrevet", "D", "B", Low),
        ("Ikke vurderet", "", "", ""),
    ]
    return [
        InitiativeFactory(
            title=title,
            known_effect=effect,
            known_method=method,
            transferability=transfer,
            evidence=(
                Initiative.Evidence.EVALUATED if effect == "A" else Initiative.Evidence.DESCRIBED
            ),
            published=True,
        )
        for title, effect, method, transfer in rows
    ]


def titles(response):
    return sorted(initiative.title for initiative in response.context["page"])


def counts(response, name):
    (facet,) = [f for f in response.context["facets"] if f.name == name]
    return {option.value: option.count for option in facet.options}


def test_known_at_least_b_on_effect_lists_the_effects_at_a_and_b(client, examples, index):
    response = client.get(URL, {"known": "effekt:B"})

    assert titles(response) == ["Dokumenteret effekt", "Evalueret effekt"]


def test_known_at_level_a_lists_only_the_tested(client, examples, index):
    response = client.get(URL, {"known": "effekt:A"})

    assert titles(response) == ["Evalueret effekt"]


def test_known_on_two_dimensions_needs_both(client, examples, index):
    response = client.get(URL, {"known": ["effekt:C", "metode:B"]})

    assert titles(response) == ["Evalueret effekt", "Skitseret effekt"]


def test_two_levels_of_one_dimension_are_alternatives(client, examples, index):
    response = client.get(URL, {"known": ["effekt:A", "effekt:B"]})

    assert titles(response) == ["Dokumenteret effekt", "Evalueret effekt"]


def test_the_counts_of_a_dimension_say_what_choosing_it_would_list(client, examples, index):
    response = client.get(URL, {"known": "metode:B"})

    found = counts(response, "known")
    # Method itself is counted without its own choice: A 1, at least B 3, at least C 4.
    assert (found["metode:A"], found["metode:B"], found["metode:C"]) == (1, 3, 4)
    # Effect is counted among the examples with method at least B: A 1, B 1, C 2.
    assert (found["effekt:A"], found["effekt:B"], found["effekt:C"]) == (1, 1, 2)
    for value, count in found.items():
        other = [v for v in ["metode:B"] if not v.startswith(value.split(":")[0])]
        again = client.get(URL, {"known": [*other, value], "page": 1})  # past the page cache
        assert len(again.context["page"]) == count


def test_the_counts_of_a_dimension_hold_in_a_search(client, examples, index):
    response = client.get(URL, {"q": "ensomme", "known": "effekt:B"})

    found = counts(response, "known")
    assert found["effekt:C"] == 3
    assert "metode:A" not in found  # a zero count is not shown; "Skitseret effekt" has effect C
    assert found["metode:B"] == 1


def test_the_transfer_filter_lists_the_chosen_judgements_with_counts(client, examples, index):
    response = client.get(URL, {"transfer": High})

    assert titles(response) == ["Evalueret effekt", "Skitseret effekt"]
    assert counts(response, "transfer") == {High: 2, Medium: 1, Low: 1}


def test_an_unknown_knowledge_value_is_ignored_and_reported(client, examples, index):
    response = client.get(URL, {"known": ["effekt:Z", "hygge:A"]})

    assert len(response.context["page"]) == len(examples)
    assert len(response.context["notices"]) == 2


def test_the_chips_name_the_dimension_and_the_level(client, examples):
    with translation.override("da"):
        response = client.get(URL, {"known": "effekt:B"}, headers={"accept-language": "da"})

    (chip,) = response.context["chips"]
    assert chip[1] == "effekt mindst B"


def test_the_filter_groups_the_levels_under_each_dimension(client, examples):
    response = client.get(URL, headers={"accept-language": "da"})

    html = response.content.decode()
    assert '<legend class="facet__subtitle">Effekt</legend>' in html
    assert 'name="known" value="effekt:B"' in html


def test_a_card_names_the_best_and_the_least_known_dimension(client, examples):
    response = client.get(URL, {"known": "effekt:A"}, headers={"accept-language": "da"})

    html = response.content.decode()
    assert "Bedst belyst: effekt (A)" in html
    assert "Mindst belyst: metode (B)" in html


def test_a_card_of_an_unassessed_example_says_so(client, examples):
    response = client.get(URL, {"q": "Ikke vurderet"}, headers={"accept-language": "da"})

    assert "Ikke vurderet endnu" in response.content.decode()


def test_a_card_with_every_dimension_at_one_level_says_it_once(client):
    levels = {
        f"known_{key}": "C"
        for key in ["target_group", "method", "implementation", "effect", "economy"]
    }
    InitiativeFactory(published=True, **levels)

    response = client.get(URL, headers={"accept-language": "da"})

    assert "Alle fem: C" in response.content.decode()
