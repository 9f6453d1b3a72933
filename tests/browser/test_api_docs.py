"""The API's documentation (Swagger UI) and browsable pages work under the portal's CSP."""

import pytest
from django.urls import reverse

from tests.browser.test_csp import violations as violations  # the same CSP listener
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.browser

# GET on the lists and details of examples, organisations, partnerships and
# adoptions, the lists of categories, target groups and municipalities, and the root.
OPERATIONS = 12


@pytest.fixture
def example(db):
    return InitiativeFactory(published=True, title="Biblioteket Kommer")


def test_the_docs_show_every_operation_without_breaking_the_policy(page, live_server, violations):
    response = page.goto(live_server.url + reverse("api:docs"))

    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".opblock").nth(OPERATIONS - 1).wait_for()
    assert page.locator(".opblock").count() == OPERATIONS
    assert page.locator(".opblock-summary-path", has_text="/api/v1/examples/").count() >= 1
    assert violations == []


def test_an_operation_can_be_tried_in_the_docs(page, live_server, example, violations):
    page.goto(live_server.url + reverse("api:docs") + "#/examples/examples_list")
    operation = page.locator("#operations-examples-examples_list")
    operation.locator(".opblock-summary").first.wait_for()
    if not operation.locator(".try-out__btn").is_visible():
        operation.locator(".opblock-summary").first.click()

    operation.locator(".try-out__btn").click()
    operation.locator(".execute").click()

    operation.locator(".responses-wrapper .live-responses-table").wait_for()
    assert "Biblioteket Kommer" in operation.locator(".responses-wrapper").inner_text()
    assert violations == []


def test_the_browsable_list_breaks_no_rule_of_the_policy(page, live_server, example, violations):
    response = page.goto(live_server.url + reverse("api:example-list"))
    page.wait_for_load_state("load")

    assert response.headers["content-type"].startswith("text/html")
    assert "Biblioteket Kommer" in page.content()
    assert violations == []
