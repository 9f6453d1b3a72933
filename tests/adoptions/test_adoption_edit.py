"""Changing an adoption the curators sent back, and sending it again."""

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from adoptions.models import Adoption
from tests.factories import AdoptionFactory, UserFactory, municipality

pytestmark = pytest.mark.django_db

State = Adoption.State


@pytest.fixture
def sent_back(verified_user, curator):
    adoption = AdoptionFactory(submitted=True, submitted_by=verified_user)
    adoption.moderate("request_changes", by=curator, note="Skriv lidt mere om de frivillige.")
    return adoption


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def edit_url(adoption):
    return reverse("adoptions:edit", kwargs={"pk": adoption.pk})


def form_data(adoption, **overrides):
    data = {
        "organisation": adoption.organisation_id,
        "municipality": municipality("779").pk,
        "started_month": "9",
        "started_year": "2025",
        "adaptation": "Nu med frivillige fra både læseklubben og ældresagen.",
        "attachment_licence": "cc-by-4.0",
    }
    data.update(overrides)
    return data


def test_the_submitter_sees_the_curators_note_above_the_form(client, verified_user, sent_back):
    client.force_login(verified_user)
    response = client.get(edit_url(sent_back))
    assert response.status_code == 200
    assert "Skriv lidt mere om de frivillige." in response.text
    assert response.context["form"]["adaptation"].value() == sent_back.adaptation


def test_the_submitter_sends_the_changed_adoption_again(client, verified_user, sent_back):
    client.force_login(verified_user)
    response = client.post(edit_url(sent_back), form_data(sent_back))
    assert response.status_code == 302
    assert response["Location"] == reverse("adoptions:mine")
    sent_back.refresh_from_db()
    assert sent_back.state == State.SUBMITTED
    assert sent_back.adaptation.startswith("Nu med frivillige")


def test_an_unconfirmed_organisation_the_adoption_names_stays_a_choice(
    client, verified_user, sent_back
):
    sent_back.organisation.confirmed = False
    sent_back.organisation.save()
    client.force_login(verified_user)
    client.post(edit_url(sent_back), form_data(sent_back))
    sent_back.refresh_from_db()
    assert sent_back.state == State.SUBMITTED


@pytest.mark.parametrize("state", ["submitted", "published", "rejected"])
def test_an_adoption_not_sent_back_cannot_be_edited(client, verified_user, state):
    adoption = AdoptionFactory(submitted_by=verified_user, state=state)
    client.force_login(verified_user)
    assert client.get(edit_url(adoption)).status_code == 403


def test_another_user_does_not_find_someone_elses_adoption(client, sent_back):
    client.force_login(verified(UserFactory()))
    assert client.get(edit_url(sent_back)).status_code == 404
    assert client.post(edit_url(sent_back), form_data(sent_back)).status_code == 404


def test_another_user_may_not_edit_a_published_adoption(client):
    client.force_login(verified(UserFactory()))
    assert client.get(edit_url(AdoptionFactory())).status_code == 403


def test_a_curator_may_not_edit_it_here(client, curator, sent_back):
    client.force_login(verified(curator))
    assert client.get(edit_url(sent_back)).status_code in {403, 404}


def test_an_anonymous_visitor_is_sent_to_log_in(client, sent_back):
    response = client.get(edit_url(sent_back))
    assert response["Location"].startswith(reverse("account_login"))


def test_a_second_send_of_the_same_form_says_it_is_already_sent(client, verified_user, sent_back):
    client.force_login(verified_user)
    client.post(edit_url(sent_back), form_data(sent_back))
    response = client.post(edit_url(sent_back), form_data(sent_back))
    assert response.status_code == 302
    assert response["Location"] == reverse("adoptions:mine")


@pytest.fixture
def with_file(sent_back):
    sent_back.attachment = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    sent_back.attachment_title = "Plakat"
    sent_back.save()
    return sent_back


def test_an_edit_without_a_new_file_keeps_the_current_one(client, verified_user, with_file):
    client.force_login(verified_user)
    stored = with_file.attachment.name
    client.post(edit_url(with_file), form_data(with_file, attachment_title="Plakat"))
    with_file.refresh_from_db()
    assert with_file.state == Adoption.State.SUBMITTED
    assert (with_file.attachment.name, with_file.attachment_title) == (stored, "Plakat")


def test_the_attachment_can_be_removed(client, verified_user, with_file):
    sent_back = with_file
    client.force_login(verified_user)
    page = client.get(edit_url(sent_back))
    assert reverse("adoptions:attachment", kwargs={"pk": sent_back.pk}) in page.text
    # The title field still holds the file's title, as the browser sends it back.
    client.post(
        edit_url(sent_back),
        form_data(sent_back, remove_attachment="on", attachment_title="Plakat"),
    )
    sent_back.refresh_from_db()
    assert sent_back.state == Adoption.State.SUBMITTED
    assert not sent_back.attachment
    assert sent_back.attachment_title == ""
