"""`manage.py create_curator`: a curator or superuser who logs in by e-mail, verified."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Lektiecafe-2020!"


def create_curator(*args):
    out = io.StringIO()
    call_command("create_curator", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_new_curator_logs_in_with_e_mail_and_sets_up_a_second_factor_first(client):
    create_curator("mette@roskilde.example", "--password", PASSWORD)

    response = client.post(
        reverse("account_login"), {"login": "mette@roskilde.example", "password": PASSWORD}
    )

    assert response.status_code == 302
    admin = client.get(reverse("admin:initiatives_initiative_changelist"))
    assert admin["Location"] == reverse("mfa_activate_totp")


def test_a_new_curator_is_staff_in_redaktoerer_and_not_a_superuser():
    output = create_curator("mette@roskilde.example", "--password", PASSWORD)

    user = User.objects.get(email="mette@roskilde.example")
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Redaktører"]
    assert user.has_perm("initiatives.moderate_initiative")
    assert "Created curator mette@roskilde.example" in output


def test_the_e_mail_address_is_verified_and_primary():
    create_curator("Mette@Roskilde.example", "--password", PASSWORD)

    address = EmailAddress.objects.get()
    assert (address.email, address.verified, address.primary) == (
        "mette@roskilde.example",
        True,
        True,
    )
    assert address.user.email == "mette@roskilde.example"


def test_the_username_comes_from_the_e_mail_and_is_unique():
    UserFactory(username="mette")

    create_curator("mette@roskilde.example", "--password", PASSWORD)

    username = User.objects.get(email="mette@roskilde.example").username
    assert username.startswith("mette")
    assert username != "mette"


def test_an_existing_user_is_promoted_and_keeps_the_password():
    user = UserFactory(email="karen@aarhus.example")

    output = create_curator("karen@aarhus.example")

    user.refresh_from_db()
    assert user.is_staff
    assert user.groups.filter(name="Redaktører").exists()
    assert user.check_password("hemmeligt-kodeord-42")
    assert EmailAddress.objects.get(user=user).verified
    assert "Made karen@aarhus.example a curator" in output


def test_running_twice_changes_nothing():
    create_curator("mette@roskilde.example", "--password", PASSWORD)
    user = User.objects.get()

    output = create_curator("mette@roskilde.example")

    assert User.objects.get().password == user.password
    assert EmailAddress.objects.count() == 1
    assert "is a curator already; nothing changed" in output


def test_superuser_makes_a_superuser():
    create_curator("it@roskilde.example", "--superuser", "--password", PASSWORD)

    user = User.objects.get()
    assert user.is_superuser
    assert user.is_staff


def test_the_password_may_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CURATOR_PASSWORD", PASSWORD)

    create_curator("mette@roskilde.example", "--no-input")

    assert User.objects.get().check_password(PASSWORD)


def test_the_address_and_password_are_asked_for(monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "mette@roskilde.example")
    answers = iter(["kort", "kort", PASSWORD, "noget andet", PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    create_curator()

    assert User.objects.get(email="mette@roskilde.example").check_password(PASSWORD)


def test_a_new_user_without_a_password_is_refused_without_input():
    with pytest.raises(CommandError, match="needs a password"):
        create_curator("mette@roskilde.example", "--no-input")
    assert not User.objects.exists()


def test_a_missing_group_asks_for_migrate():
    Group.objects.filter(name="Redaktører").delete()

    with pytest.raises(CommandError, match="migrate"):
        create_curator("mette@roskilde.example", "--password", PASSWORD)
    assert not User.objects.exists()
