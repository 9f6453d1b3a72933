"""Contact details are for signed-in users only: never on a page an anonymous visitor gets (#13).

Every URL without parameters that the URLconf knows is requested, so a page, export,
feed or sitemap added later is covered without being listed here; the pages about
one example, partnership or organisation are added by hand.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from tests.factories import InitiativeFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

NAME = "Mette Kontaktsen"
EMAIL = "mette.kontakt@roskildebib.example"


def parameterless_paths(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if "<" in route or "(" in route or route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            yield from parameterless_paths(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield "/" + route.lstrip("^").rstrip("$")


@pytest.fixture
def example():
    submitter = UserFactory(first_name="Indsender", last_name="Personsen")
    example = InitiativeFactory(
        title="Bogcafé for ældre",
        contact_name=NAME,
        contact_email=EMAIL,
        submitted_by=submitter,
        published=True,
        featured=True,
    )
    MembershipFactory(organisation=example.lead_organisation)
    return example


def anonymous_pages(example):
    paths = set()
    for language in ("da", "en"):  # English pages may live under /en/
        with translation.override(language):
            paths |= set(parameterless_paths(get_resolver().url_patterns))
    paths |= {
        example.get_absolute_url(),
        example.lead_organisation.get_absolute_url(),
        example.lead_organisation.memberships.get().partnership.get_absolute_url(),
        reverse("initiatives:list") + "?q=" + "Kontaktsen",
        reverse("initiatives:list") + "?q=" + "Bogcafé",
    }
    return sorted(paths)


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_an_anonymous_visitor_never_sees_contact_details(example):
    client = Client()
    seen = {}
    for path in anonymous_pages(example):
        with translation.override("da"):
            text = body(client.get(path))
        seen[path] = [value for value in (NAME, EMAIL, "Personsen") if value in text]
    assert {path: found for path, found in seen.items() if found} == {}
    assert len(seen) > 10  # the walk found the site's pages


def test_a_signed_in_user_sees_the_contact_person(example):
    client = Client()
    client.force_login(UserFactory())
    text = client.get(example.get_absolute_url()).text
    assert NAME in text and f'href="mailto:{EMAIL}"' in text
