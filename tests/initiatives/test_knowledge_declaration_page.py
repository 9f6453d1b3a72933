"""The knowledge declaration on the example page, and on /evidens/ (issue 19).

Texts are compared with the interface's own strings in the page's language, so
the tests hold before and after the Danish catalogue has the new strings.
"""

import math
import re
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from initiatives import facetindex, knowledge
from initiatives.knowledge import DIMENSIONS, SCORES, Level
from initiatives.models import Initiative
from tests.factories import InitiativeFactory
from tests.test_query_budgets import PAGES as BUDGETS

pytestmark = pytest.mark.django_db

LEVELS = {
    "target_group": "A",
    "method": "B",
    "implementation": "C",
    "effect": "B",
    "economy": "D",
}
WHY = {
    "target_group": "VIVE har undersøgt, at tilbuddet når de ældre.",
    "method": "Drejebogen ligger på bibliotekets hjemmeside.",
    "implementation": "Opstarten er beskrevet kort.",
    "effect": "Deltagertal og udsagn fra 2023 er skrevet ned.",
    "economy": "",
}


def in_language(language, text):
    with translation.override(language):
        return gettext(text) if isinstance(text, str) else str(text)


def level_in_words(level, language="da"):
    return f"{level} – {in_language(language, Level(level).label)}"


def declaration(**kwargs):
    values = {}
    for key, level in LEVELS.items():
        values[f"known_{key}"] = level
        values[f"known_{key}_why"] = WHY[key]
    return {**values, **kwargs}


@pytest.fixture
def example():
    return InitiativeFactory(
        published=True, evidence=Initiative.Evidence.DESCRIBED, **declaration()
    )


def page_of(client, initiative, language="da"):
    with translation.override(language):
        return client.get(initiative.get_absolute_url())


