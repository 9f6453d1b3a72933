"""Personal data (issue #13, GDPR): the single list, history purges, download and deletion."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import models
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.privacy import CONTACT_FIELDS, ORGANISATION_FIELDS, PERSONAL_FIELDS
from adoptions.models import Adoption
from initiatives.models import Attachment, Initiative
from tests.factories import (
    AdoptionFactory,
    AttachmentFactory,
    InitiativeFactory,
    LinkFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "hemmeligt-kodeord-42"  # UserFactory's
State = Initiative.State


def history(example):
    return Initiative.history.model.objects.filter(id=example.pk).order_by("history_id")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


# The single list of what is personal


def project_models():
    for app_config in apps.get_app_configs():
        if ".venv" in str(app_config.path) or not str(app_config.path).startswith(
            str(settings.BASE_DIR)
        ):
            continue
        for model in app_config.get_models():
            if not model.__name__.startswith("Historical"):
                yield model


def test_the_personal_list_names_every_e_mail_field_and_link_to_a_user():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    unlisted = []
    for model in [*project_models(), EmailAddress]:
        listed = PERSONAL_FIELDS.get(model._meta.label, ())
        listed += ORGANISATION_FIELDS.get(model._meta.label, ())
        for field in model._meta.get_fields():
            personal = isinstance(field, models.EmailField) or (
                field.is_relation
                and field.concrete
                and field.related_model is user_model
                and model is not user_model
            )
            if personal and field.name not in listed:
                unlisted.append(f"{model._meta.label}.{field.name}")
    assert unlisted == [], "add these to accounts.privacy.PERSONAL_FIELDS"


def test_the_contact_fields_are_on_the_personal_list():
    assert set(CONTACT_FIELDS) <= set(PERSONAL_FIELDS["initiatives.Initiative"])


# Change history


def test_a_changed_contact_person_disappears_from_older_history_records():
    example = InitiativeFactory(contact_name="Mette Hansen", contact_email="mette@bib.example")
    example.contact_name, example.contact_email = "Ole Jensen", "ole@bib.example"
    example.save()
    names = list(history(example).values_list("contact_name", "contact_email"))
    assert names == [("", ""), ("Ole Jensen", "ole@bib.example")]


def test_changing_only_the_e_mail_keeps_the_name_in_history():
    example = InitiativeFactory(contact_name="Mette Hansen", contact_email="mette@bib.example")
    example.contact_email = "mh@bib.example"
    example.save()
    names = list(history(example).values_list("contact_name", "contact_email"))
    assert names == [("Mette Hansen", ""), ("Mette Hansen", "mh@bib.example")]


def test_other_changes_keep_the_contact_person_in_history():
    example = InitiativeFactory(contact_name="Mette Hansen", contact_email="mette@bib.example")
    example.title = "Ny titel"
    example.save()
    assert set(history(example).values_list("contact_name", flat=True)) == {"Mette Hansen"}


def test_the_purge_touches_only_that_example():
    mine = InitiativeFactory(contact_name="Mette Hansen")
    other = InitiativeFactory(contact_name="Mette Hansen")
    mine.contact_name = "Ole Jensen"
    mine.save()
    assert list(history(other).values_list("contact_name", flat=True)) == ["Mette Hansen"]


# Download


def test_the_download_needs_a_login(client):
    response = client.get(reverse("accounts:download_data"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_download_is_a_private_json_file(verified_user):
    response = signed_in(verified_user).get(reverse("accounts:download_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_the_download_holds_the_account_its_addresses_and_its_examples(verified_user):
    verified_user.first_name, verified_user.last_name = "Karen", "Blixen"
    verified_user.save()
    EmailAddress.objects.create(user=verified_user, email="karen@privat.example")
    InitiativeFactory(
        submitted_by=verified_user,
        title="Min læseklub",
        contact_name="Karen Blixen",
        contact_email="karen@bib.example",
    )
    data = json.loads(signed_in(verified_user).get(reverse("accounts:download_data")).content)
    assert data["account"]["email"] == verified_user.email
    assert data["account"]["last_name"] == "Blixen"
    assert data["account"]["date_joined"]
    assert {a["email"] for a in data["email_addresses"]} == {
        verified_user.email,
        "karen@privat.example",
    }
    (example,) = data["examples"]
    assert example["title"] == "Min læseklub"
    assert example["contact_email"] == "karen@bib.example"
    assert example["state"] == State.DRAFT
    assert example["created_at"]


def test_the_download_holds_nothing_of_other_users(verified_user):
    other = UserFactory(first_name="Anden", last_name="Person")
    EmailAddress.objects.create(user=other, email=other.email)
    InitiativeFactory(
        submitted_by=other,
        title="Andens eksempel",
        contact_name="Anden Kontakt",
        contact_email="anden@bib.example",
        published=True,
    )
    text = signed_in(verified_user).get(reverse("accounts:download_data")).text
    for value in [other.email, "Anden", "Andens eksempel", "anden@bib.example"]:
        assert value not in text


# The "Your data" page


def test_your_data_is_in_the_account_menu(verified_user):
    text = signed_in(verified_user).get(reverse("accounts:profile")).text
    assert f'href="{reverse("accounts:my_data")}"' in text


def test_your_data_links_the_download_and_the_deletion(verified_user):
    text = signed_in(verified_user).get(reverse("accounts:my_data")).text
    assert f'href="{reverse("accounts:download_data")}"' in text
    assert f'href="{reverse("accounts:delete")}"' in text


# Deleting an account


def delete(client, **data):
    return client.post(reverse("accounts:delete"), data or {"password": PASSWORD})


def test_deleting_needs_a_login(client):
    response = client.get(reverse("accounts:delete"))
    assert response.status_code == 302


def test_a_wrong_password_deletes_nothing(verified_user):
    response = delete(signed_in(verified_user), password="forkert")
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert User.objects.filter(pk=verified_user.pk).exists()


def test_deleting_needs_the_csrf_token(verified_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(verified_user)
    assert delete(client).status_code == 403
    assert User.objects.filter(pk=verified_user.pk).exists()


def test_a_user_without_a_password_confirms_with_their_e_mail(verified_user):
    verified_user.set_unusable_password()
    verified_user.save()
    client = signed_in(verified_user)
    assert delete(client, email="en@anden.example").status_code == 200
    response = delete(client, email=verified_user.email.upper())
    assert response.status_code == 302
    assert not User.objects.filter(pk=verified_user.pk).exists()


def test_deleting_logs_out_with_a_message(verified_user):
    client = signed_in(verified_user)
    response = delete(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert "_auth_user_id" not in client.session
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    assert not User.objects.filter(pk=verified_user.pk).exists()
    assert not EmailAddress.objects.filter(email=verified_user.email).exists()


def test_published_examples_stay_without_contact_details_or_submitter(verified_user):
    example = InitiativeFactory(
        submitted_by=verified_user,
        contact_name="Karen Blixen",
        contact_email="karen@bib.example",
        published=True,
    )
    delete(signed_in(verified_user))
    example.refresh_from_db()
    assert example.state == State.PUBLISHED
    assert (example.contact_name, example.contact_email, example.submitted_by) == ("", "", None)


@pytest.mark.parametrize(
    "state", [s for s in State.values if s != State.PUBLISHED and s != State.SUBMITTED]
)
def test_unpublished_examples_are_deleted(verified_user, state):
    example = InitiativeFactory(submitted_by=verified_user, state=state)
    LinkFactory(initiative=example)
    delete(signed_in(verified_user))
    assert not Initiative.objects.filter(pk=example.pk).exists()
    assert not history(example).exists()


def test_an_example_waiting_for_review_is_deleted(verified_user):
    example = InitiativeFactory(submitted_by=verified_user, submitted=True)
    delete(signed_in(verified_user))
    assert not Initiative.objects.filter(pk=example.pk).exists()


def test_the_files_of_deleted_examples_are_removed(
    verified_user, django_capture_on_commit_callbacks
):
    attachment = AttachmentFactory(initiative=InitiativeFactory(submitted_by=verified_user))
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        delete(signed_in(verified_user))
    assert not storage.exists(name)
    assert not Attachment.objects.exists()


def test_other_users_examples_are_untouched(verified_user):
    theirs = InitiativeFactory(contact_name="Ole Jensen", contact_email="ole@bib.example")
    delete(signed_in(verified_user))
    theirs.refresh_from_db()
    assert theirs.contact_name == "Ole Jensen"
    assert history(theirs).get().contact_email == "ole@bib.example"


def test_deleting_purges_the_history_of_the_users_examples(verified_user):
    example = InitiativeFactory(
        submitted_by=verified_user,
        contact_name="Karen Blixen",
        contact_email="karen@bib.example",
        published=True,
    )
    example.title = "Ny titel"
    example._history_user = verified_user
    example.save()
    delete(signed_in(verified_user))
    records = history(example)
    assert records.count() == 2
    for record in records:
        assert (record.contact_name, record.contact_email) == ("", "")
        assert record.submitted_by_id is None
        assert record.history_user_id is None


def test_deleting_a_curator_clears_them_from_the_history_they_left(curator):
    example = InitiativeFactory(submitted=True)
    example.publish(by=curator)
    curator.set_password(PASSWORD)
    curator.save()
    delete(signed_in(curator))
    example.refresh_from_db()
    assert example.reviewed_by is None
    assert not history(example).filter(reviewed_by_id=curator.pk).exists()


def test_a_deleted_submitter_is_shown_as_deleted_to_curators(verified_user, superuser):
    example = InitiativeFactory(submitted_by=verified_user, submitted=True)
    example.publish(by=superuser)
    delete(signed_in(verified_user))
    url = reverse("admin:initiatives_initiative_change", args=[example.pk])
    text = signed_in(superuser).get(url).text
    assert "Slettet bruger" in text or "Deleted user" in text


# Adoptions ("Vi har også gjort det") are the sender's personal data as examples are


def test_the_download_holds_the_adoptions_the_user_recorded(verified_user):
    AdoptionFactory(submitted_by=verified_user, adaptation="Med frivillige")
    AdoptionFactory()  # someone else's

    data = json.loads(signed_in(verified_user).get(reverse("accounts:download_data")).content)

    assert len(data["adoptions"]) == 1
    assert data["adoptions"][0]["place"] == "Skive"
    assert data["adoptions"][0]["state"] == "published"


def test_a_published_adoption_stays_without_its_sender(verified_user):
    adoption = AdoptionFactory(submitted_by=verified_user)

    delete(signed_in(verified_user))

    adoption.refresh_from_db()
    assert adoption.state == "published"
    assert adoption.submitted_by is None
    assert not adoption.history.filter(submitted_by_id=verified_user.pk).exists()


def test_an_unpublished_adoption_is_deleted_with_its_history(verified_user):
    adoption = AdoptionFactory(submitted_by=verified_user, submitted=True)

    delete(signed_in(verified_user))

    assert not Adoption.objects.filter(pk=adoption.pk).exists()
    assert not Adoption.history.model.objects.filter(id=adoption.pk).exists()
