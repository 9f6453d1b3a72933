"""The Content-Security-Policy, enforced by a real browser, blocks nothing the portal needs.

Every main page, the submission form and the admin are loaded with the policy the
server sends. Chromium reports each blocked script, style, image or frame as a
`securitypolicyviolation` event and a "Refused to ..." console message; a test
fails on either, so an inline style attribute or a new third-party file shows up
here before a visitor sees a broken page.
"""

import pytest
from django.urls import reverse

from tests.browser.test_accessibility import log_in
from tests.browser.test_accessibility import portal as portal  # the same realistic portal

pytestmark = pytest.mark.browser

# Runs before any of the page's own scripts; it is not subject to the page's policy.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`
    + ` (${event.sourceFile}:${event.lineNumber}) sample=${event.sample}`);
});
"""

PUBLIC_PAGES = {
    "home": lambda portal: reverse("home"),
    "examples": lambda portal: reverse("initiatives:list"),
    "examples-filtered": lambda portal: (
        reverse("initiatives:list") + f"?q=bog&category={portal['category'].slug}"
    ),
    "example": lambda portal: portal["example"].get_absolute_url(),
    "partnerships": lambda portal: reverse("partnerships:list"),
    "partnership": lambda portal: portal["partnership"].get_absolute_url(),
    "organisations": lambda portal: reverse("partnerships:organisation_list"),
    "organisation": lambda portal: portal["organisation"].get_absolute_url(),
    "about": lambda portal: reverse("about"),
    "contact": lambda portal: reverse("contact"),
    "accessibility": lambda portal: reverse("accessibility"),
    "privacy": lambda portal: reverse("privacy"),
    "english": lambda portal: "/en" + reverse("initiatives:list"),
    "login": lambda portal: reverse("account_login"),
    "signup": lambda portal: reverse("account_signup"),
}

ADMIN_PAGES = {
    "admin-index": lambda portal: reverse("admin:index"),
    "admin-examples": lambda portal: reverse("admin:initiatives_initiative_changelist"),
    "admin-example": lambda portal: reverse(
        "admin:initiatives_initiative_change", args=[portal["example"].pk]
    ),
    "admin-example-history": lambda portal: reverse(
        "admin:initiatives_initiative_history", args=[portal["example"].pk]
    ),
}


@pytest.fixture
def violations(page):
    """Every CSP complaint the browser makes while the test runs."""
    found = []
    page.context.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if message.text.startswith(("CSP violation", "Refused to"))
            else None
        ),
    )
    return found


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    assert response.status == 200, f"{url} answered {response.status}"
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    return response


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_breaks_no_rule_of_the_policy(page, live_server, portal, violations, name):
    visit(page, live_server.url + PUBLIC_PAGES[name](portal))

    assert violations == []


def test_filtering_the_list_with_htmx_breaks_no_rule_of_the_policy(
    page, live_server, portal, violations
):
    visit(page, live_server.url + reverse("initiatives:list"))

    with page.expect_response(lambda response: "category=" in response.url):
        page.locator(f"input[name=category][value={portal['category'].slug}]").check()
    page.wait_for_load_state("networkidle")

    assert violations == []


def test_the_submission_form_breaks_no_rule_of_the_policy(
    page, live_server, portal, verified_user, violations
):
    log_in(page, live_server, verified_user)

    visit(page, live_server.url + reverse("initiatives:submit"))

    assert violations == []


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_page_breaks_no_rule_of_the_policy(
    page, live_server, portal, superuser, violations, name
):
    log_in(page, live_server, superuser)

    visit(page, live_server.url + ADMIN_PAGES[name](portal))

    assert violations == []
