"""The "Vi har også gjort det" form and My adoptions in a real browser: axe finds nothing, no
sideways scroll, in Danish and English, on a phone and a desktop.

Screenshots go to artifacts/screenshots/adoptions/<page>-<lang>-<width>.png.
"""

import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from adoptions.models import Adoption
from tests.browser.test_accessibility import AXE, WIDTHS, log_in
from tests.factories import AdoptionFactory, InitiativeFactory, OrganisationFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def example(live_server):
    OrganisationFactory(name="Roskilde Bibliotekerne")
    return InitiativeFactory(title="Biblioteket Kommer", published=True)


def open_form(page, live_server, example, user):
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("adoptions:add", kwargs={"slug": example.slug}))


def open_form_with_errors(page, live_server, example, user):
    open_form(page, live_server, example, user)
    with page.expect_navigation():
        page.locator("form[enctype] button[type=submit]").click()
    page.locator("#error-summary").wait_for()


def open_sent_back(page, live_server, example, user):
    adoption = AdoptionFactory(
        initiative=example,
        submitted_by=user,
        state=Adoption.State.CHANGES_REQUESTED,
        published_at=None,
        moderation_note="Skriv lidt mere om, hvad I ændrede.",
        attachment=SimpleUploadedFile("plakat.pdf", b"%PDF-1.4\n%%EOF\n"),
        attachment_title="Plakat til opslagstavlen",
    )
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("adoptions:edit", kwargs={"pk": adoption.pk}))


def open_my_adoptions(page, live_server, example, user):
    AdoptionFactory(initiative=example, submitted_by=user, submitted=True)
    AdoptionFactory(
        initiative=example,
        submitted_by=user,
        state=Adoption.State.CHANGES_REQUESTED,
        published_at=None,
        moderation_note="Skriv lidt mere om, hvad I ændrede, og hvem der hjælper.",
    )
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("adoptions:mine"))


PAGES = {
    "form": open_form,
    "form-errors": open_form_with_errors,
    "sent-back": open_sent_back,
    "my-adoptions": open_my_adoptions,
}
COMBINATIONS = list(itertools.product(PAGES, ["da", "en"], WIDTHS))


@pytest.mark.parametrize(
    ("name", "language", "width"),
    COMBINATIONS,
    ids=["-".join(combination) for combination in COMBINATIONS],
)
def test_the_page_has_no_axe_violations_and_no_sideways_scroll(
    page, live_server, example, verified_user, screenshot, name, language, width
):
    page.set_viewport_size(WIDTHS[width])
    with translation.override(language):
        PAGES[name](page, live_server, example, verified_user)
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language
    screenshot(page, f"adoptions/{name}-{language}-{width}")

    problems = []
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(f"The page is {overflow} px wider than the screen.")
    results = AXE.run(page)
    if results.violations_count:
        problems.append(results.generate_report())
    assert not problems, f"{name} ({language}, {width} px):\n" + "\n".join(problems)


def test_after_a_failed_send_the_focus_is_on_the_error_summary(
    page, live_server, example, verified_user
):
    open_form_with_errors(page, live_server, example, verified_user)
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.locator("#error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_organisation"
