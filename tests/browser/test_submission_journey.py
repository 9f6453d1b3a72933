"""The whole way a new contributor goes, in a real browser (issue: "submission journey").

Sign up, verify the e-mail address from the link in the e-mail, share an example
(with one mistake first), see it wait in "Mine eksempler"; a curator publishes it
in the admin; an anonymous visitor finds it on the public list.

Three people, three browser contexts: no cookies are shared between them.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from initiatives.models import Initiative
from tests.browser.conftest import _new_page
from tests.factories import (
    CategoryFactory,
    OrganisationFactory,
    TargetGroupFactory,
    UserFactory,
    current_code,
    with_second_factor,
)

pytestmark = pytest.mark.browser

EMAIL = "mette.hansen@roskilde.example"
PASSWORD = "Lektiecafe-2020!"
CURATOR_PASSWORD = "redaktoer-kodeord-77"
TITLE = "Lektiecafé med frivillige"
SUMMARY = "Frivillige hjælper børn og unge med lektierne på biblioteket to gange om ugen."
DESCRIPTION = "Vi finder frivillige, aftaler faste tider og inviterer via skolerne."
CONTACT = "lektiecafe@roskilde.example"
NOT_AN_ADDRESS = "ikke-en-adresse"


@pytest.fixture
def taxonomy(live_server):
    """What the form offers to choose from; municipalities and groups come from migrations."""
    return {
        "category": CategoryFactory(name="Lektiehjælp"),
        "target_group": TargetGroupFactory(name="Udsatte børn og unge"),
        "organisation": OrganisationFactory(name="Roskilde Bibliotekerne"),
    }


@pytest.fixture
def curator_user(live_server):
    """A curator who logs in to the admin with a password and a verified address."""
    user = UserFactory(
        username="redaktoer",
        email="redaktoer@gode-eksempler.example",
        password=CURATOR_PASSWORD,
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name="Redaktører"))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.totp_secret = with_second_factor(user)
    return user


@pytest.fixture
def other_page(browser, live_server):
    """`other_page()` opens a page in a new context: another person at another computer."""
    opened = []

    def open_page():
        context, page = _new_page(browser)
        opened.append((context, page))
        return page

    yield open_page
    errors = [error for _, page in opened for error in page.js_errors]
    for context, _ in opened:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def submit_and_wait(page, button_name):
    """Press a submit button and wait for the page the server answers with."""
    with page.expect_navigation():
        page.get_by_role("button", name=button_name, exact=True).click()


def test_a_new_contributor_signs_up_submits_and_gets_published(
    page, other_page, live_server, taxonomy, curator_user, mailoutbox, screenshot
):
    url = live_server.url
    # Bootstrap scrolls smoothly unless motion is reduced; jumps to #anchors should land at once.
    page.emulate_media(reduced_motion="reduce")
    header = page.get_by_role("banner")

    # 1. Sign up from the header.
    page.goto(url + "/")
    header.get_by_role("link", name="Opret konto", exact=True).click()
    page.wait_for_url(url + reverse("account_signup"))
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    screenshot(page, "journey-01-signup")
    submit_and_wait(page, "Opret konto")
    screenshot(page, "journey-02-verification-sent")
    assert page.url == url + reverse("account_email_verification_sent")
    assert EMAIL in page.get_by_role("main").inner_text()

    # 2. The verification link from the e-mail.
    (verification,) = [m for m in mailoutbox if m.to == [EMAIL]]
    link = re.search(r"https?://\S+", verification.body).group(0)
    # allauth builds the link from the request's host, so it leads to the live server.
    assert link.startswith(url + "/konto/confirm-email/")
    page.goto(link)
    assert EMAIL in page.get_by_role("main").inner_text()
    screenshot(page, "journey-03-confirm")
    submit_and_wait(page, "Bekræft")
    # Confirming in the browser that signed up also signs the contributor in.
    page.wait_for_url(url + "/")
    assert f"Du har bekræftet {EMAIL}" in page.locator(".messages").inner_text()
    assert EmailAddress.objects.get(email=EMAIL).verified

    # 3. Go to the form from the header.
    assert header.get_by_role("link", name="Log ud").is_visible()
    header.get_by_role("link", name="Del et eksempel", exact=True).click()
    page.wait_for_url(url + reverse("initiatives:submit"))
    assert page.get_by_role("heading", level=1).inner_text() == "Del et godt eksempel"

    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(SUMMARY)
    page.locator("#id_description").fill(DESCRIPTION)
    page.locator("#id_category").select_option(label="Lektiehjælp")
    page.locator("#id_format").select_option(label="Fysisk")
    page.locator("#id_status").select_option(label="I gang")
    page.get_by_role("checkbox", name="Udsatte børn og unge", exact=True).check()
    # 98 municipalities in five regions: the filter box narrows them as you type.
    municipalities = page.locator(".municipality-list .form-check")
    page.locator("#municipality-search").fill("roskil")
    assert municipalities.filter(visible=True).all_inner_texts() == ["Roskilde"]
    page.get_by_role("checkbox", name="Roskilde", exact=True).check()
    page.locator("#id_lead_organisation").select_option(label="Roskilde Bibliotekerne")
    page.locator("#id_how_to_start").fill("Find to frivillige og et lokale.")
    page.get_by_role("radio", name="Ingen ekstra udgift").check()
    # How much is known: the third option is C (described in outline), the fourth D.
    levels = {"target_group": 2, "method": 2, "implementation": 2, "effect": 3, "economy": 2}
    for dimension, option in levels.items():
        page.locator(f"#id_known_{dimension}_{option}").check()
    page.locator("#id_contact_email").fill(NOT_AN_ADDRESS)
    submit_and_wait(page, "Send til gennemsyn")

    # The form comes back with the mistake, and focus on the summary of problems.
    summary = page.locator("#error-summary")
    page.wait_for_function("() => document.activeElement.id === 'error-summary'")
    assert summary.get_by_role("heading").inner_text() == "Der er 1 ting, du skal rette"
    summary_link = summary.get_by_role("link")
    assert summary_link.inner_text() == "Kontaktpersonens e-mail: Indtast en gyldig e-mail-adresse."
    assert summary_link.get_attribute("href") == "#id_contact_email"
    contact = page.locator("#id_contact_email")
    assert "is-invalid" in contact.get_attribute("class").split()
    assert contact.input_value() == NOT_AN_ADDRESS
    field_error = page.locator("#error_1_id_contact_email")
    assert field_error.inner_text() == "Indtast en gyldig e-mail-adresse."
    # Everything else typed or chosen is still there.
    assert page.locator("#id_title").input_value() == TITLE
    assert page.locator("#id_summary").input_value() == SUMMARY
    assert page.locator("#id_description").input_value() == DESCRIPTION
    assert page.locator("#id_category option:checked").inner_text() == "Lektiehjælp"
    assert page.get_by_role("checkbox", name="Udsatte børn og unge", exact=True).is_checked()
    assert page.get_by_role("checkbox", name="Roskilde", exact=True).is_checked()
    lead = page.locator("#id_lead_organisation option:checked")
    assert lead.inner_text() == "Roskilde Bibliotekerne"
    assert not Initiative.objects.exists(), "an invalid form was saved"
    screenshot(page, "journey-04-form-errors")

    # 4. Fix the address from the summary's link, and send again.
    summary_link.click()
    assert page.evaluate("document.activeElement.id") == "id_contact_email"
    expect(contact).to_be_in_viewport()
    contact.fill(CONTACT)
    submit_and_wait(page, "Send til gennemsyn")
    page.wait_for_url(url + reverse("initiatives:mine"))
    assert page.locator(".messages").inner_text() == (
        f"“{TITLE}” er sendt til gennemsyn. Du får en e-mail, når en redaktør har læst det."
    )
    card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=TITLE))
    assert card.locator(".state").inner_text() == "Sendt til gennemsyn"
    screenshot(page, "journey-05-my-examples")
    example = Initiative.objects.get()
    assert example.state == Initiative.State.SUBMITTED
    assert example.submitted_by.email == EMAIL
    assert example.contact_email == CONTACT
    assert [m.name for m in example.municipalities.all()] == ["Roskilde"]
    # The curators hear that something waits for them.
    assert [m.to for m in mailoutbox if TITLE in m.body] == [[curator_user.email]]

    # 5. A curator publishes it from the admin, at another computer.
    admin = other_page()
    admin.goto(url + reverse("admin:index"))
    # The admin signs in through the portal's login, with the code from the app.
    admin.wait_for_url(re.compile(re.escape(url + reverse("account_login"))))
    admin.locator("#id_login").fill(curator_user.email)
    admin.locator("#id_password").fill(CURATOR_PASSWORD)
    submit_and_wait(admin, "Log ind")
    admin.wait_for_url(re.compile(re.escape(url + reverse("mfa_authenticate"))))
    admin.locator("input[name=code]").fill(current_code(curator_user.totp_secret))
    with admin.expect_navigation():
        admin.locator("form:has(input[name=code]) button[type=submit]").first.click()
    admin.goto(url + reverse("admin:initiatives_initiative_changelist"))
    assert admin.locator(".review-queue a").inner_text().strip() == "1 eksempel venter på gennemsyn"
    screenshot(admin, "journey-06-admin-review-queue")
    admin.locator(".review-queue a").click()
    admin.wait_for_url(re.compile(r"\?state__exact=submitted$"))
    admin.locator("#result_list").get_by_role("link", name=TITLE, exact=True).click()
    change_url = url + reverse("admin:initiatives_initiative_change", args=[example.pk])
    # The admin keeps the list's filter in the query string (_changelist_filters).
    admin.wait_for_url(re.compile(re.escape(change_url) + r"(\?|$)"))
    tools = admin.locator(".moderation-steps")
    # The steps that make sense for an example waiting for review come first.
    steps = [text.strip() for text in tools.get_by_role("link").all_text_contents()]
    assert steps[:3] == ["Udgiv", "Anmod om ændringer", "Afvis"]
    tools.get_by_role("link", name="Udgiv", exact=True).click()
    admin.wait_for_url(
        url + reverse("admin:initiatives_initiative_moderate", args=[example.pk, "publish"])
    )
    assert f"{TITLE} (sendt til gennemsyn)" in admin.locator("#content li").all_inner_texts()
    screenshot(admin, "journey-07-admin-confirm-publish")
    submit_and_wait(admin, "Udgiv")
    admin.wait_for_url(change_url)
    assert admin.locator(".messagelist .success").inner_text() == "1 godt eksempel er udgivet."
    screenshot(admin, "journey-08-admin-published")
    example.refresh_from_db()
    assert example.state == Initiative.State.PUBLISHED

    # The submitter is told by e-mail.
    (published,) = [m for m in mailoutbox if m.to == [EMAIL] and m is not verification]
    assert published.subject == f"Dit eksempel er udgivet: {TITLE}"
    assert example.get_absolute_url() in published.body

    # 6. Anyone can now find it.
    visitor = other_page()
    visitor.goto(url + reverse("initiatives:list"))
    assert visitor.locator("#finder .results .card-title").all_inner_texts() == [TITLE]
    screenshot(visitor, "journey-09-public-list")
    visitor.get_by_role("link", name=TITLE, exact=True).click()
    visitor.wait_for_url(url + example.get_absolute_url())
    assert visitor.get_by_role("heading", level=1).inner_text() == TITLE
    # The contact address is for signed-in users only.
    assert CONTACT not in visitor.content()
    screenshot(visitor, "journey-10-public-detail")
