"""Accounts through django-allauth: sign-up with e-mail, verification, the portal's layout."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Lektiecafe-2020!"


def sign_up(client, email="mette@roskilde.example"):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_sends_a_verification_e_mail(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert User.objects.get().email == "mette@roskilde.example"
    (message,) = mail.outbox
    assert message.to == ["mette@roskilde.example"]
    assert "/konto/confirm-email/" in link_in(message)


def test_the_link_in_the_e_mail_verifies_the_address(client):
    sign_up(client)
    url = link_in(mail.outbox[0])
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="mette@roskilde.example").verified


def test_an_unverified_user_cannot_submit_yet(client):
    sign_up(client)
    user = User.objects.get()
    client.force_login(user)
    response = client.get(reverse("initiatives:submit"))
    assert response.status_code == 200
    assert "initiatives/initiative_form.html" not in [t.name for t in response.templates]
    assert "account/verified_email_required.html" in [t.name for t in response.templates]


def test_a_verified_user_reaches_the_submission_form(client, verified_user):
    client.force_login(verified_user)
    response = client.get(reverse("initiatives:submit"))
    assert "initiatives/initiative_form.html" in [t.name for t in response.templates]


def test_log_in_with_e_mail_and_password(client, verified_user):
    response = client.post(
        reverse("account_login"),
        {"login": verified_user.email, "password": "hemmeligt-kodeord-42"},
    )
    assert response.status_code == 302
    assert client.get(reverse("initiatives:mine")).status_code == 200


def test_a_wrong_password_is_refused_with_a_message(client, verified_user):
    response = client.post(
        reverse("account_login"), {"login": verified_user.email, "password": "forkert"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_password_reset_sends_a_link(client, verified_user):
    client.post(reverse("account_reset_password"), {"email": verified_user.email})
    assert "/konto/password/reset/key/" in link_in(mail.outbox[0])


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_account_pages_use_the_portals_layout_in_danish(client, name):
    response = client.get(reverse(name))
    assert '<html lang="da">' in response.text
    assert 'class="site-header"' in response.text


def test_account_pages_for_signed_in_users_use_the_layout(client, verified_user):
    client.force_login(verified_user)
    for name in ["account_email", "account_change_password", "accounts:profile"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert 'class="site-header"' in response.text


def test_the_profile_records_an_organisation(client, verified_user):
    organisation = OrganisationFactory(name="Roskilde Bibliotekerne")
    client.force_login(verified_user)
    response = client.post(
        reverse("accounts:profile"),
        {"first_name": "Mette", "last_name": "Hansen", "organisation": organisation.pk},
    )
    assert response.status_code == 302
    verified_user.refresh_from_db()
    assert verified_user.organisation == organisation


def test_the_profile_offers_only_confirmed_organisations(client, verified_user):
    OrganisationFactory(name="Ubekræftet forening", confirmed=False)
    client.force_login(verified_user)
    assert "Ubekræftet forening" not in client.get(reverse("accounts:profile")).text


def test_sign_in_is_rate_limited(client, verified_user):
    statuses = [
        client.post(
            reverse("account_login"), {"login": verified_user.email, "password": "forkert"}
        ).status_code
        for _ in range(40)
    ]
    assert 429 in statuses


def test_the_welcome_message_names_the_e_mail_not_a_generated_username(client, verified_user):
    verified_user.username = "anne.bibliotekar"
    verified_user.save()
    response = client.post(
        reverse("account_login"),
        {"login": verified_user.email, "password": "hemmeligt-kodeord-42"},
        follow=True,
    )
    text = response.content.decode()
    assert f"Du er logget ind som {verified_user.email}." in text
    assert "anne.bibliotekar" not in text
