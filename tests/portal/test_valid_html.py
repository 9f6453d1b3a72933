"""The main pages are valid HTML by the Nu HTML Checker (vnu), in Danish and in English.

The pages are rendered with the demo content and checked in one run of the
checker, since starting Java takes longer than checking a page. `make test`
installs vnu.jar with npm (package.json); without Java or npm this test is
skipped, unless REQUIRE_VNU is set (as in CI), where it fails instead.
"""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase

from adoptions.models import Adoption
from alerts.models import FollowedSearch
from initiatives.models import Initiative
from tests.factories import AdoptionFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR") or ROOT / "node_modules/vnu-jar/build/dist/vnu.jar")

# {page: (address, expected status)}, with {example}, {organisation},
# {partnership} and {category} filled in from the demo content.
PAGES = {
    "home": ("/", 200),
    "examples": ("/eksempler/", 200),
    "examples, searched": ("/eksempler/?q=l%C3%A6sning", 200),
    # No example passes all four, so the page suggests which one to drop.
    "examples, filtered and searched": (
        "/eksempler/?q=l%C3%A6sning&category={category}&format=digital&known=effekt%3AC",
        200,
    ),
    "example": ("/eksempler/{example}/", 200),
    "organisations": ("/organisationer/", 200),
    "organisation": ("/organisationer/{organisation}/", 200),
    "partnerships": ("/partnerskaber/", 200),
    "partnership": ("/partnerskaber/{partnership}/", 200),
    "where the examples run": ("/udbredelse/", 200),
    "sign-up": ("/konto/signup/", 200),
    "login": ("/konto/login/", 200),
    "submission form": ("/eksempler/indsend/", 200),
    "submission form with errors": ("POST /eksempler/indsend/", 200),
    "about": ("/om/", 200),
    "accessibility": ("/tilgaengelighed/", 200),
    "privacy": ("/privatliv/", 200),
    "contact": ("/kontakt/", 200),
    "evidence": ("/evidens/", 200),
    "open data": ("/data/", 200),
    "follow a search": ("/soegninger/foelg/?q=l%C3%A6sning&format=digital", 200),
    "my searches": ("/konto/soegninger/", 200),
    "adoption form": ("/eksempler/{example}/vi-har-ogsaa-gjort-det/", 200),
    "adoption form with errors": ("POST /eksempler/{example}/vi-har-ogsaa-gjort-det/", 200),
    "adoption form in English": ("/en/eksempler/{example}/vi-har-ogsaa-gjort-det/", 200),
    "my adoptions": ("/konto/genbrug/", 200),
    "not found": ("/findes-ikke/", 404),
    "home in English": ("/en/", 200),
    "examples in English": ("/en/eksempler/", 200),
    "example in English": ("/en/eksempler/{example}/", 200),
    "where the examples run in English": ("/en/udbredelse/", 200),
    "submission form in English": ("/en/eksempler/indsend/", 200),
    "sign-up in English": ("/en/konto/signup/", 200),
}
SIGNED_IN = {
    "submission form",
    "submission form with errors",
    "submission form in English",
    "follow a search",
    "my searches",
    "adoption form",
    "adoption form with errors",
    "adoption form in English",
    "my adoptions",
}


def _demo_addresses():
    """What fills in PAGES' addresses: a searchable example and what it belongs to."""
    example = (
        Initiative.objects.published()
        .filter(partnership__isnull=False)
        .select_related("category", "lead_organisation", "partnership")
        .order_by("slug")
        .first()
    )
    return {
        "example": example.slug,
        "category": example.category.slug,
        "organisation": example.lead_organisation.slug,
        "partnership": example.partnership.slug,
    }


# Text the writing help warns about, so that its warnings, their summary and
# the LIX are checked too in the forms sent back with errors.
WARNED = {
    "summary": "Pigen Lise har cpr 010203-1234.",
    "description": "Biblioteket samarbejder med frivillige organisationer.",
    "adaptation": "Ring på 23 45 67 89.",
}


def _render(page, address, signed_in):
    """The page at `address` ("POST /…" sends an empty form): (status, HTML)."""
    method, _, path = address.rpartition(" ")
    client = signed_in if page in SIGNED_IN else Client()
    if method == "POST":
        response = client.post(path, {"action": "submit", "title": "", **WARNED})
    else:
        response = client.get(path)
    return response.status_code, response.content.decode()


def _run_vnu(folder):
    """The checker's messages for every page in `folder`, from one Java process."""
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always"]
    pages = sorted(str(path) for path in folder.glob("*.html"))
    result = subprocess.run(
        [*command, *pages], capture_output=True, text=True, timeout=180, check=True
    )
    return json.loads(result.stdout)["messages"]


def _checker_or_skip():
    missing = []
    if shutil.which("java") is None:
        missing.append("Java")
    if not VNU_JAR.is_file():
        missing.append(f"{VNU_JAR} (`make test` installs it with npm)")
    if not missing:
        return
    reason = "the HTML checker needs " + " and ".join(missing)
    if os.environ.get("REQUIRE_VNU", "0") != "0":
        pytest.fail(f"REQUIRE_VNU is set, but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def checked(django_db_setup, django_db_blocker, tmp_path_factory):
    """{page: (status, [vnu's messages])}, for every page in PAGES.

    The demo content is loaded once for the module and rolled back after it;
    loading it builds the search documents on commit, so the callbacks are run.
    """
    _checker_or_skip()
    folder = tmp_path_factory.mktemp("valid-html")
    files, statuses = {}, {}
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("loaddemo", stdout=io.StringIO())
        demo = _demo_addresses()
        user = UserFactory()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        FollowedSearch.objects.create(user=user, query="category=lektiehjaelp&q=lektier")
        # My adoptions with one sent back: its note and its edit link.
        AdoptionFactory(
            initiative=Initiative.objects.get(slug=demo["example"]),
            submitted_by=user,
            state=Adoption.State.CHANGES_REQUESTED,
            published_at=None,
            moderation_note="Skriv lidt mere om, hvad I ændrede.",
        )
        signed_in = Client()
        signed_in.force_login(user)
        for number, (page, (address, _status)) in enumerate(PAGES.items()):
            statuses[page], html = _render(page, address.format(**demo), signed_in)
            files[page] = folder / f"page-{number:02}.html"
            files[page].write_text(html, encoding="utf-8")
        cache.clear()
        transaction.set_rollback(True)
    # Each message names its file by a file: URL ("file:/tmp/…/page-00.html").
    by_name = {path.name: page for page, path in files.items()}
    found = {page: [] for page in PAGES}
    for message in _run_vnu(folder):
        name = message.get("url", "").rpartition("/")[2]
        if name not in by_name:
            pytest.fail(f"The HTML checker failed: {message}", pytrace=False)
        found[by_name[name]].append(message)
    return {page: (statuses[page], found[page]) for page in PAGES}


def _line(page, message):
    return f"{page}: {message.get('lastLine', '?')}: {message['message']}"


@pytest.mark.parametrize("page", PAGES)
def test_the_page_is_valid_html(checked, page):
    status, messages = checked[page]
    assert status == PAGES[page][1]
    # Warnings and notes are shown with -rA or on a failure, but do not fail.
    for message in messages:
        if message["type"] != "error":
            print(_line(page, message))
    errors = [_line(page, m) for m in messages if m["type"] == "error"]
    assert not errors, "\n".join(["The HTML checker found errors:", *errors])
