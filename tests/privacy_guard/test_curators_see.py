"""Curators see the warnings in the review queue and on the example; anonymous visitors never do."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import AdoptionFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

CPR = "010203-1234"


def test_the_review_queue_counts_each_examples_warnings(client, curator):
    InitiativeFactory(submitted=True, description=f"Barnets cpr er {CPR}, tlf. 22 33 44 55.")
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_changelist"))
    assert '<span aria-hidden="true">⚠</span> 2 ' in response.text


def test_the_review_queue_filters_the_unchecked(client, curator):
    warned = InitiativeFactory(submitted=True, description=f"cpr {CPR}")
    InitiativeFactory(submitted=True)
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_changelist"), {"privacy": "open"})
    assert list(response.context["cl"].result_list) == [warned]


def test_the_adoptions_queue_counts_warnings_too(client, curator):
    AdoptionFactory(submitted=True, result="Ring til os på 22 33 44 55.")
    client.force_login(curator)
    response = client.get(reverse("admin:adoptions_adoption_changelist"))
    assert '<span aria-hidden="true">⚠</span> 1 ' in response.text


def test_the_change_page_lists_where_and_what(client, curator):
    example = InitiativeFactory(submitted=True, description=f"Barnets cpr er {CPR}.")
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_change", args=[example.pk]))
    assert f"<mark>{CPR}</mark>" in response.text


def test_a_curator_reading_an_unpublished_example_sees_the_warnings(client, curator):
    example = InitiativeFactory(submitted=True, description=f"Barnets cpr er {CPR}.")
    client.force_login(curator)
    response = client.get(example.get_absolute_url())
    assert response.context["privacy_report"]
    assert 'class="alert alert-warning privacy-warnings"' in response.text


def test_the_submitter_of_a_draft_does_not_get_the_curators_box(client, contributor):
    example = InitiativeFactory(submitted_by=contributor, description=f"cpr {CPR}")
    client.force_login(contributor)
    response = client.get(example.get_absolute_url())
    assert response.context["privacy_report"] is None
    assert "privacy-warnings" not in response.text


def test_an_anonymous_visitor_never_sees_a_warning(curator):
    example = InitiativeFactory(submitted=True, description=f"Ring 22 33 44 55, cpr {CPR}.")
    example.publish(by=curator, privacy_note="Prøvedata, ikke rigtige numre.")
    response = Client().get(example.get_absolute_url())
    assert response.status_code == 200
    assert response.context["privacy_report"] is None
    for secret in ["privacy-warnings", "Prøvedata", "<mark>"]:
        assert secret not in response.text


def test_the_api_and_exports_carry_no_warnings(curator):
    example = InitiativeFactory(submitted=True, description="Ring 22 33 44 55.")
    example.publish(by=curator, privacy_note="Bibliotekets nummer.")
    client = Client()
    for url in [reverse("api:example-list"), reverse("opendata:json"), reverse("opendata:csv")]:
        response = client.get(url)
        text = b"".join(response.streaming_content) if response.streaming else response.content
        text = text.decode()
        assert example.title in text
        assert "privacy" not in text
        assert "Bibliotekets nummer." not in text


def test_a_checked_example_shows_no_badge_in_the_queue(client, curator):
    example = InitiativeFactory(submitted=True, title="Bogbus", description="Ring 22 33 44 55.")
    example.publish(by=curator, privacy_note="Bibliotekets nummer.")
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_changelist"))
    assert "Bogbus" in response.text
    assert "privacy-warning" not in response.text
