"""With a real task queue the worker sends the digests, and tries again while the mail
server is down: the digest is queued once and arrives once."""

from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alerts.models import FollowedSearch
from tests.alerts.conftest import followed, published
from tests.mailserver import Inbox, run_worker


def test_the_digest_waits_for_the_mail_server_and_arrives_once(
    transactional_db, django_db_serialized_rollback, homework, smtp_port, database_queue
):
    search = followed(query=f"category={homework.slug}")
    match = published(2, category=homework, title="Lektiecafé")
    call_command("send_digests", frequency="weekly")
    call_command("send_digests", frequency="weekly")  # a second run queues nothing
    (queued,) = DBTaskResult.objects.all()
    assert queued.status == "READY"

    run_worker()  # the mail server is down
    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert (failed.status, retry.status) == ("FAILED", "READY")
    assert FollowedSearch.objects.get().last_sent_at is None

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        run_worker()
    finally:
        controller.stop()

    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == [search.user.email]
    received = message_from_bytes(envelope.content, policy=policy.default)
    assert match.title in received.get_content()
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert FollowedSearch.objects.get().last_sent_at is not None
