"""Following a search in a real browser: axe finds nothing on the follow page, "My
searches" or the unsubscribe page, in Danish and English, on a phone and a desktop.

A full-page screenshot of each goes to artifacts/screenshots/alerts/.
"""

import itertools

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from alerts.models import FollowedSearch
from tests.browser.test_accessibility import log_in
from tests.factories import CategoryFactory, InitiativeFactory

pytestmark = pytest.mark.browser

AXE = Axe()
WIDTHS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 900}}
LANGUAGES = ["da", "en"]


@pytest.fixture
def homework(live_server):
    category = CategoryFactory(name="Lektiehjælp og læring")
    InitiativeFactory(title="Lektiecafé på biblioteket", category=category, published=True)
    return category


def open_follow(page, live_server, user, category):
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("alerts:follow") + f"?q=lektier&category={category.slug}")


def open_my_searches(page, live_server, user, category):
    FollowedSearch.objects.create(user=user, query=f"q=lektier&category={category.slug}")
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("alerts:mine"))


def open_unsubscribe(page, live_server, user, category):
    search = FollowedSearch.objects.create(user=user, query=f"category={category.slug}")
    page.goto(live_server.url + search.unsubscribe_url())  # no login


PAGES = {"follow": open_follow, "my-searches": open_my_searches, "unsubscribe": open_unsubscribe}
COMBINATIONS = list(itertools.product(PAGES, LANGUAGES, WIDTHS))


@pytest.mark.parametrize(
    ("name", "language", "width"),
    COMBINATIONS,
    ids=["-".join(combination) for combination in COMBINATIONS],
)
def test_the_page_has_no_axe_violations(
    page, live_server, verified_user, homework, screenshot, name, language, width
):
    page.set_viewport_size(WIDTHS[width])
    # The language is in the address: reverse() gives /en/ paths inside this block.
    with translation.override(language):
        PAGES[name](page, live_server, verified_user, homework)
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language
    screenshot(page, f"alerts/{name}-{language}-{width}")

    problems = []
    if width == "390":
        # axe cannot see reflow (WCAG 1.4.10): nothing may make a phone scroll sideways.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"The page is {overflow} px wider than the screen.")
    results = AXE.run(page)
    if results.violations_count:
        problems.append(results.generate_report())
    assert not problems, f"{name} ({language}, {width} px):\n" + "\n".join(problems)


def test_following_from_the_page_and_stopping_from_the_e_mail_link(
    page, live_server, verified_user, homework
):
    open_follow(page, live_server, verified_user, homework)
    page.locator("input[name=frequency][value=daily]").check()
    page.locator("#submit-id-follow").click()
    page.wait_for_url(f"**{reverse('alerts:mine')}")
    search = FollowedSearch.objects.get()
    assert search.query == f"q=lektier&category={homework.slug}"
    assert search.frequency == FollowedSearch.Frequency.DAILY

    page.context.clear_cookies()  # the link in the e-mail works without a login
    page.goto(live_server.url + search.unsubscribe_url())
    assert FollowedSearch.objects.exists()  # opening the link stops nothing
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert not FollowedSearch.objects.exists()
