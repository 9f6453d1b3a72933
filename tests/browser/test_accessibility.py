"""axe-core in a real browser: no violations on the portal's main pages (issue: "a11y suite").

Every page is checked in both languages and at a phone and a desktop width, each
combination its own test, with axe's default rule set (WCAG 2.x A and AA plus best
practices), every impact counted. A full-page screenshot of each combination goes to
artifacts/screenshots/a11y/<page>-<lang>-<width>.png.

With UPDATE_README_SCREENSHOTS=1 the Danish home page, examples list and example page,
at both widths, are also written to docs/screenshots/, where the README shows them.
"""

import itertools
import os
import shutil
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from initiatives.models import Initiative
from partnerships.models import Membership, Organisation, Partnership
from tests.factories import (
    CategoryFactory,
    InitiativeFactory,
    LinkFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    TargetGroupFactory,
    municipality,
)

pytestmark = pytest.mark.browser

AXE = Axe()
WIDTHS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 900}}
LANGUAGES = ["da", "en"]
README_SCREENSHOTS = settings.BASE_DIR / "docs" / "screenshots"
# page name in this file -> file name in docs/screenshots/ (at 1280 px; -390 added for phones)
README_PAGES = {"home": "home.png", "examples": "examples.png", "example": "example.png"}


@pytest.fixture
def portal(live_server):
    """A small, realistic portal: two categories, a partnership, four examples.

    live_server flushes the database after each test, so this is made per test;
    it is a handful of rows, and the whole file still runs in about a minute.
    """
    outreach = CategoryFactory(name="Opsøgende tilbud")
    reading = CategoryFactory(name="Læsefremme")
    elderly = TargetGroupFactory(name="Ældre")
    children = TargetGroupFactory(name="Udsatte børn og unge")
    library = OrganisationFactory(
        name="Roskilde Bibliotekerne",
        municipality=municipality("265"),
        website="https://roskildebib.example",
        description="Hovedbiblioteket og fem lokalbiblioteker i Roskilde Kommune.",
    )
    red_cross = OrganisationFactory(name="Røde Kors Roskilde", kind=Organisation.Kind.NGO)
    partnership = PartnershipFactory(
        name="Sammen mod ensomhed i Roskilde",
        basis="Kommunens strategi mod ensomhed 2024-2027.",
        goals="Ti nye tilbud\nEn fælles frivilligpulje",
        start_date=date(2024, 1, 1),
        website="https://sammen.example",
    )
    MembershipFactory(
        partnership=partnership, organisation=library, role=Membership.Role.FACILITATOR
    )
    MembershipFactory(partnership=partnership, organisation=red_cross)
    MeetingFactory(partnership=partnership, title="Opstartsmøde", summary="Vi lagde en plan.")
    PartnershipFactory(name="Læselyst i Nordjylland", status=Partnership.Status.FORMING)

    example = InitiativeFactory(
        title="Biblioteket Kommer",
        summary="Frivillige bringer bøger hjem til ældre, der ikke selv kan komme på biblioteket.",
        description="Frivillige henter bøger på biblioteket og bringer dem hjem hver anden uge.",
        how_to_start="Find frivillige og aftal en fast rute.",
        resources="En koordinator fire timer om ugen.",
        outcomes="Færre føler sig ensomme.",
        costs="Ca. 40.000 kr. om året.",
        cost_level="10000-100000",
        staff_hours=4,
        evaluation_summary="Brugerne er glade for besøgene.",
        category=outreach,
        target_groups=[elderly],
        lead_organisation=library,
        partner_organisations=[red_cross],
        partnership=partnership,
        nationwide=True,
        uses_volunteers=True,
        evidence=Initiative.Evidence.EVALUATED,
        contact_name="Mette Hansen",
        contact_email="mette@roskildebib.example",
        featured=True,
        published=True,
    )
    LinkFactory(initiative=example)
    InitiativeFactory(
        title="Bogpakke til børnefamilier",
        summary="Udsatte familier får en pakke med bøger og en invitation til biblioteket.",
        category=reading,
        target_groups=[children],
        municipalities=[municipality("265"), municipality("101")],
        lead_organisation=library,
        partnership=partnership,
        evidence=Initiative.Evidence.DESCRIBED,
        featured=True,
        published=True,
    )
    InitiativeFactory(
        title="Digital læsekreds",
        summary="En læsekreds på video for dem, der ikke kan komme ud af huset.",
        category=reading,
        target_groups=[elderly],
        municipalities=[municipality("751")],
        lead_organisation=red_cross,
        format=Initiative.Format.DIGITAL,
        featured=True,
        published=True,
    )
    InitiativeFactory(
        title="Snak sammen",
        summary="Samtalecaféer på biblioteket for alle, der savner nogen at tale med.",
        category=outreach,
        target_groups=[elderly, children],
        municipalities=[municipality("851")],
        lead_organisation=library,
        uses_volunteers=True,
        published=True,
    )
    return {
        "category": reading,
        "example": example,
        "partnership": partnership,
        "organisation": library,
    }


