"""The privacy guard in a browser: the curator's box on an unpublished example, the consent
question in the form, and the admin's "checked, publish anyway" page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_accessibility import log_in
from tests.factories import AttachmentFactory, InitiativeFactory, TargetGroupFactory

pytestmark = pytest.mark.browser

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def no_axe_violations(page):
    results = Axe().run(page)
    assert not results.violations_count, results.generate_report()


@pytest.fixture
def warned():
    example = InitiativeFactory(
        submitted=True,
        title="Lektiecafé for udsatte børn",
        description="Eleven Sofie (010203-1234) kom hver uge; hendes mor ringer på 22 33 44 55.",
        target_groups=[TargetGroupFactory(name="Udsatte børn og unge", vulnerable=True)],
    )
    AttachmentFactory(initiative=example, title="Billede", file=SimpleUploadedFile("a.png", PNG))
    return example


def test_a_curator_sees_the_warnings_on_the_unpublished_example(
    page, live_server, curator, warned, screenshot
):
    log_in(page, live_server, curator)
    page.goto(live_server.url + warned.get_absolute_url())

    box = page.locator(".privacy-warnings")
    expect(box).to_contain_text("010203-1234")
    expect(box).to_contain_text("22 33 44 55")
    screenshot(page, "privacy/example-curator")
    no_axe_violations(page)


def test_the_contributor_is_asked_about_consent(page, live_server, verified_user, screenshot):
    example = InitiativeFactory(
        submitted_by=verified_user,
        target_groups=[TargetGroupFactory(name="Børnefamilier", vulnerable=True)],
    )
    AttachmentFactory(initiative=example, title="Billede", file=SimpleUploadedFile("a.png", PNG))
    log_in(page, live_server, verified_user)
    page.goto(live_server.url + reverse("initiatives:edit", kwargs={"slug": example.slug}))

    question = page.locator(".photo-consent")
    expect(question).to_be_visible()
    question.screenshot(path=str(screenshot(page, "privacy/consent-question")))
    no_axe_violations(page)


def test_the_publish_page_asks_for_the_check(page, live_server, curator, warned, screenshot):
    log_in(page, live_server, curator)
    url = reverse("admin:initiatives_initiative_moderate", args=[warned.pk, "publish"])
    page.goto(live_server.url + url)

    expect(page.locator(".privacy-guard")).to_contain_text("010203-1234")
    page.get_by_label("Tjekket, udgiv alligevel").check()
    page.get_by_label("Hvad du har tjekket").fill("Prøvedata fra en workshop.")
    screenshot(page, "privacy/admin-publish-anyway")
    page.locator("input[name=apply]").click()

    expect(page.locator(".messagelist")).to_be_visible()
    warned.refresh_from_db()
    assert warned.state == "published"
    assert warned.privacy_checked_note == "Prøvedata fra en workshop."
