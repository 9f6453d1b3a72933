"""The accessibility statement in Digitaliseringsstyrelsen's form, and /was (#13)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def english_text(name):
    """The page in English, whether the language is in the address or in a cookie."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # Inside the override, so that the language the request activates does not outlive it.
    with translation.override("en"):
        return client.get(reverse(name)).text


def test_the_footer_names_the_statement_tilgaengelighedserklaering(client):
    footer = client.get(reverse("home")).text.split('class="site-footer"')[1]
    assert f'<a href="{reverse("accessibility")}">Tilgængelighedserklæring</a>' in footer


@pytest.mark.parametrize(
    "heading",
    [
        "Compliance status",
        "Non-accessible content",
        "How this statement was made",
        "Feedback and contact",
        "Enforcement procedure",
    ],
)
def test_the_statement_has_the_sections_of_the_danish_template(heading):
    assert f"<h2>{heading}</h2>" in english_text("accessibility")


def test_the_statement_says_partially_compliant_with_wcag_2_1_aa():
    text = english_text("accessibility")
    assert "partially compliant" in text
    assert "EN 301 549" in text and "WCAG 2.1 level AA" in text


def test_the_statement_names_known_problems_and_how_it_was_assessed():
    text = english_text("accessibility")
    assert "Attachments (PDF and office documents)" in text
    assert "self-assessment" in text and "axe-core" in text and "keyboard" in text


def test_the_statement_gives_the_date_of_the_last_review(client):
    from portal.views import ACCESSIBILITY_REVIEWED

    text = client.get(reverse("accessibility")).text
    assert f'<time datetime="{ACCESSIBILITY_REVIEWED:%Y-%m-%d}">' in text


def test_the_statement_gives_e_mail_and_phone(client, settings):
    settings.CONTACT_EMAIL = "redaktion@example.dk"
    settings.CONTACT_PHONE = "33 12 34 56"
    text = client.get(reverse("accessibility")).text
    assert 'href="mailto:redaktion@example.dk"' in text
    assert '<a href="tel:33123456">33 12 34 56</a>' in text


def test_the_statement_says_so_when_no_contact_is_configured(settings):
    settings.CONTACT_EMAIL = settings.CONTACT_PHONE = ""
    text = english_text("accessibility")
    assert "mailto:" not in text and "tel:" not in text
    assert "have not published a contact address yet" in text
    assert "have not published a phone number yet" in text


def test_the_statement_leads_to_the_complaint_route(client):
    text = client.get(reverse("accessibility")).text
    assert 'href="https://digst.dk/digital-inklusion/webtilgaengelighed/' in text
    assert "Digitaliseringsstyrelsen" in text


def test_was_leads_to_the_published_statement(client, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = "https://www.was.digst.dk/gode-eksempler-dk"
    response = client.get("/was")
    assert response.status_code == 302
    assert response["Location"] == "https://www.was.digst.dk/gode-eksempler-dk"


def test_was_leads_to_the_statement_page_when_none_is_published(client, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = ""
    response = client.get("/was")
    assert response.status_code == 302
    assert response["Location"] == reverse("accessibility")


def test_the_page_links_the_published_statement_when_there_is_one(client, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = "https://www.was.digst.dk/gode-eksempler-dk"
    text = client.get(reverse("accessibility")).text
    assert 'href="https://www.was.digst.dk/gode-eksempler-dk"' in text