def log_in(page, live_server, user):
    """Give the browser context a session cookie for `user` (no login form needed)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def open_url(path):
    def open_page(page, live_server, portal, user):
        page.goto(live_server.url + path(portal))

    return open_page


def open_submission_with_errors(page, live_server, portal, user):
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("initiatives:submit"))
    # "Send til gennemsyn" / "Send for review", found by value so both languages work.
    with page.expect_navigation():
        page.locator("button[name=action][value=submit]").click()
    page.locator("#error-summary").wait_for()


def open_submission_with_warnings(page, live_server, portal, user):
    # The writing help at its fullest: privacy warnings, the summary of them at the
    # top, and a hard description's LIX with its advice.
    draft = InitiativeFactory(
        title="Lektiecafé",
        category=portal["category"],
        submitted_by=user,
        summary="Pigen Lise på 9 år kom hver tirsdag, og hendes cpr er 010203-1234.",
        description=(
            "Biblioteket samarbejder med frivillige organisationer og kommunale "
            "institutioner om en systematisk indsats for socialt udsatte familier, "
            "hvor børnenes læseudvikling understøttes gennem ugentlige aktiviteter."
        ),
        outcomes="Skriv til lise@example.dk eller ring på 23 45 67 89.",
    )
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("initiatives:edit", kwargs={"slug": draft.slug}))


def open_my_examples(page, live_server, portal, user):
    InitiativeFactory(title="Min kladde", category=portal["category"], submitted_by=user)
    InitiativeFactory(
        title="Mit udgivne eksempel",
        category=portal["category"],
        submitted_by=user,
        published=True,
    )
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("initiatives:mine"))


def open_examples_with_filters_open(page, live_server, portal, user):
    page.goto(live_server.url + reverse("initiatives:list"))
    page.wait_for_load_state("load")
    # On a phone the filters wait behind a button (a <details>); open it to check them too.
    button = page.locator("#filters-toggle > summary")
    if button.is_visible():
        button.click()


def open_second_page_of_examples(page, live_server, portal, user):
    # Twenty to a page: these and the portal's four make two pages and a pagination bar.
    InitiativeFactory.create_batch(20, category=portal["category"], published=True)
    page.goto(live_server.url + reverse("initiatives:list") + "?page=2")


def open_signed_in(name):
    def open_page(page, live_server, portal, user):
        log_in(page, live_server, user)
        page.goto(live_server.url + reverse(name))

    return open_page


PAGES = {
    "home": open_url(lambda portal: reverse("home")),
    "examples": open_url(lambda portal: reverse("initiatives:list")),
    "examples-filtered": open_url(
        lambda portal: reverse("initiatives:list") + f"?q=bog&category={portal['category'].slug}"
    ),
    "examples-filters-open": open_examples_with_filters_open,
    "examples-page-2": open_second_page_of_examples,
    "example": open_url(lambda portal: portal["example"].get_absolute_url()),
    "partnerships": open_url(lambda portal: reverse("partnerships:list")),
    "partnership": open_url(lambda portal: portal["partnership"].get_absolute_url()),
    "organisations": open_url(lambda portal: reverse("partnerships:organisation_list")),
    "organisation": open_url(lambda portal: portal["organisation"].get_absolute_url()),
    "signup": open_url(lambda portal: reverse("account_signup")),
    "login": open_url(lambda portal: reverse("account_login")),
    "submission-errors": open_submission_with_errors,
    "submission-warnings": open_submission_with_warnings,
    "my-examples": open_my_examples,
    "accessibility": open_url(lambda portal: reverse("accessibility")),
    "privacy": open_url(lambda portal: reverse("privacy")),
    "my-data": open_signed_in("accounts:my_data"),
    "delete-account": open_signed_in("accounts:delete"),
    "open-data": open_url(lambda portal: reverse("opendata:about")),
    "my-searches": open_signed_in("alerts:mine"),
    "404": open_url(lambda portal: reverse("home") + "findes-ikke/"),
}

COMBINATIONS = list(itertools.product(PAGES, LANGUAGES, WIDTHS))


@pytest.mark.parametrize(
    ("name", "language", "width"),
    COMBINATIONS,
    ids=["-".join(combination) for combination in COMBINATIONS],
)
def test_page_has_no_axe_violations(
    page, live_server, portal, verified_user, screenshot, name, language, width
):
    page.set_viewport_size(WIDTHS[width])
    # The language is in the address: reverse() gives /en/ paths inside this block.
    with translation.override(language):
        PAGES[name](page, live_server, portal, verified_user)
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language

    path = screenshot(page, f"a11y/{name}-{language}-{width}")
    if (
        os.environ.get("UPDATE_README_SCREENSHOTS") == "1"
        and name in README_PAGES
        and language == "da"
    ):
        README_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = README_PAGES[name]
        if width != "1280":
            target = target.replace(".png", f"-{width}.png")
        shutil.copyfile(path, README_SCREENSHOTS / target)

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
