"""An adoption's file: public with a published adoption of a published example, else its owner's."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import AdoptionFactory, InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def with_file(**kwargs):
    return AdoptionFactory(
        attachment=SimpleUploadedFile("plakat.pdf", PDF),
        attachment_title="Plakat: Biblioteket kommer",
        **kwargs,
    )


def download(client, adoption):
    return client.get(reverse("adoptions:attachment", kwargs={"pk": adoption.pk}))


def test_a_published_adoptions_file_downloads_for_anyone(client):
    response = download(client, with_file())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="plakat-biblioteket-kommer.pdf"' in response["Content-Disposition"]


def test_a_published_adoption_of_an_archived_example_is_not_found(client):
    adoption = with_file(initiative=InitiativeFactory(state="archived"))
    assert download(client, adoption).status_code == 404


def test_a_waiting_adoptions_file_is_not_found_by_others(client):
    adoption = with_file(submitted=True)
    assert download(client, adoption).status_code == 404
    client.force_login(UserFactory())
    assert download(client, adoption).status_code == 404


def test_a_waiting_adoptions_file_downloads_for_its_submitter_privately(client, contributor):
    adoption = with_file(submitted=True, submitted_by=contributor)
    client.force_login(contributor)
    response = download(client, adoption)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_a_waiting_adoptions_file_downloads_for_a_superuser(client, superuser):
    client.force_login(superuser)
    assert download(client, with_file(submitted=True)).status_code == 200


def test_an_adoption_without_a_file_is_not_found(client):
    assert download(client, AdoptionFactory()).status_code == 404


def test_the_download_refuses_post(client):
    adoption = with_file()
    url = reverse("adoptions:attachment", kwargs={"pk": adoption.pk})
    assert client.post(url).status_code == 405
