"""Typed work on the submission form is never lost without asking (issue #12).

Switching language loads the page in the other language; portal.js carries the typed values across in
sessionStorage. Any other way off a changed form asks first (beforeunload), and
saving the form itself does not.
"""

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from tests.browser.test_accessibility import log_in
from tests.factories import CategoryFactory

pytestmark = pytest.mark.browser

TITLE = "Lektiecafé med frivillige"
SUMMARY = "Frivillige hjælper børn og unge med lektierne på biblioteket to gange om ugen."


@pytest.fixture
def contributor_page(page, live_server, verified_user):
    CategoryFactory(name="Lektiehjælp")
    log_in(page, live_server, verified_user)
    page.goto(live_server.url + reverse("initiatives:submit"))
    # portal.js is deferred; its listeners must be in place before typing.
    page.wait_for_function("() => document.readyState === 'complete'")
    return page


@pytest.fixture
def dialogs(contributor_page):
    """Every dialog the page opens, by type; each beforeunload is answered "stay"."""
    seen = []

    def answer(dialog):
        seen.append(dialog.type)
        dialog.dismiss()

    contributor_page.on("dialog", answer)
    return seen


def type_example(page):
    # Real key presses: Chromium only asks before leaving a page the user has used.
    page.locator("#id_title").click()
    page.keyboard.type(TITLE)
    page.locator("#id_summary").click()
    page.keyboard.type(SUMMARY)


def test_typed_text_survives_switching_language(contributor_page, dialogs):
    page = contributor_page
    type_example(page)
    page.locator("#id_category").select_option(label="Lektiehjælp")

    page.get_by_role("link", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    page.wait_for_function("() => document.readyState === 'complete'")

    assert dialogs == [], "switching language asked before leaving"
    assert page.url.endswith("/en" + reverse("initiatives:submit"))
    assert page.locator("#id_title").input_value() == TITLE
    assert page.locator("#id_summary").input_value() == SUMMARY
    assert page.locator("#id_category option:checked").inner_text() == "Lektiehjælp"
    # The token is the server's, never one carried over.
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    assert token


def test_restored_text_still_counts_as_unsaved(contributor_page, dialogs):
    page = contributor_page
    type_example(page)
    page.get_by_role("link", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    page.wait_for_function("() => document.readyState === 'complete'")

    page.get_by_role("link", name="About Gode eksempler").click()
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith("/en" + reverse("initiatives:submit"))


def test_leaving_a_changed_form_by_a_link_asks_first(contributor_page, dialogs):
    page = contributor_page
    type_example(page)

    page.get_by_role("link", name="Om Gode eksempler").click()
    page.wait_for_timeout(300)

    assert dialogs == ["beforeunload"]
    # "Stay" keeps the form and what was typed.
    assert page.url.endswith(reverse("initiatives:submit"))
    assert page.locator("#id_title").input_value() == TITLE


def test_leaving_an_untouched_form_does_not_ask(contributor_page, dialogs):
    page = contributor_page
    with page.expect_navigation():
        page.get_by_role("link", name="Om Gode eksempler").click()
    assert dialogs == []


def test_saving_does_not_ask_and_leaving_after_saving_does_not_either(contributor_page, dialogs):
    page = contributor_page
    type_example(page)
    page.locator("#id_category").select_option(label="Lektiehjælp")

    with page.expect_navigation():
        page.get_by_role("button", name="Gem som kladde").click()
    assert Initiative.objects.get().title == TITLE
    with page.expect_navigation():
        page.get_by_role("link", name="Om Gode eksempler").click()

    assert dialogs == []


def test_a_form_returned_with_errors_counts_as_unsaved(contributor_page, dialogs):
    page = contributor_page
    page.locator("#id_title").click()
    page.keyboard.type(TITLE)
    # No category: the server sends the form back with the title, unsaved.
    with page.expect_navigation():
        page.get_by_role("button", name="Send til gennemsyn").click()
    assert page.locator("#error-summary").is_visible()
    assert not Initiative.objects.exists()

    page.get_by_role("link", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    page.wait_for_function("() => document.readyState === 'complete'")
    assert dialogs == []
    assert page.locator("#id_title").input_value() == TITLE

    page.get_by_role("link", name="About Gode eksempler").click()
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
