"""portal.css as rendered: heading sizes, and what its tidy-up must keep (issue #12).

"Nødvendige ressourcer" (h3) under "Implementering" (h2) was drawn larger than
its heading, because portal.css shrank h2 below Bootstrap's h3.
"""

import pytest
from django.urls import reverse

from tests.browser.test_accessibility import log_in
from tests.factories import InitiativeFactory, MeetingFactory, MembershipFactory, PartnershipFactory

pytestmark = pytest.mark.browser

# Each h3 with the h2 that comes before it in the document, in computed pixels.
PAIRS = """() => {
  const size = el => parseFloat(getComputedStyle(el).fontSize);
  const pairs = [];
  let h2 = null;
  for (const heading of document.querySelectorAll("h2, h3")) {
    if (heading.tagName === "H2") { h2 = heading; continue; }
    if (h2) pairs.push([h2.textContent.trim(), size(h2), heading.textContent.trim(), size(heading)]);
  }
  return pairs;
}"""


@pytest.fixture
def example(live_server):
    partnership = PartnershipFactory(name="Partnerskab om ensomhed")
    MembershipFactory(partnership=partnership)
    MeetingFactory(partnership=partnership, title="Opstartsmøde")
    example = InitiativeFactory(
        title="Snak sammen",
        how_to_start="Find to frivillige og et lokale.",
        resources="Kaffe og et rum.",
        outcomes="Færre ensomme.",
        partnership=partnership,
        published=True,
    )
    InitiativeFactory(title="Strikkecafé", category=example.category, published=True)
    return example


@pytest.mark.parametrize(
    "path",
    [
        lambda e: e.get_absolute_url(),
        lambda e: reverse("initiatives:list"),
        lambda e: reverse("home"),
        lambda e: e.partnership.get_absolute_url(),
    ],
    ids=["detail", "list", "home", "partnership"],
)
def test_every_h3_is_visibly_smaller_than_its_h2(page, live_server, example, path):
    page.goto(live_server.url + path(example))
    pairs = page.evaluate(PAIRS)
    assert pairs, "the page has no h3 under an h2"
    too_big = [pair for pair in pairs if not pair[3] <= pair[1] * 0.9]
    assert too_big == []


def test_resources_needed_is_smaller_than_implementation(page, live_server, example):
    page.goto(live_server.url + example.get_absolute_url())
    h2 = page.get_by_role("heading", level=2, name="Implementering", exact=False)
    h3 = page.get_by_role("heading", level=3, name="Nødvendige ressourcer")
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    assert h3.evaluate(size) < h2.evaluate(size)


def test_the_honeypot_stays_out_of_sight(page, live_server, verified_user):
    log_in(page, live_server, verified_user)
    page.goto(live_server.url + reverse("initiatives:submit"))
    box = page.locator(".honeypot").bounding_box()
    assert box["x"] + box["width"] <= 0
    assert box["width"] <= 1 and box["height"] <= 1


def test_the_account_links_sit_at_the_right_of_the_navigation(page, live_server):
    page.goto(live_server.url + reverse("home"))
    nav = page.locator(".site-nav").bounding_box()
    account = page.locator(".account-nav").bounding_box()
    assert account["x"] > nav["x"] + nav["width"] / 2
