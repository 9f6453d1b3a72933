"""`manage.py send_digests`: one e-mail per followed search with new examples, and only one."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts import digests
from alerts.models import FollowedSearch
from tests.alerts.conftest import followed, published
from tests.factories import CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://gode-eksempler.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def send(frequency="weekly"):
    out = StringIO()
    call_command("send_digests", frequency=frequency, stdout=out)
    return out.getvalue()


@pytest.fixture
def walk(homework):
    """A followed search for homework help, two new matches, one other and one old example."""
    search = followed(query=f"category={homework.slug}", hours_ago=24)
    matches = [
        published(3, category=homework, title="Lektiecafé i Roskilde"),
        published(2, category=homework, title="Lektiehjælp på nettet"),
    ]
    published(1, category=CategoryFactory(name="Læsefremme"), title="Højtlæsning for ældre")
    published(48, category=homework, title="Gammel lektiecafé")
    return search, matches


def test_a_followed_search_gets_one_e_mail_with_its_new_matches(walk):
    search, matches = walk
    send()
    (email,) = mail.outbox
    assert email.to == [search.user.email]
    assert email.subject.startswith("2 ") and email.subject.endswith(": Lektiehjælp")
    for match in matches:
        assert match.title in email.body
        assert f"{SITE}/eksempler/{match.slug}/" in email.body
    assert "Højtlæsning for ældre" not in email.body
    assert "Gammel lektiecafé" not in email.body


def test_the_e_mail_lists_the_newest_first_as_the_list_does(walk):
    _search, (older, newer) = walk
    send()
    body = mail.outbox[0].body
    assert body.index(newer.title) < body.index(older.title)


def test_the_e_mail_carries_the_one_click_unsubscribe_headers(walk):
    search, _matches = walk
    send()
    headers = mail.outbox[0].message()
    url = SITE + search.unsubscribe_url()
    assert headers["List-Unsubscribe"] == f"<{url}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in mail.outbox[0].body


def test_the_e_mail_links_the_list_and_my_searches(walk, homework):
    send()
    body = mail.outbox[0].body
    assert f"{SITE}/eksempler/?category={homework.slug}" in body
    assert f"{SITE}/konto/soegninger/" in body


def test_running_again_sends_nothing(walk):
    send()
    mail.outbox.clear()
    assert "0 digest(s) queued" in send()
    assert mail.outbox == []


def test_an_example_published_after_the_run_comes_in_the_next_digest(walk, homework):
    send()
    mail.outbox.clear()
    later = published(0, category=homework, title="Lektier i biblioteket")
    digests.send_digests(frequency="weekly", until=timezone.now() + digests.SETTLE)
    (email,) = mail.outbox
    assert later.title in email.body
    assert "Lektiecafé i Roskilde" not in email.body


def test_an_example_published_minutes_before_the_run_waits_for_the_next(walk, homework):
    # Its publishing transaction may still be open while the run reads.
    just_now = published(0, category=homework, title="Lektier i biblioteket")
    send()
    assert just_now.title not in mail.outbox[0].body
    mail.outbox.clear()
    digests.send_digests(frequency="weekly", until=timezone.now() + digests.SETTLE)
    (email,) = mail.outbox
    assert just_now.title in email.body


def test_the_watermark_moves_and_the_sending_is_recorded(walk):
    search, _matches = walk
    before = timezone.now()
    send()
    search.refresh_from_db()
    assert search.checked_until >= before - digests.SETTLE
    assert search.last_sent_at >= before


def test_a_search_without_new_matches_sends_nothing_and_moves_on(homework):
    search = followed(query=f"category={homework.slug}")
    published(48, category=homework)
    send()
    assert mail.outbox == []
    search.refresh_from_db()
    assert search.checked_until > timezone.now() - digests.SETTLE - timezone.timedelta(minutes=1)


def test_the_weekly_run_leaves_the_daily_searches(homework):
    search = followed(query=f"category={homework.slug}", frequency="daily")
    published(2, category=homework)
    send("weekly")
    assert mail.outbox == []
    send("daily")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [search.user.email]


def test_an_inactive_user_gets_nothing(homework):
    followed(user=UserFactory(is_active=False), query=f"category={homework.slug}")
    published(2, category=homework)
    send()
    assert mail.outbox == []


def test_a_search_for_words_finds_what_the_list_finds():
    followed(query="q=lektiecaf%C3%A9")
    published(2, title="Lektiecafé for alle")
    published(2, title="Strikkeklub")
    send()
    (email,) = mail.outbox
    assert "Lektiecafé for alle" in email.body
    assert "Strikkeklub" not in email.body


def test_all_examples_are_followed_with_an_empty_query():
    followed(query="")
    published(2, title="Nyt eksempel")
    send()
    assert "Nyt eksempel" in mail.outbox[0].body


def test_an_e_mail_lists_twenty_and_counts_the_rest(homework, monkeypatch):
    followed(query=f"category={homework.slug}", language="en")
    for n in range(23):
        published(2 + n / 100, category=homework, title=f"Lektiecafé nr. {n}")
    send()
    (email,) = mail.outbox
    assert email.subject == "23 new examples: Lektiehjælp"
    assert email.body.count("/en/eksempler/lektiecafe-nr-") == digests.DIGEST_SIZE
    assert "… and 3 more. See them in the list:" in email.body


def test_the_e_mail_is_in_the_language_the_search_was_followed_in(homework):
    search = followed(query=f"category={homework.slug}", language="en")
    match = published(2, category=homework)
    send()
    (email,) = mail.outbox
    assert email.subject == "1 new example: Lektiehjælp"
    assert "A new good example matches the search you follow" in email.body
    assert f"{SITE}/en/eksempler/{match.slug}/" in email.body
    assert f"{SITE}/en{search.unsubscribe_url()}" in email.body


def test_an_example_taken_back_before_the_worker_runs_is_left_out(homework):
    search = followed(query=f"category={homework.slug}")
    kept, withdrawn = published(3, category=homework), published(2, category=homework)
    withdrawn.state = withdrawn.State.ARCHIVED
    withdrawn.save()
    from alerts.tasks import send_digest

    send_digest.call(search.pk, [withdrawn.pk, kept.pk], 2)
    (email,) = mail.outbox
    assert kept.title in email.body
    assert withdrawn.title not in email.body


def test_a_search_unfollowed_before_the_worker_runs_sends_nothing(walk):
    search, matches = walk
    from alerts.tasks import send_digest

    pk = search.pk
    search.delete()
    send_digest.call(pk, [m.pk for m in matches], 2)
    assert mail.outbox == []


def test_a_dry_run_counts_and_changes_nothing(walk):
    search, _matches = walk
    out = StringIO()
    call_command("send_digests", frequency="weekly", dry_run=True, stdout=out)
    assert "1 digest(s) would be sent" in out.getvalue()
    assert mail.outbox == []
    assert FollowedSearch.objects.get().checked_until == search.checked_until


def queries_for_a_run(examples, homework):
    FollowedSearch.objects.update(checked_until=timezone.now() - timezone.timedelta(days=2))
    for n in range(examples):
        published(1 + n / 1000, category=homework)
    with CaptureQueriesContext(connection) as queries:
        send()
    mail.outbox.clear()
    return len(queries)


def test_the_queries_of_a_run_do_not_grow_with_the_examples(homework):
    followed(query=f"category={homework.slug}")
    followed(query="q=lektier")
    followed(query="")
    few = queries_for_a_run(2, homework)
    many = queries_for_a_run(40, homework)
    assert many == few
    # Reading the searches and finding no more (2); the facet index the filters take
    # their options from, built once per process and change (9); per search, the new
    # examples (1, and on PostgreSQL 1 for a search's words: typo tolerance or not)
    # and for a digest a savepoint, the watermark, the task's search and examples,
    # the time sent and the release (6); the watermarks of the quiet ones (1).
    assert few <= 2 + 9 + 3 * (2 + 6) + 1
