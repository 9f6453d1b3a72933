"""Contributors and sign-ups are rate-limited in the shared cache, so a script cannot flood curators."""

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from tests.factories import complete_draft
from tests.initiatives.test_submission import SUBMIT, form_data
from tests.portal.test_production_settings import PRODUCTION, setting

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, verified_user):
    client.force_login(verified_user)
    return client


@pytest.fixture
def low_limits(settings):
    settings.SUBMISSION_RATE_LIMITS = {"new_example": (2, 3600), "send_for_review": (1, 3600)}


def test_too_many_new_examples_are_refused_with_429_keeping_what_was_typed(
    signed_in,
    taxonomy,
    low_limits,
):
    for n in range(2):
        signed_in.post(SUBMIT, form_data(taxonomy, action="draft", title=f"Lektiecafé {n}"))
    response = signed_in.post(SUBMIT, form_data(taxonomy, action="draft", title="Den tredje"))
    assert response.status_code == 429
    assert response.context["form"]["title"].value() == "Den tredje"
    assert "mange nye eksempler" in response.text
    assert Initiative.objects.count() == 2


def test_editing_an_example_does_not_count_as_a_new_one(
    signed_in,
    taxonomy,
    verified_user,
    low_limits,
):
    draft = complete_draft(submitted_by=verified_user)
    edit = reverse("initiatives:edit", kwargs={"slug": draft.slug})
    for _ in range(3):
        response = signed_in.post(edit, form_data(taxonomy, action="draft"))
        assert response.status_code == 302


def test_too_many_sends_keep_the_example_as_a_draft_and_say_so(
    signed_in,
    taxonomy,
    low_limits,
):
    signed_in.post(SUBMIT, form_data(taxonomy, title="Første"))
    response = signed_in.post(SUBMIT, form_data(taxonomy, title="Anden"), follow=True)
    assert Initiative.objects.get(title="Første").state == Initiative.State.SUBMITTED
    assert Initiative.objects.get(title="Anden").state == Initiative.State.DRAFT
    assert "sendt mange eksempler til gennemsyn" in response.text


def test_the_send_button_on_the_preview_page_is_limited_too(signed_in, verified_user, low_limits):
    first, second = (complete_draft(submitted_by=verified_user) for _ in range(2))
    signed_in.post(reverse("initiatives:send", kwargs={"slug": first.slug}))
    signed_in.post(reverse("initiatives:send", kwargs={"slug": second.slug}))
    second.refresh_from_db()
    assert second.state == Initiative.State.DRAFT


def test_sign_ups_from_one_address_are_limited(client):
    statuses = [
        client.post(
            reverse("account_signup"),
            {
                "email": f"ny{n}@bibliotek.example",
                "password1": "et-godt-kodeord-9",
                "password2": "et-godt-kodeord-9",
            },
        ).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429


def test_signing_up_with_a_taken_address_looks_like_signing_up_with_a_new_one(
    client, verified_user
):
    data = {"password1": "et-godt-kodeord-9", "password2": "et-godt-kodeord-9"}
    taken = client.post(reverse("account_signup"), {**data, "email": verified_user.email})
    new = client.post(reverse("account_signup"), {**data, "email": "helt-ny@bibliotek.example"})
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])


def test_production_counts_limits_in_a_cache_all_workers_share():
    caches = setting("CACHES", **PRODUCTION)
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
