"""`manage.py create_curator`: make a curator, or a superuser, who logs in by e-mail."""

import getpass
import os

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

CURATORS = "Redaktører"  # made by initiatives/migrations/0002_curators_group.py
# The name of the variable that holds the password, not a password.
PASSWORD_VARIABLE = "CURATOR_PASSWORD"  # nosec B105


def make_curator(*, email, password=None, superuser=False):
    """Create or promote the user with this e-mail address; return the user and what changed.

    A new user gets a unique username derived from the address. The address is
    marked verified and primary, since allauth lets nobody in before that. A
    password is set only when given; without one a new user cannot log in.
    """
    User = get_user_model()
    group = Group.objects.get(name=CURATORS)
    user = User.objects.filter(email__iexact=email).first()
    changes = []
    if user is None:
        username = get_adapter().generate_unique_username([email, "user"])
        user = User(email=email, username=username)
        user.set_unusable_password()
        changes.append("created")
    if password is not None:
        user.set_password(password)
        changes.append("password set")
    for flag in ["is_staff", "is_superuser"] if superuser else ["is_staff"]:
        if not getattr(user, flag):
            setattr(user, flag, True)
            changes.append(flag.removeprefix("is_"))
    if changes:
        user.save()
    if not superuser and not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        changes.append(f"member of {CURATORS}")
    if _verify_email(user):
        changes.append("e-mail verified")
    return user, changes


def _verify_email(user):
    """Make the user's address their verified primary one; return whether anything changed."""
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is not None and address.verified and address.primary:
        return False
    if address is None:
        address = EmailAddress(user=user, email=user.email)
    EmailAddress.objects.filter(user=user, primary=True).exclude(email__iexact=user.email).update(
        primary=False
    )
    address.verified = address.primary = True
    address.save()
    return True


class Command(BaseCommand):
    help = (
        "Make a curator: a staff user in the Redaktører group who logs in with an e-mail "
        "address, verified already. Creates the user if the address is new and promotes "
        "an existing one (leaving the password alone unless one is given). Safe to run "
        f"again. The password is asked for, or read from --password or ${PASSWORD_VARIABLE}."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "email", nargs="?", help="The address the curator logs in with; asked for if left out."
        )
        parser.add_argument(
            "--password",
            help=(
                "Set this password instead of asking (other users of the machine may see it; "
                f"scripts had better set ${PASSWORD_VARIABLE}). Not checked by the validators."
            ),
        )
        parser.add_argument(
            "--superuser",
            action="store_true",
            help="Make a superuser, who may do everything, instead of a curator.",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Never prompt: fail if the address, or a new user's password, is missing.",
        )

    def handle(self, *args, email=None, password=None, superuser=False, interactive=True, **opts):
        email = self._email(email, interactive)
        if password is None:
            password = os.environ.get(PASSWORD_VARIABLE) or None
        exists = get_user_model().objects.filter(email__iexact=email).exists()
        if password is None and not exists:
            if not interactive:
                raise CommandError(
                    f"A new user needs a password: pass --password or set ${PASSWORD_VARIABLE}."
                )
            password = self._ask_password(email)
        try:
            with transaction.atomic():
                user, changes = make_curator(email=email, password=password, superuser=superuser)
        except Group.DoesNotExist as exc:
            raise CommandError(f"No {CURATORS} group. Run `manage.py migrate` first.") from exc
        self._report(user, changes, "superuser" if superuser else "curator")

    def _email(self, email, interactive):
        if not email and interactive:
            email = input("E-mail address: ")
        email = (email or "").strip().lower()  # allauth keeps addresses in lower case
        if not email:
            raise CommandError("Give the e-mail address the curator logs in with.")
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"{email!r} is not an e-mail address.") from exc
        return email

    def _ask_password(self, email):
        user = get_user_model()(email=email)
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords differ; try again.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as exc:
                self.stderr.write("\n".join(exc.messages))
                continue
            return password

    def _report(self, user, changes, role):
        if "created" in changes:
            message = f"Created {role} {user.email} (username {user.username})."
        elif changes:
            message = f"Made {user.email} a {role}: {', '.join(changes)}."
        else:
            message = f"{user.email} is a {role} already; nothing changed."
        self.stdout.write(self.style.SUCCESS(message))
        if not user.is_active:
            self.stdout.write(self.style.WARNING(f"{user.email} is inactive and cannot log in."))
