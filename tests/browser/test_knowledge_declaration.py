"""The knowledge declaration on every demo example: no axe violations, at either width.

Each of the sixteen demo examples (portal/demo.py) is opened in Danish and
English at a phone and a desktop width, 64 pages in one browser page, and axe
(WCAG 2.x A and AA plus best practices) must find nothing on any of them; an
example whose levels are not set yet is checked too. The second test saves the
declaration of one example at both widths to artifacts/screenshots/knowledge/,
to look at.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation

from initiatives.models import Initiative
from portal.demo import EXAMPLES, load_demo
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

AXE = Axe()
WIDTHS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 900}}
LANGUAGES = ["da", "en"]
SCREENSHOT_EXAMPLE = "biblioteket-kommer"


@pytest.fixture
def demo(live_server):
    """The demo portal; live_server empties the database after each test."""
    load_demo()
    return list(Initiative.objects.published().filter(slug__in=[e["slug"] for e in EXAMPLES]))


def open_example(page, live_server, example, language, width):
    page.set_viewport_size(WIDTHS[width])
    # The language is in the address: /en/ paths inside this block.
    with translation.override(language):
        page.goto(live_server.url + example.get_absolute_url())
    page.wait_for_load_state("load")


def test_every_demo_example_page_has_no_axe_violations(page, live_server, demo):
    assert len(demo) == len(EXAMPLES) == 16
    problems = []
    for example in demo:
        for language in LANGUAGES:
            for width in WIDTHS:
                open_example(page, live_server, example, language, width)
                where = f"{example.slug} ({language}, {width} px)"
                assert page.locator("html").get_attribute("lang") == language
                assert page.locator("#knowledge-title").is_visible(), where
                # portal.js gives the table the roles a phone's layout of it may lose.
                row = page.locator(".knowledge__table tbody tr").first
                assert row.get_attribute("role") == "row", where
                if width == 390:
                    # axe cannot see reflow (WCAG 1.4.10): the chart and the table must fit.
                    overflow = page.evaluate(
                        "document.documentElement.scrollWidth"
                        " - document.documentElement.clientWidth"
                    )
                    if overflow > 0:
                        problems.append(f"{where}: {overflow} px wider than the screen.")
                results = AXE.run(page)
                if results.violations_count:
                    problems.append(f"{where}:\n{results.generate_report()}")
    assert not problems, "\n".join(problems)


def test_the_declaration_is_photographed_at_both_widths(page, live_server, demo):
    example = next(e for e in demo if e.slug == SCREENSHOT_EXAMPLE)
    folder = SCREENSHOTS / "knowledge"
    folder.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        for width in WIDTHS:
            open_example(page, live_server, example, language, width)
            section = page.locator("section.knowledge")
            path = folder / f"{example.slug}-{language}-{width}.png"
            section.screenshot(path=str(path))
            # Nothing of the chart is cut off: every label lies inside the SVG's box.
            outside = page.evaluate(
                """() => {
                  const svg = document.querySelector('.knowledge-chart');
                  if (!svg) return [];
                  const box = svg.getBoundingClientRect();
                  return [...svg.querySelectorAll('text')].filter(text => {
                    const r = text.getBoundingClientRect();
                    return r.left < box.left || r.right > box.right
                      || r.top < box.top || r.bottom > box.bottom;
                  }).map(text => text.textContent);
                }"""
            )
            assert not outside, f"{language}, {width} px: labels cut off: {outside}"
