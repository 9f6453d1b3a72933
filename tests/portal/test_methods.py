"""Read-only pages answer GET and HEAD, and refuse every other method with 405."""

import pytest
from django.urls import reverse

from tests.factories import InitiativeFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["post", "put", "delete", "trace"])
def test_the_about_page_refuses_methods_other_than_get_and_head(client, method):
    response = client.generic(method.upper(), reverse("about"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("method", ["get", "head"])
def test_the_about_page_answers_get_and_head(client, method):
    assert getattr(client, method)(reverse("about")).status_code == 200


def read_only_urls():
    initiative = InitiativeFactory(published=True)
    return [
        reverse("home"),
        reverse("accessibility"),
        reverse("healthz"),
        reverse("initiatives:list"),
        initiative.get_absolute_url(),
        reverse("partnerships:list"),
        PartnershipFactory().get_absolute_url(),
        OrganisationFactory().get_absolute_url(),
    ]


def test_public_read_only_pages_refuse_post(client):
    urls = read_only_urls()
    assert {url: client.post(url).status_code for url in urls} == dict.fromkeys(urls, 405)


def test_my_examples_refuses_post(client, contributor):
    client.force_login(contributor)
    assert client.post(reverse("initiatives:mine")).status_code == 405
