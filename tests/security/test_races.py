"""Identical requests at once, through the paths tests/initiatives/ does not race.

tests/initiatives/test_double_submit.py races two saves of a new example as a draft,
and tests/initiatives/test_races.py three sends from the preview's send button. A
contributor can also send with the form itself: a new example twice at once, or a
draft's edit form three times at once (a double click, two tabs). Each must give one
example and one e-mail per curator, and no 500.
"""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from initiatives.forms import Submission
from initiatives.models import Initiative
from tests.factories import complete_draft
from tests.initiatives.test_submission import form_data

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def post_at_once(user, url, data, *, posts):
    """POST `data` to `url` from `posts` threads at once; their status codes."""
    responses = [None] * posts

    def post(number):
        client = Client()
        client.force_login(user)
        try:
            responses[number] = client.post(url, data).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return responses


@pytest.fixture
def save_together(monkeypatch):
    """Make concurrent form saves meet: each waits until `n` have validated."""

    def arrange(n):
        ready = threading.Barrier(n, timeout=10)
        save = Submission.save

        def save_when_all_are_ready(self):
            ready.wait()
            return save(self)

        monkeypatch.setattr(Submission, "save", save_when_all_are_ready)

    return arrange


def test_a_new_example_sent_twice_at_once_is_one_example_and_one_e_mail_per_curator(
    verified_user, curator, superuser, taxonomy, save_together
):
    save_together(2)
    data = form_data(taxonomy, form_key="1b4e28ba-2fa1-11d2-883f-0016d3cca427")
    statuses = post_at_once(verified_user, reverse("initiatives:submit"), data, posts=2)
    assert statuses == [302, 302]
    assert Initiative.objects.get().state == Initiative.State.SUBMITTED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([curator.email, superuser.email])


def test_a_drafts_edit_form_sent_three_times_at_once_mails_each_curator_once(
    verified_user, curator, taxonomy, save_together
):
    draft = complete_draft(submitted_by=verified_user, title="Lektiecafé på biblioteket")
    save_together(3)
    url = reverse("initiatives:edit", kwargs={"slug": draft.slug})
    statuses = post_at_once(verified_user, url, form_data(taxonomy, not_a_duplicate="on"), posts=3)
    assert all(status < 500 for status in statuses), statuses
    assert Initiative.objects.get().state == Initiative.State.SUBMITTED
    assert [m.to for m in mail.outbox] == [[curator.email]]
