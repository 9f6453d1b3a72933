"""The portal with the keyboard only: skip link, navigation, filters, results, back.

Every interaction step uses page.keyboard; the test only reads the page (focus,
URL, counts) between the key presses. Going back uses page.go_back(), because
headless Chromium leaves Alt+Left (a browser-window shortcut) unhandled.
"""

import re

import pytest
from django.urls import reverse

from tests.browser.test_accessibility import log_in
from tests.factories import CategoryFactory, InitiativeFactory, TargetGroupFactory

pytestmark = pytest.mark.browser

COUNT = "#results-title"
# More than enough for any page here; a focus trap would hit it and fail.
MAX_TABS = 60


@pytest.fixture
def examples(live_server):
    """Four published examples, two of them in "Opsøgende tilbud"."""
    outreach = CategoryFactory(name="Opsøgende tilbud", slug="opsoegende")
    reading = CategoryFactory(name="Læsefremme", slug="laesefremme")
    elderly = TargetGroupFactory(name="Ældre", slug="aeldre")
    made = {}
    for title, category in [
        ("Biblioteket Kommer", outreach),
        ("Snak sammen", outreach),
        ("Digital læsekreds", reading),
        ("Strikkecafé", reading),
    ]:
        made[title] = InitiativeFactory(
            title=title, category=category, target_groups=[elderly], nationwide=True, published=True
        )
    return made


def active(page, script):
    """Evaluate `script` (an arrow function) on document.activeElement."""
    return page.evaluate(f"({script})(document.activeElement)")


def tab_to(page, script, *, shift=False):
    """Press Tab (or Shift+Tab) until `script(document.activeElement)` is true."""
    key = "Shift+Tab" if shift else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if active(page, script):
            return
    pytest.fail(f"{MAX_TABS} × {key} never reached the element wanted by {script}")


def assert_focus_is_visible(page, what):
    """The focused element draws a focus indicator: an outline or a box shadow."""
    style = active(
        page,
        """el => {
            const s = getComputedStyle(el);
            return {outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow};
        }""",
    )
    has_outline = style["outline"] != "none" and style["width"] != "0px"
    has_shadow = style["shadow"] not in ("", "none")
    assert has_outline or has_shadow, f"{what} has no visible focus indicator: {style}"


def count_text(page):
    return page.locator(COUNT).inner_text().strip()


def test_keyboard_only_journey_from_skip_link_to_a_filtered_example_and_back(
    page, live_server, examples
):
    page.goto(live_server.url + reverse("home"))

    # The skip link is the first stop; it shows itself and its focus ring.
    tab_to(page, "el => el.classList.contains('skip-link')")
    assert page.locator(".skip-link").is_visible()
    assert page.locator(".skip-link").bounding_box()["y"] >= 0, "skip link is off screen"
    assert_focus_is_visible(page, "the skip link")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'main'")
    assert page.url.endswith("#main")

    # From the content, back up into the header to the main menu's "Gode eksempler".
    examples_url = reverse("initiatives:list")
    tab_to(page, f"el => el.matches('.site-nav a[href=\"{examples_url}\"]')", shift=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + examples_url
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")
    assert count_text(page) == "4 gode eksempler"

    # A facet checkbox: reach it, see its focus ring, tick it with Space.
    checkbox = page.get_by_role("checkbox", name=re.compile(r"^Opsøgende tilbud"))
    checkbox_id = checkbox.get_attribute("id")
    tab_to(page, f"el => el.id === '{checkbox_id}'")
    assert_focus_is_visible(page, "a facet checkbox")
    page.keyboard.press("Space")
    page.wait_for_function(
        "sel => document.querySelector(sel).textContent.trim() === '2 gode eksempler'", arg=COUNT
    )
    page.wait_for_url(re.compile(r"[?&]category=opsoegende\b"))
    filtered_url = page.url
    assert checkbox.is_checked()
    # htmx swapped the form; focus must not fall back to the top of the page.
    assert active(page, "el => el.id") == checkbox_id, "focus was lost in the htmx swap"

    # On to the first result with Tab, and open it with Enter.
    first = page.locator("#finder .results .card-title a").first
    first_href = first.get_attribute("href")
    first_title = first.inner_text()
    tab_to(page, "el => el.matches('#finder .results .card-title a')")
    assert active(page, "el => el.getAttribute('href')") == first_href, (
        "Tab skipped the first result"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + first_href
    assert page.get_by_role("heading", level=1).inner_text() == first_title

    # Back: the list comes back filtered.
    page.go_back()
    page.wait_for_url(filtered_url)
    page.wait_for_function(
        "sel => document.querySelector(sel).textContent.trim() === '2 gode eksempler'", arg=COUNT
    )
    assert page.get_by_role("checkbox", name=re.compile(r"^Opsøgende tilbud")).is_checked()
    assert set(page.locator("#finder .results .card-title").all_inner_texts()) == {
        "Biblioteket Kommer",
        "Snak sammen",
    }


def test_tabbing_through_the_submission_form_on_a_phone_keeps_focus_clear_of_the_buttons(
    page, live_server, examples, verified_user
):
    """The sticky button bar wraps to two rows at 390 px; no focused field may hide under it.

    WCAG 2.4.11 (focus not obscured). portal.js lifts a field that would sit behind
    the bar; reduced motion makes the browser scroll at once instead of smoothly, so
    the positions can be read right after each key press. Only the starting point is
    set without the keyboard.
    """
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(reduced_motion="reduce")
    log_in(page, live_server, verified_user)
    page.goto(live_server.url + reverse("initiatives:submit"))

    page.locator("#id_title").focus()
    hidden = []
    # Title to the first municipalities: fields of every kind, text to checkbox.
    for _ in range(40):
        page.keyboard.press("Tab")
        where = active(
            page,
            """el => {
                const bar = document.querySelector('.submission__actions').getBoundingClientRect();
                const box = el.getBoundingClientRect();
                return {id: el.id, inBar: !!el.closest('.submission__actions'),
                        bottom: box.bottom, barTop: bar.top};
            }""",
        )
        if not where["inBar"] and where["bottom"] > where["barTop"]:
            hidden.append(where)
    assert not hidden, f"focused fields behind the sticky buttons: {hidden}"
