"""The examples list in a real browser: htmx filtering, history, no-JS fallback, search."""

import re

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from tests.factories import CategoryFactory, InitiativeFactory, TargetGroupFactory, municipality

pytestmark = pytest.mark.browser

LIST = reverse("initiatives:list")
COUNT = "#results-title"
TITLES = "#finder .results .card-title"
# The form's own submit button ("Vis resultater"), not the search field's "Søg".
SHOW_RESULTS = "#filters-toggle > button[type=submit]"


@pytest.fixture
def library(live_server):
    """Five published examples in two categories, and a draft that must never show.

    Created through the ORM in the test thread; live_server's transactional database
    commits them, so the server thread sees them.
    """
    outreach = CategoryFactory(name="Opsøgende tilbud", slug="opsoegende")
    reading = CategoryFactory(name="Læsefremme", slug="laesefremme")
    elderly = TargetGroupFactory(name="Ældre", slug="aeldre")
    children = TargetGroupFactory(name="Udsatte børn og unge", slug="boern")
    examples = {
        "kommer": InitiativeFactory(
            title="Biblioteket Kommer",
            summary="Frivillige bringer bøger hjem til ældre, der ikke selv kan komme.",
            category=outreach,
            target_groups=[elderly],
            nationwide=True,
            uses_volunteers=True,
            evidence=Initiative.Evidence.DESCRIBED,
            published=True,
        ),
        "snak": InitiativeFactory(
            title="Snak sammen",
            summary="Samtalecaféer på biblioteket for alle, der savner nogen at tale med.",
            category=outreach,
            target_groups=[elderly, children],
            municipalities=[municipality("851")],
            uses_volunteers=True,
            published=True,
        ),
        "laesekreds": InitiativeFactory(
            title="Digital læsekreds",
            category=reading,
            target_groups=[elderly],
            municipalities=[municipality("751")],
            format=Initiative.Format.DIGITAL,
            published=True,
        ),
        "bogpakke": InitiativeFactory(
            title="Bogpakke til børnefamilier",
            summary="Udsatte familier får en pakke med bøger og en invitation til biblioteket.",
            category=reading,
            target_groups=[children],
            municipalities=[municipality("461"), municipality("101")],
            evidence=Initiative.Evidence.EVALUATED,
            published=True,
        ),
        "strikkecafe": InitiativeFactory(
            title="Strikkecafé",
            summary="Strik, kaffe og en snak om gode bøger hver torsdag.",
            category=reading,
            target_groups=[elderly],
            municipalities=[municipality("101")],
            published=True,
        ),
        "draft": InitiativeFactory(title="Hemmelig kladde", category=outreach),
    }
    return examples


def shown_titles(page):
    return set(page.locator(TITLES).all_inner_texts())


def count_text(page):
    return page.locator(COUNT).inner_text().strip()


def wait_for_htmx(page):
    """htmx is loaded (deferred) and has processed the page."""
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")


def test_filter_with_htmx_swaps_results_pushes_url_and_back_restores(
    page, live_server, library, screenshot
):
    page.goto(live_server.url + LIST)
    wait_for_htmx(page)
    assert count_text(page) == "5 gode eksempler"
    assert "Hemmelig kladde" not in shown_titles(page)
    screenshot(page, "examples-list")

    page.evaluate("window.__marker = 1")
    page.get_by_role("checkbox", name=re.compile(r"^Opsøgende tilbud")).check()

    page.wait_for_function(
        "sel => document.querySelector(sel).textContent.trim() === '2 gode eksempler'", arg=COUNT
    )
    page.wait_for_url(re.compile(r"[?&]category=opsoegende\b"))
    assert "category=opsoegende" in page.url
    assert page.evaluate("window.__marker") == 1, "the filter reloaded the whole page"
    assert shown_titles(page) == {"Biblioteket Kommer", "Snak sammen"}
    assert page.get_by_role("checkbox", name=re.compile(r"^Opsøgende tilbud")).is_checked()
    # The live region outside the swapped block announces the new count (portal.js).
    assert page.locator("#results-announcer").inner_text().strip() == "2 gode eksempler"
    screenshot(page, "examples-list-filtered")

    page.go_back()
    page.wait_for_function(
        "sel => document.querySelector(sel).textContent.trim() === '5 gode eksempler'", arg=COUNT
    )
    assert page.url == live_server.url + LIST
    assert page.evaluate("window.__marker") == 1, "going back reloaded the whole page"
    assert len(shown_titles(page)) == 5
    assert not page.get_by_role("checkbox", name=re.compile(r"^Opsøgende tilbud")).is_checked()


def test_filter_without_javascript_submits_the_form(page_without_js, live_server, library):
    page = page_without_js
    page.goto(live_server.url + LIST)
    assert count_text(page) == "5 gode eksempler"

    page.get_by_role("checkbox", name=re.compile(r"^Læsefremme")).check()
    # Nothing happens before the form is submitted.
    assert count_text(page) == "5 gode eksempler"
    button = page.locator(SHOW_RESULTS)
    assert button.inner_text().strip() == "Vis resultater"
    button.click()
    page.wait_for_url(re.compile(r"[?&]category=laesefremme\b"))

    assert "category=laesefremme" in page.url
    assert count_text(page) == "3 gode eksempler"
    assert shown_titles(page) == {"Digital læsekreds", "Bogpakke til børnefamilier", "Strikkecafé"}
    assert page.get_by_role("checkbox", name=re.compile(r"^Læsefremme")).is_checked()


def test_search_with_enter_shows_matching_examples(page, live_server, library, screenshot):
    page.goto(live_server.url + LIST)
    wait_for_htmx(page)
    page.evaluate("window.__marker = 1")

    search = page.locator("#id_q")
    search.fill("bøger")
    search.press("Enter")

    page.wait_for_function(
        "sel => document.querySelector(sel).textContent.trim() === '3 gode eksempler'", arg=COUNT
    )
    page.wait_for_url(re.compile(r"[?&]q=b%C3%B8ger\b"))
    assert page.evaluate("window.__marker") == 1, "the search reloaded the whole page"
    assert shown_titles(page) == {
        "Biblioteket Kommer",
        "Bogpakke til børnefamilier",
        "Strikkecafé",
    }
    assert page.locator("#id_q").input_value() == "bøger"

    page.get_by_role("link", name="Bogpakke til børnefamilier").click()
    page.wait_for_url(live_server.url + library["bogpakke"].get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Bogpakke til børnefamilier"
    screenshot(page, "example-detail")


def test_switching_language_after_filtering_keeps_the_filters(page, live_server, library):
    page.goto(live_server.url + LIST)
    wait_for_htmx(page)
    page.get_by_role("checkbox", name=re.compile(r"^Opsøgende tilbud")).check()
    page.wait_for_url(re.compile(r"[?&]category=opsoegende\b"))

    page.get_by_role("link", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert "category=opsoegende" in page.url
    assert count_text(page) == "2 good examples"

    page.get_by_role("link", name="Dansk").click()
    page.wait_for_function("() => document.documentElement.lang === 'da'")
    assert "category=opsoegende" in page.url
    assert count_text(page) == "2 gode eksempler"
