"""Who may see and do what: anonymous, the submitter, another contributor, a curator.

Enforced in views and querysets, not by hiding links, so each cell is a request.
"""

import pytest
from django.test import Client
from django.urls import reverse

from initiatives.models import Initiative
from tests.factories import InitiativeFactory, UserFactory, complete_draft

pytestmark = pytest.mark.django_db

State = Initiative.State
LOGIN = "/konto/login/"


@pytest.fixture
def people(verified_user, curator):
    from allauth.account.models import EmailAddress

    other = UserFactory()
    for user in (other, curator):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return {"anonymous": None, "submitter": verified_user, "other": other, "curator": curator}


@pytest.fixture
def examples(verified_user):
    def mine(state, **kwargs):
        return complete_draft(submitted_by=verified_user, state=state, **kwargs)

    return {
        "draft": mine(State.DRAFT),
        "submitted": mine(State.SUBMITTED),
        "changes": mine(State.CHANGES_REQUESTED),
        "published": InitiativeFactory(
            submitted_by=verified_user, published=True, title="Offentligt"
        ),
        "rejected": mine(State.REJECTED),
    }


def request(people, who, method, url):
    client = Client()
    if people[who]:
        client.force_login(people[who])
    response = getattr(client, method)(url)
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return "login"
    return response.status_code


# (page, example, method) -> expected for anonymous, submitter, other, curator
MATRIX = [
    ("detail", "published", "get", (200, 200, 200, 200)),
    ("detail", "draft", "get", (404, 200, 404, 200)),
    ("detail", "submitted", "get", (404, 200, 404, 200)),
    ("detail", "changes", "get", (404, 200, 404, 200)),
    ("detail", "rejected", "get", (404, 200, 404, 200)),
    ("edit", "draft", "get", ("login", 200, 404, 403)),
    ("edit", "changes", "get", ("login", 200, 404, 403)),
    ("edit", "submitted", "get", ("login", 403, 404, 403)),
    ("edit", "published", "get", ("login", 403, 403, 403)),
    ("edit", "rejected", "get", ("login", 403, 404, 403)),
    ("edit", "draft", "post", ("login", 200, 404, 403)),
    ("edit", "published", "post", ("login", 403, 403, 403)),
    ("send", "draft", "post", ("login", 302, 404, 403)),
    ("send", "submitted", "post", ("login", 403, 404, 403)),
    ("send", "published", "post", ("login", 403, 403, 403)),
    ("send", "draft", "get", (405, 405, 405, 405)),
]


@pytest.mark.parametrize(("page", "example", "method", "expected"), MATRIX)
@pytest.mark.parametrize("who", ["anonymous", "submitter", "other", "curator"])
def test_access_to_an_example(people, examples, page, example, method, expected, who):
    column = ["anonymous", "submitter", "other", "curator"].index(who)
    url = reverse(f"initiatives:{page}", kwargs={"slug": examples[example].slug})
    assert request(people, who, method, url) == expected[column]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("initiatives:list", (200, 200, 200, 200)),
        ("initiatives:submit", ("login", 200, 200, 200)),
        ("initiatives:mine", ("login", 200, 200, 200)),
        ("accounts:profile", ("login", 200, 200, 200)),
        ("partnerships:list", (200, 200, 200, 200)),
        ("partnerships:organisation_list", (200, 200, 200, 200)),
    ],
)
@pytest.mark.parametrize("who", ["anonymous", "submitter", "other", "curator"])
def test_access_to_pages(people, name, expected, who):
    column = ["anonymous", "submitter", "other", "curator"].index(who)
    assert request(people, who, "get", reverse(name)) == expected[column]


def test_the_admin_is_for_curators_only(people):
    url = reverse("admin:initiatives_initiative_changelist")
    assert request(people, "anonymous", "get", url) == 302
    assert request(people, "submitter", "get", url) == 302
    assert request(people, "curator", "get", url) == 200


def test_my_examples_shows_only_ones_own(people, examples):
    client = Client()
    client.force_login(people["other"])
    response = client.get(reverse("initiatives:mine"))
    assert list(response.context["initiatives"]) == []


def test_a_published_example_cannot_be_changed_outside_the_admin(people, examples):
    client = Client()
    client.force_login(people["submitter"])
    example = examples["published"]
    client.post(reverse("initiatives:edit", kwargs={"slug": example.slug}), {"title": "Hacket"})
    example.refresh_from_db()
    assert example.title == "Offentligt"


@pytest.mark.parametrize(
    ("name", "needs_slug"),
    [("initiatives:submit", False), ("initiatives:edit", True), ("initiatives:send", True)],
)
def test_every_post_needs_a_valid_csrf_token(people, examples, name, needs_slug):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["submitter"])
    kwargs = {"slug": examples["draft"].slug} if needs_slug else {}
    assert client.post(reverse(name, kwargs=kwargs), {"title": "x"}).status_code == 403


def test_signing_up_needs_a_valid_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_signup"), {"email": "a@b.dk"})
    assert response.status_code == 403
