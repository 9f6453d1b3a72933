"""Spread in a real browser (issue 17): an example's "Spread" section, /udbredelse/, and
an organisation's "Our examples are reused in …", with the demo content's adoptions.

Each page in Danish and English at a phone and a desktop width: axe (WCAG 2.x A and
AA plus best practices) finds nothing, nothing makes a phone scroll sideways, every
target in the main content is big enough (WCAG 2.2, target_size.js), and the chart is
drawn whole. Full-page screenshots go to artifacts/screenshots/spread/.
"""

import itertools
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from portal.demo import load_demo

pytestmark = pytest.mark.browser

AXE = Axe()
WIDTHS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 900}}
LANGUAGES = ["da", "en"]
TARGET_SIZE = (Path(__file__).parent / "target_size.js").read_text()

# The demo's most reused example and the organisation that leads it (portal/demo.py).
PAGES = {
    "example": lambda: reverse("initiatives:detail", kwargs={"slug": "biblioteket-kommer"}),
    "where": lambda: reverse("adoptions:spread"),
    "organisation": lambda: reverse(
        "partnerships:organisation_detail", kwargs={"slug": "danmarks-biblioteksforening"}
    ),
}
# What each page must show, so that the checks look at the spread and not at less.
SHOWN = {
    "example": "#spread .adoption-story",
    "where": ".spread-chart",
    "organisation": ".organisation-spread",
}
COMBINATIONS = list(itertools.product(PAGES, LANGUAGES, WIDTHS))


@pytest.fixture
def demo(live_server):
    """The demo portal; live_server empties the database after each test."""
    load_demo()


def open_page(page, live_server, name, language, width):
    page.set_viewport_size(WIDTHS[width])
    # The language is in the address: reverse() gives /en/ paths inside this block.
    with translation.override(language):
        page.goto(live_server.url + PAGES[name]())
    page.wait_for_load_state("load")


@pytest.mark.parametrize(
    ("name", "language", "width"),
    COMBINATIONS,
    ids=[f"{name}-{language}-{width}" for name, language, width in COMBINATIONS],
)
def test_the_spread_pages_have_no_axe_violations_and_fit_a_phone(
    page, live_server, demo, screenshot, name, language, width
):
    open_page(page, live_server, name, language, width)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(SHOWN[name]).first.is_visible()
    screenshot(page, f"spread/{name}-{language}-{width}")

    problems = []
    # axe cannot see reflow (WCAG 1.4.10): nothing may make a phone scroll sideways.
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(f"The page is {overflow} px wider than the screen.")
    problems += page.evaluate(TARGET_SIZE)
    results = AXE.run(page)
    if results.violations_count:
        problems.append(results.generate_report())
    assert not problems, f"{name} ({language}, {width} px):\n" + "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_chart_is_drawn_whole_and_its_bars_follow_the_table(page, live_server, demo, width):
    open_page(page, live_server, "where", "da", width)

    drawn = page.evaluate(
        """() => {
          const svg = document.querySelector('.spread-chart');
          const box = svg.getBoundingClientRect();
          const outside = [...svg.querySelectorAll('text')].filter(text => {
            const r = text.getBoundingClientRect();
            return r.left < box.left || r.right > box.right + 0.5
              || r.top < box.top || r.bottom > box.bottom + 0.5;
          }).map(text => text.textContent);
          const values = [...svg.querySelectorAll('.spread-chart__value')]
            .map(text => Number(text.textContent));
          const table = [...document.querySelectorAll('.spread-overview .spread-table tbody td')]
            .map(cell => parseInt(cell.textContent, 10));
          return {outside, values, table, height: box.height};
        }"""
    )

    assert drawn["outside"] == []
    assert drawn["values"] == drawn["table"]
    assert sum(drawn["values"]) > 0  # the demo's adoptions put examples on the map
    assert drawn["height"] > 150


def test_the_spread_link_in_the_header_leads_to_the_section(page, live_server, demo):
    open_page(page, live_server, "example", "da", 390)

    page.locator(".example-facts a[href='#spread']").click()

    assert page.evaluate("location.hash") == "#spread"
    # Bootstrap scrolls smoothly: wait until the section's heading has come into view.
    page.wait_for_function(
        "() => { const top = document.getElementById('spread-title').getBoundingClientRect().top;"
        " return top >= 0 && top < window.innerHeight; }"
    )
