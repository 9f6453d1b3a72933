"""The curators' admin as a browser draws it on a laptop (issue #15).

The examples list fits 1 280 pixels without sideways scrolling, and an
example's moderation steps look like the admin's primary button.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_accessibility import log_in
from tests.factories import CategoryFactory, InitiativeFactory, OrganisationFactory

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 800}
# The columns a curator works the queue by.
QUEUE_COLUMNS = ["state", "sent", "published", "featured"]


@pytest.fixture
def long_names():
    """Examples whose title, category and organisation are as long as real ones get."""
    category = CategoryFactory(name="Formidling og arrangementer for børn og unge")
    library = OrganisationFactory(name="Københavns Biblioteker – Hovedbiblioteket i Krystalgade")
    title = "Lektiecafé med frivillige studerende for skolebørn i udsatte boligområder"
    for n in range(4):
        InitiativeFactory(
            title=f"{title} {n}",
            category=category,
            lead_organisation=library,
            submitted=n % 2 == 0,
            published=n % 2 == 1,
        )


def open_changelist(page, live_server, curator):
    log_in(page, live_server, curator)
    page.set_viewport_size(LAPTOP)
    page.goto(live_server.url + reverse("admin:initiatives_initiative_changelist"))


def test_the_examples_list_needs_no_sideways_scrolling_at_1280(
    page, live_server, curator, long_names, screenshot
):
    open_changelist(page, live_server, curator)
    screenshot(page, "admin/changelist-1280")

    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    results = page.locator(".results")
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth")


@pytest.mark.parametrize("column", QUEUE_COLUMNS)
def test_the_queue_columns_are_in_view_at_1280(page, live_server, curator, long_names, column):
    open_changelist(page, live_server, curator)

    heading = page.locator(f"#result_list th.column-{column}").bounding_box()
    filters = page.locator("#changelist-filter").bounding_box()

    assert heading["width"] > 0
    assert heading["x"] + heading["width"] <= filters["x"]


def test_the_moderation_steps_look_like_the_save_button(page, live_server, curator, screenshot):
    example = InitiativeFactory(submitted=True)
    log_in(page, live_server, curator)
    page.set_viewport_size(LAPTOP)
    page.goto(live_server.url + reverse("admin:initiatives_initiative_change", args=[example.pk]))
    screenshot(page, "admin/moderation-steps")

    look = "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
    save = page.locator("input[name=_save]").evaluate(look)
    steps = page.get_by_role("navigation", name="Moderering").get_by_role("link")
    assert steps.all_inner_texts() == ["UDGIV", "ANMOD OM ÆNDRINGER", "AFVIS"]
    assert [step.evaluate(look) for step in steps.all()] == [save] * 3


def test_a_moderation_step_opens_its_note_to_the_submitter(page, live_server, curator, screenshot):
    example = InitiativeFactory(submitted=True)
    log_in(page, live_server, curator)
    page.set_viewport_size(LAPTOP)
    page.goto(live_server.url + reverse("admin:initiatives_initiative_change", args=[example.pk]))

    page.get_by_role("link", name="Anmod om ændringer").click()
    screenshot(page, "admin/moderation-note")

    expect(page.get_by_label("Besked til indsenderen")).to_be_visible()
    expect(page.get_by_role("button", name="Anmod om ændringer")).to_be_visible()


def test_the_admin_home_shows_the_review_queue(page, live_server, curator, screenshot):
    InitiativeFactory(submitted=True)
    InitiativeFactory(published=True)
    log_in(page, live_server, curator)
    page.set_viewport_size(LAPTOP)
    page.goto(live_server.url + reverse("admin:index"))
    screenshot(page, "admin/home")

    page.get_by_role("link", name="1 eksempel venter på gennemsyn").click()

    expect(page.locator("#result_list tbody tr")).to_have_count(1)