def text(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section(html, start, end):
    """The HTML from the element with id `start` to the one with id `end`."""
    return html[html.index(f'id="{start}"') : html.index(f'id="{end}"')]


def table_rows(html):
    """The declaration table's body rows, each as a list of its cells' texts."""
    table = re.search(r'<table class="table knowledge__table.*?</table>', html, re.S).group()
    body = table[table.index("<tbody") :]
    return [
        [text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_the_table_shows_each_dimension_its_level_and_justification(client, example):
    rows = table_rows(page_of(client, example).text)

    assert [row[0] for row in rows] == [capfirst(in_language("da", d.label)) for d in DIMENSIONS]
    for row, dimension in zip(rows, DIMENSIONS, strict=True):
        assert row[1] == level_in_words(LEVELS[dimension.key]), dimension.key
        assert row[2].startswith(WHY[dimension.key]), dimension.key


def test_an_unassessed_dimension_says_not_assessed_yet(client):
    example = InitiativeFactory(published=True, **declaration(known_economy=""))

    economy = table_rows(page_of(client, example).text)[-1]

    assert economy[1] == in_language("da", "Not assessed yet")


def test_the_submitter_gets_a_link_to_assess_a_dimension_not_assessed(client):
    draft = InitiativeFactory(**declaration(known_method=""))
    client.force_login(draft.submitted_by)

    page = page_of(client, draft).text

    edit = reverse("initiatives:edit", kwargs={"slug": draft.slug})
    assert f'href="{edit}#div_id_known_method"' in page
    assert f'href="{edit}#div_id_known_effect"' not in page


def test_with_nothing_assessed_the_table_says_so_and_there_is_no_chart(client):
    example = InitiativeFactory(published=True)

    page = page_of(client, example).text

    assert 'id="knowledge-title"' in page
    assert "<svg" not in page
    not_assessed = in_language("da", "Not assessed yet")
    assert [row[1] for row in table_rows(page)] == [not_assessed] * len(DIMENSIONS)


def test_the_declaration_comes_before_the_five_dimensions(client, example):
    page = page_of(client, example).text

    assert page.index('id="knowledge-title"') < page.index('id="target-title"')


def test_the_effect_row_shows_the_evidence_level_as_its_summary(client, example):
    effect = table_rows(page_of(client, example).text)[3]

    assert in_language("da", "Evidence level:") in effect[2]
    assert capfirst(in_language("da", Initiative.Evidence.DESCRIBED.label)) in effect[2]


def test_the_section_links_to_the_levels_and_says_who_sets_them(client, example):
    page = section(page_of(client, example).text, "knowledge-title", "target-title")

    assert f'href="{reverse("evidence")}#knowledge"' in page
    assert in_language(
        "da",
        "The contributor proposes the levels, and the curators check them before the "
        "example is published.",
    ) in text(page)


def test_the_chart_is_an_image_whose_text_alternative_names_every_level(client):
    example = InitiativeFactory(published=True, **declaration(known_economy=""))

    page = page_of(client, example).text

    svg = re.search(r"<svg[^>]*>", page).group()
    assert 'role="img"' in svg
    assert 'aria-labelledby="knowledge-chart-title knowledge-chart-desc"' in svg
    assert re.search(r'<title id="knowledge-chart-title">\w', page)
    desc = text(re.search(r'<desc id="knowledge-chart-desc">(.*?)</desc>', page, re.S).group(1))
    for dimension in DIMENSIONS:
        label = capfirst(in_language("da", dimension.label))
        if dimension.key == "economy":
            assert f"{label}: {in_language('da', 'Not assessed yet')}." in desc
        else:
            assert f"{label}: {level_in_words(LEVELS[dimension.key])}." in desc


def test_the_charts_shape_reaches_as_far_out_as_each_level(client):
    example = InitiativeFactory(published=True, **declaration(known_economy=""))

    response = page_of(client, example)

    chart = response.context["knowledge"]
    (cx, cy), (ax, ay) = chart["centre"], chart["axes"][0]
    radius = math.dist((cx, cy), (ax, ay))
    for dimension, point in zip(DIMENSIONS, chart["points"], strict=True):
        level = LEVELS[dimension.key] if dimension.key != "economy" else ""
        expected = radius * SCORES[level] / max(SCORES.values()) if level else 0
        assert math.dist((cx, cy), point) == pytest.approx(expected, abs=0.2), dimension.key
    assert f'points="{chart["shape"]}"' in response.text


def test_the_chart_keeps_decimal_points_on_the_danish_page(client, example):
    page = page_of(client, example, "da").text

    svg = re.search(r"<svg.*?</svg>", page, re.S).group()
    for value in re.findall(r' (?:x|y|cx|cy|x1|y1|x2|y2)="([^"]*)"', svg):
        float(value)
    assert "," not in re.search(r'viewBox="([^"]*)"', svg).group(1)


def test_the_charts_labels_fit_inside_it():
    example = Initiative(**declaration())

    for language in ("da", "en"):
        with translation.override(language):
            chart = knowledge.chart(example)
        for label in chart["labels"]:
            assert 0 < label["x"] < chart["width"], (language, label["text"])
            assert 0 < label["y"] < chart["height"] - 17, (language, label["text"])


def test_transferability_shows_under_implementation(client):
    example = InitiativeFactory(
        published=True,
        transferability=Initiative.Transferability.HIGH,
        transfer_preconditions="Et lokale og to frivillige.",
        transfer_essential="Den faste ugedag.",
    )

    implementation = section(page_of(client, example).text, "implementation-title", "effect-title")

    words = text(implementation)
    assert in_language("da", "Transferability") in words
    judgement = in_language("da", "The curators' judgement:")
    assert f"{judgement} {in_language('da', Initiative.Transferability.HIGH.label)}" in words
    assert f"{in_language('da', 'Preconditions')} Et lokale og to frivillige." in words
    assert f"{in_language('da', 'What must be kept')} Den faste ugedag." in words
    assert in_language("da", "Typical pitfalls") not in words
    assert in_language("da", "What can be adapted") not in words


def test_an_example_without_transferability_shows_no_heading_for_it(client):
    example = InitiativeFactory(published=True)

    implementation = section(page_of(client, example).text, "implementation-title", "effect-title")

    assert "transferability-title" not in implementation


def test_implementation_still_says_not_stated_when_only_transferability_is_given(client):
    example = InitiativeFactory(
        published=True, how_to_start="", resources="", transfer_pitfalls="Husk en fast rute."
    )

    implementation = section(page_of(client, example).text, "implementation-title", "effect-title")

    assert in_language("da", "Not stated yet") in text(implementation)
    assert "Husk en fast rute." in implementation


def test_the_evidence_page_explains_every_level_dimension_and_judgement(client):
    with translation.override("da"):
        page = client.get(reverse("evidence")).text

    explained = text(page[page.index('id="knowledge"') :])
    for level in Level:
        assert level_in_words(level) in explained
    for dimension in DIMENSIONS:
        assert in_language("da", dimension.guidance) in explained
    for judgement in Initiative.Transferability:
        assert capfirst(in_language("da", judgement.label)) in explained
    assert 'id="transferability"' in page


def test_the_english_page_shows_english_labels(client, example):
    page = page_of(client, example, "en").text

    assert "How much is known?" in page
    rows = table_rows(page)
    assert rows[0][:2] == ["Target group", "A – documented and tested"]
    assert rows[-1][1] == "D – not described"
    # What people wrote stays Danish, and says so.
    assert f'<span lang="da">{WHY["method"]}</span>' in page


def test_the_declaration_is_drawn_without_a_query(django_assert_num_queries, example):
    initiative = Initiative.objects.get(pk=example.pk)

    with django_assert_num_queries(0):
        render_to_string(
            "initiatives/_knowledge.html",
            {"knowledge": knowledge.chart(initiative), "initiative": initiative},
        )


def test_a_declared_example_stays_within_the_detail_pages_budget(
    client, django_assert_max_num_queries
):
    [budget] = [
        b
        for name, kw, _query, b in BUDGETS
        if name == "initiatives:detail" and kw == {"slug": "eksempel-1"}
    ]
    example = InitiativeFactory(
        published=True,
        transferability=Initiative.Transferability.MEDIUM,
        transfer_pitfalls="Husk en fast rute.",
        **declaration(),
    )
    facetindex.current()  # built once per change, not per request, as in the budgets

    with django_assert_max_num_queries(budget):
        assert page_of(client, example).status_code == 200
