"""Help while writing in a real browser (issue 18): the LIX and the privacy warnings appear
beside the field as the contributor types, without a reload; without JavaScript they
appear after saving. axe finds nothing on the adoption form with warnings (the example
form with warnings is in test_accessibility.py's pages).

Screenshots: artifacts/screenshots/writing/.
"""

import itertools

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from adoptions.models import Adoption
from portal.lib.lix import readability
from tests.browser.test_accessibility import AXE, WIDTHS, log_in
from tests.factories import AdoptionFactory, InitiativeFactory

pytestmark = pytest.mark.browser

SUMMARY = (
    "Pigen Lise på 9 år kom hver tirsdag, og hendes cpr er 010203-1234. "
    "Biblioteket samarbejder med frivillige organisationer om lektiehjælp."
)
CORRECTED = "En pige kom hver tirsdag. Vi hjalp hende med lektierne."


@pytest.fixture
def draft(live_server, verified_user):
    return InitiativeFactory(title="Lektiecafé", submitted_by=verified_user)


def open_edit_page(page, live_server, draft, user):
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("initiatives:edit", kwargs={"slug": draft.slug}))
    # Gone if the page is loaded again: the help must come without a reload.
    page.evaluate("window.sameDocument = true")


def test_typing_in_the_summary_shows_its_lix_and_a_cpr_warning_without_a_reload(
    page, live_server, draft, verified_user, screenshot
):
    open_edit_page(page, live_server, draft, verified_user)
    page.locator("#id_summary").fill(SUMMARY)

    beside = page.locator("#id_summary_writing")
    expect(beside.locator(".writing-help__warnings")).to_contain_text("010203-1234")
    expect(beside.locator(".lix")).to_contain_text(f"LIX {readability(SUMMARY).value}")
    expect(page.locator("#writing-summary a[href='#id_summary']")).to_have_count(2)
    # The live region says what changed, once, for the field being edited.
    expect(page.locator("#writing-announcer")).to_contain_text("CPR")
    assert page.evaluate("window.sameDocument") is True
    screenshot(page, "writing/summary-with-warnings")


def test_the_help_follows_the_text_as_it_is_corrected(page, live_server, draft, verified_user):
    open_edit_page(page, live_server, draft, verified_user)
    summary = page.locator("#id_summary")
    summary.fill(SUMMARY)
    expect(page.locator("#id_summary_writing .writing-help__warnings")).to_be_visible()

    summary.fill(CORRECTED)
    expect(page.locator("#id_summary_writing .writing-help__warnings")).to_have_count(0)
    expect(page.locator("#id_summary_writing .lix")).to_contain_text(
        f"LIX {readability(CORRECTED).value}"
    )
    expect(page.locator("#writing-summary")).to_be_empty()
    assert page.evaluate("window.sameDocument") is True


def test_the_summary_field_is_described_by_its_help(page, live_server, draft, verified_user):
    open_edit_page(page, live_server, draft, verified_user)
    page.locator("#id_summary").fill(SUMMARY)
    expect(page.locator("#id_summary_writing .writing-help__warnings")).to_be_visible()
    description = page.evaluate(
        """() => document.getElementById("id_summary").getAttribute("aria-describedby")
            .split(" ").map(id => document.getElementById(id).textContent).join(" ")"""
    )
    assert "010203-1234" in description


def test_without_javascript_the_warning_appears_after_saving(
    page_without_js, live_server, draft, verified_user
):
    page = page_without_js
    log_in(page, live_server, verified_user)
    page.goto(live_server.url + reverse("initiatives:edit", kwargs={"slug": draft.slug}))
    page.locator("#id_summary").fill(SUMMARY)
    with page.expect_navigation():
        page.locator("button[name=action][value=draft]").click()
    expect(page.locator("#id_summary_writing .writing-help__warnings")).to_contain_text(
        "010203-1234"
    )
    expect(page.locator("#writing-summary a[href='#id_summary']")).to_have_count(2)


def open_adoption_with_warnings(page, live_server, user):
    adoption = AdoptionFactory(
        submitted_by=user,
        state=Adoption.State.CHANGES_REQUESTED,
        published_at=None,
        moderation_note="Skriv lidt mere om, hvad I ændrede.",
        adaptation="Drengen Ahmed hjalp med at bære bøger. Ring på 23 45 67 89.",
    )
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("adoptions:edit", kwargs={"pk": adoption.pk}))


COMBINATIONS = list(itertools.product(["da", "en"], WIDTHS))


@pytest.mark.parametrize(
    ("language", "width"), COMBINATIONS, ids=["-".join(c) for c in COMBINATIONS]
)
def test_the_adoption_form_with_warnings_has_no_axe_violations(
    page, live_server, verified_user, screenshot, language, width
):
    page.set_viewport_size(WIDTHS[width])
    with translation.override(language):
        open_adoption_with_warnings(page, live_server, verified_user)
    expect(page.locator("#id_adaptation_writing .writing-help__warnings")).to_be_visible()
    screenshot(page, f"writing/adoption-warnings-{language}-{width}")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    results = AXE.run(page)
    assert not results.violations_count, results.generate_report()
