"""Every state-changing request needs the CSRF token: a POST without one to any URL the
portal routes, the admin and allauth's pages included, is refused with 403 and
changes nothing.

tests/test_access.py checks submit, edit, send and sign-up one by one, and
tests/accounts/test_privacy.py account deletion; here every route is walked, so an
endpoint added later without the protection fails.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from accounts.models import User
from initiatives.models import Initiative
from tests.security.test_access_matrix import GET, admin_paths, cells, path_for

pytestmark = pytest.mark.django_db


def forged(world, people):
    """A form a third-party page would post: it would change a lot if it were let through."""
    return {
        "first_name": "Hacket",
        "last_name": "Hacket",
        "title": "Hacket",
        "summary": "Hacket",
        "action": "reject_selected",
        ACTION_CHECKBOX_NAME: [world["draft"].pk, world["published"].pk],
        "apply": "1",
        "note": "Hacket",
        "password": "hemmeligt-kodeord-42",
        "oldpassword": "hemmeligt-kodeord-42",
        "password1": "nyt-kodeord-hacket-99",
        "password2": "nyt-kodeord-hacket-99",
        "email": "angriber@example.org",
        "login": people["contributor"].email,
        "code": "123456",
    }


# The one-click unsubscribe link of the digests (RFC 8058) is csrf_exempt: the mail
# provider posts it without a session, its signed token is the authorisation, and
# tests/alerts/test_unsubscribe.py shows that a forged one changes nothing.
CSRF_EXEMPT = {"alerts:unsubscribe"}


def every_path(world):
    paths = {
        path_for(key, world, example) for key, example, _row in cells(GET) if key not in CSRF_EXEMPT
    }
    return sorted(paths | set(admin_paths(world)))


def refused(path, status):
    """403 for a missing token; the read-only API reads no session and takes no POST at all."""
    return status == (405 if path.startswith("/api/") else 403)


# The token is checked before any view runs, so who posts matters only in having a
# session or not; staff reach the admin's views, contributors the portal's.
@pytest.mark.parametrize("who", ["anonymous", "contributor", "curator"])
def test_a_post_without_the_token_is_refused_everywhere_and_changes_nothing(
    client_for, people, world, who
):
    client = client_for(who, enforce_csrf_checks=True)
    data = forged(world, people)
    answers = {path: client.post(path, data).status_code for path in every_path(world)}
    assert {path: status for path, status in answers.items() if not refused(path, status)} == {}
    assert len(answers) > 100
    world["draft"].refresh_from_db()
    world["published"].refresh_from_db()
    contributor = User.objects.get(pk=people["contributor"].pk)
    assert world["draft"].state == Initiative.State.DRAFT
    assert world["published"].state == Initiative.State.PUBLISHED
    assert (contributor.first_name, contributor.email) == ("Karen", people["contributor"].email)
    assert contributor.check_password("hemmeligt-kodeord-42")
    assert User.objects.count() == len(people) - 1


@pytest.mark.parametrize(
    ("who", "name", "data"),
    [
        ("contributor", "accounts:profile", {"first_name": "Ny", "last_name": "Navn"}),
        ("contributor", "initiatives:send", {}),
        ("curator", "admin:initiatives_initiative_changelist", None),
    ],
)
def test_the_same_post_with_the_token_is_let_through(client_for, people, world, who, name, data):
    """The control: the 403s above come from the missing token, not from the request."""
    client = client_for(who, enforce_csrf_checks=True)
    kwargs = {"slug": world["draft"].slug} if name == "initiatives:send" else {}
    url = reverse(name, kwargs=kwargs)
    client.get(reverse("initiatives:submit"))  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    if data is None:
        data = {"action": "feature_selected", ACTION_CHECKBOX_NAME: [world["published"].pk]}
    response = client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
