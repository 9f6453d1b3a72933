"""Saving a new example twice (a double click, two POSTs at once) gives one example, no 500."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from initiatives.models import Initiative
from tests.initiatives.test_submission import form_data

SUBMIT = reverse("initiatives:submit")


def form_key(client):
    return client.get(SUBMIT).context["form"]["form_key"].value()


@pytest.fixture
def signed_in(client, verified_user):
    client.force_login(verified_user)
    return client


@pytest.mark.django_db
def test_the_new_example_form_carries_a_one_time_key(signed_in):
    response = signed_in.get(SUBMIT)
    key = response.context["form"]["form_key"].value()
    assert f'name="form_key" value="{key}"' in response.content.decode()
    assert form_key(signed_in) != key


@pytest.mark.django_db
def test_posting_the_same_new_example_twice_saves_it_once(signed_in, taxonomy):
    data = form_data(taxonomy, action="draft", form_key=str(form_key(signed_in)))
    first = signed_in.post(SUBMIT, data)
    second = signed_in.post(SUBMIT, data)
    initiative = Initiative.objects.get()
    edit = reverse("initiatives:edit", kwargs={"slug": initiative.slug})
    assert (first.status_code, first.url) == (302, edit)
    assert (second.status_code, second.url) == (302, edit)


@pytest.mark.django_db
def test_two_forms_with_the_same_title_give_two_examples_with_their_own_slugs(
    signed_in,
    taxonomy,
):
    for _ in range(2):
        data = form_data(taxonomy, action="draft", form_key=str(form_key(signed_in)))
        assert signed_in.post(SUBMIT, data).status_code == 302
    slugs = sorted(Initiative.objects.values_list("slug", flat=True))
    assert slugs == ["lektiecafe-paa-biblioteket", "lektiecafe-paa-biblioteket-2"]


def post_at_once(user, data, *, posts=2):
    """POST `data` from `posts` threads at once; their responses."""
    barrier = threading.Barrier(posts)
    responses = [None] * posts

    def post(number):
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            responses[number] = client.post(SUBMIT, data)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_identical_saves_at_once_give_one_example_and_no_500(
    verified_user,
    taxonomy,
    monkeypatch,
):
    from initiatives.forms import Submission

    # Both POSTs pass the check for an earlier save before either inserts.
    ready = threading.Barrier(2, timeout=10)
    save = Submission.save

    def save_together(self):
        ready.wait()
        return save(self)

    monkeypatch.setattr(Submission, "save", save_together)
    data = form_data(taxonomy, action="draft", form_key="8d9f4c1e-8a8b-4c55-9d2e-0d3b1c6a7f10")
    responses = post_at_once(verified_user, data)
    assert [response.status_code for response in responses] == [302, 302]
    assert Initiative.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_new_examples_with_one_title_at_once_get_two_slugs(
    verified_user,
    taxonomy,
    monkeypatch,
):
    from portal.lib import text

    # Both look for a free slug before either inserts: the loser retries.
    ready = threading.Barrier(2, timeout=10)
    unique_slug, first_call = text.unique_slug, threading.local()

    def slug_together(*args, **kwargs):
        slug = unique_slug(*args, **kwargs)
        if not getattr(first_call, "done", False):
            first_call.done = True
            ready.wait()
        return slug

    monkeypatch.setattr(text, "unique_slug", slug_together)
    responses = post_at_once(verified_user, form_data(taxonomy, action="draft"))
    assert [response.status_code for response in responses] == [302, 302]
    assert sorted(Initiative.objects.values_list("slug", flat=True)) == [
        "lektiecafe-paa-biblioteket",
        "lektiecafe-paa-biblioteket-2",
    ]
