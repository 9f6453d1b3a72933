"""Curators and staff log in with a second factor; the admin logs in through the portal."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.factories import UserFactory, current_code, with_second_factor

pytestmark = pytest.mark.django_db

PASSWORD = "hemmeligt-kodeord-42"


def staff_member(**kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_the_admin_login_sends_people_to_the_portals_login(client):
    response = client.get(reverse("admin:login") + "?next=/admin/initiatives/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/initiatives/"


def test_the_admin_has_no_password_form_of_its_own(client):
    staff_member()
    response = client.post(reverse("admin:login"), {"username": "x", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_signed_in_contributor_gets_403_from_the_admin_not_a_login_loop(client, contributor):
    client.force_login(contributor)
    assert client.get(reverse("admin:login")).status_code == 403


def test_staff_without_a_second_factor_must_set_one_up_before_the_admin(client):
    client.force_login(staff_member())
    response = client.get(reverse("admin:index"))
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_without_a_second_factor_may_use_the_rest_of_the_portal(client):
    client.force_login(staff_member())
    assert client.get(reverse("initiatives:list")).status_code == 200


def test_staff_log_in_with_password_and_then_the_code_from_their_app(client):
    staff = staff_member()
    secret = with_second_factor(staff)
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302  # not in yet
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_keeps_staff_out(client):
    staff = staff_member()
    with_second_factor(staff)
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302
