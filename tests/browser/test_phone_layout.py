"""Phones (issue 15, part 6): results before filters, and targets big enough to tap.

At 390 px the examples list shows its count and first result without scrolling,
with the filters behind a "Filtre (n)" button, a native <details> that works
without JavaScript. From 992 px the filters are the sidebar they always were.
Every link, button and field in the main content of the list, home, detail and
"my examples" pages meets WCAG 2.2's target size minimum (target_size.js).
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.test_accessibility import log_in
from tests.factories import CategoryFactory, InitiativeFactory, TargetGroupFactory, municipality

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LIST = reverse("initiatives:list")
TITLES = "#finder .results .card-title"
FILTERS = "#filters-toggle"
FILTERS_BUTTON = "#filters-toggle > summary"
TARGET_SIZE = (Path(__file__).parent / "target_size.js").read_text()


@pytest.fixture
def examples(live_server):
    """Twenty-three published examples with full summaries (two pages of results)."""
    reading = CategoryFactory(name="Læsefremme", slug="laesefremme")
    outreach = CategoryFactory(name="Opsøgende tilbud", slug="opsoegende")
    elderly = TargetGroupFactory(name="Ældre")
    summary = (
        "Frivillige bringer bøger, lydbøger og blade hjem til ældre, der ikke selv kan "
        "komme på biblioteket, og bliver til en kop kaffe og en snak om det, de har læst."
    )
    made = [
        InitiativeFactory(
            title=f"Biblioteket kommer hjem til dig, nummer {n}",
            summary=summary,
            category=reading if n % 2 else outreach,
            target_groups=[elderly],
            municipalities=[municipality("265")],
            uses_volunteers=True,
            featured=n < 3,
            published=True,
        )
        for n in range(23)
    ]
    return {"first": made[0], "reading": reading}


def wait_for_htmx(page):
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")


def reading_checkbox(page):
    return page.get_by_role("checkbox", name=re.compile(r"^Læsefremme"))


# The examples list on a phone


def test_on_a_phone_the_count_and_first_result_show_without_scrolling(page, live_server, examples):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + LIST)

    assert page.evaluate("window.scrollY") == 0
    count = page.locator("#results-title").bounding_box()
    title = page.locator(TITLES).first.bounding_box()
    assert count["y"] + count["height"] <= PHONE["height"]
    assert title["y"] + title["height"] <= PHONE["height"], "the first result is below the fold"


def test_on_a_phone_the_filters_wait_behind_a_button(page, live_server, examples):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + LIST)
    wait_for_htmx(page)

    assert page.locator(FILTERS_BUTTON).inner_text().strip() == "Filtre"
    assert not reading_checkbox(page).is_visible()


def test_the_filters_button_opens_the_filters_without_javascript(
    page_without_js, live_server, examples
):
    page = page_without_js
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + LIST)
    assert not reading_checkbox(page).is_visible()

    page.locator(FILTERS_BUTTON).click()
    reading_checkbox(page).check()
    page.get_by_role("button", name="Vis resultater").click()
    page.wait_for_url(re.compile(r"[?&]category=laesefremme\b"))

    assert page.locator(FILTERS_BUTTON).inner_text().strip() == "Filtre (1)"
    assert page.locator("#results-title").inner_text().strip() == "11 gode eksempler"


def test_filters_opened_on_a_phone_stay_open_when_the_results_update(page, live_server, examples):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + LIST)
    wait_for_htmx(page)
    page.locator(FILTERS_BUTTON).click()

    reading_checkbox(page).check()
    page.wait_for_function(
        "() => document.querySelector('#results-title').textContent.trim() === '11 gode eksempler'"
    )

    assert page.locator(FILTERS).evaluate("details => details.open")
    assert reading_checkbox(page).is_visible()
    assert page.locator(FILTERS_BUTTON).inner_text().strip() == "Filtre (1)"


def test_closed_filters_stay_closed_when_a_filter_is_removed(page, live_server, examples):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + LIST + "?category=laesefremme")
    wait_for_htmx(page)

    page.get_by_role("link", name=re.compile(r"Læsefremme.*fjern")).click()
    page.wait_for_function(
        "() => document.querySelector('#results-title').textContent.trim() === '23 gode eksempler'"
    )

    assert not page.locator(FILTERS).evaluate("details => details.open")
    assert page.locator(FILTERS_BUTTON).inner_text().strip() == "Filtre"


# The examples list on a desktop


def test_on_a_desktop_the_filters_are_a_sidebar_without_a_button(page, live_server, examples):
    page.goto(live_server.url + LIST)
    wait_for_htmx(page)

    assert page.locator(FILTERS).evaluate("details => details.open")
    assert not page.locator(FILTERS_BUTTON).is_visible()
    assert reading_checkbox(page).is_visible()


def test_on_a_desktop_the_filters_show_without_javascript(page_without_js, live_server, examples):
    page_without_js.goto(live_server.url + LIST)

    assert not page_without_js.locator(FILTERS_BUTTON).is_visible()
    assert reading_checkbox(page_without_js).is_visible()


def test_widening_the_window_opens_the_filters(page, live_server, examples):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + LIST)
    wait_for_htmx(page)

    page.set_viewport_size(DESKTOP)

    page.wait_for_function("sel => document.querySelector(sel).open", arg=FILTERS)
    assert reading_checkbox(page).is_visible()


# Target size (WCAG 2.2, 2.5.8)


def open_list(page, live_server, examples, user):
    page.goto(live_server.url + LIST)


def open_list_with_filters_open(page, live_server, examples, user):
    page.goto(live_server.url + LIST + "?category=laesefremme&page=1")
    wait_for_htmx(page)
    if page.locator(FILTERS_BUTTON).is_visible():
        page.locator(FILTERS_BUTTON).click()


def open_second_page(page, live_server, examples, user):
    page.goto(live_server.url + LIST + "?page=2")


def open_home(page, live_server, examples, user):
    page.goto(live_server.url + reverse("home"))


def open_detail(page, live_server, examples, user):
    page.goto(live_server.url + examples["first"].get_absolute_url())


def open_my_examples(page, live_server, examples, user):
    InitiativeFactory(title="Min kladde", category=examples["reading"], submitted_by=user)
    InitiativeFactory(
        title="Mit udgivne eksempel",
        category=examples["reading"],
        submitted_by=user,
        published=True,
    )
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("initiatives:mine"))


TARGET_PAGES = {
    "list": open_list,
    "list-filters-open": open_list_with_filters_open,
    "list-page-2": open_second_page,
    "home": open_home,
    "detail": open_detail,
    "my-examples": open_my_examples,
}


@pytest.mark.parametrize("width", ["390", "1280"])
@pytest.mark.parametrize("name", TARGET_PAGES)
def test_every_target_in_the_main_content_is_big_or_far_enough_apart(
    page, live_server, examples, verified_user, name, width
):
    page.set_viewport_size(PHONE if width == "390" else DESKTOP)
    TARGET_PAGES[name](page, live_server, examples, verified_user)
    page.wait_for_load_state("load")

    assert page.evaluate(TARGET_SIZE) == []


def test_the_target_size_check_finds_small_targets_side_by_side(page, live_server, examples):
    page.goto(live_server.url + reverse("home"))
    # Two 10 px links side by side (styled through the DOM: the CSP forbids style attributes).
    page.evaluate(
        """() => {
            const line = document.createElement("p");
            for (const text of ["A", "B"]) {
                const link = document.createElement("a");
                link.href = "#" + text;
                link.textContent = text;
                Object.assign(link.style, {display: "inline-block", fontSize: "10px", lineHeight: "1"});
                line.append(link, " ");
            }
            document.querySelector("main").prepend(line);
        }"""
    )

    problems = page.evaluate(TARGET_SIZE)

    assert len(problems) == 2
    assert problems[0].startswith('<a> "A" is ')
