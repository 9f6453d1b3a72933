"""Words on the page as a reader meets them (issue #12)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from initiatives.models import Attachment
from tests.factories import AttachmentFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    with translation.override("en"):  # reverse() gives the /en/ addresses
        yield client


def test_an_attachment_licence_is_shown_without_doubled_parentheses(english):
    example = InitiativeFactory(published=True)
    AttachmentFactory(initiative=example, title="Folder", licence=Attachment.Licence.CC_BY)
    html = english.get(example.get_absolute_url()).text
    assert "((" not in html and "))" not in html
    assert "Licence: CC BY 4.0 (free to reuse with credit)" in html


def test_the_sign_up_page_is_called_create_account(client):
    html = client.get(reverse("account_signup")).text
    assert "<title>Opret konto · Gode eksempler</title>" in html
    assert re.search(r"<h1[^>]*>\s*Opret konto\s*</h1>", html)
