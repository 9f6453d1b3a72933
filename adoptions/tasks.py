"""Background work: the adoptions' moderation e-mails, sent by the task worker.

As initiatives/tasks.py: tasks take primary keys and read the adoption when
they run; a mail server that is down fails the task, never the request that
enqueued it, and the task is enqueued again with a growing delay, up to
MAX_ATTEMPTS, sending only to those who did not get it yet.
"""

from django_tasks import task

from adoptions import notifications
from adoptions.models import Adoption
from portal.lib.mailqueue import retry_later, send_each

# What every e-mail names: the adoption's title, place and example.
_NAMED = ["initiative", "organisation", "municipality"]


def _adoption(pk, *related):
    return Adoption.objects.select_related(*_NAMED, *related).filter(pk=pk).first()


@task()
def tell_curators(adoption_pk, *, curator_pks=None, attempt=1):
    """E-mail each curator (or those of curator_pks) that an adoption waits for review."""
    adoption = _adoption(adoption_pk)
    if adoption is None:  # deleted before the worker came to it
        return
    recipients = notifications.curators()
    if curator_pks is not None:
        recipients = recipients.filter(pk__in=curator_pks)
    unsent = send_each(notifications.submitted(adoption, recipients))
    if unsent:
        retry_later(tell_curators, attempt, unsent, adoption_pk, curator_pks=list(unsent))


@task()
def tell_adopter(adoption_pk, step, *, attempt=1):
    """E-mail the adopter that a curator took `step` (published, sent back, rejected)."""
    adoption = _adoption(adoption_pk, "submitted_by")
    message = adoption and notifications.reviewed(adoption, step)
    if not message:
        return
    unsent = send_each({adoption.submitted_by_id: message})
    if unsent:
        retry_later(tell_adopter, attempt, unsent, adoption_pk, step)


@task()
def tell_example_submitter(adoption_pk, *, attempt=1):
    """E-mail the example's submitter that their example is now reused somewhere else."""
    adoption = _adoption(adoption_pk, "initiative__submitted_by")
    message = adoption and notifications.reused(adoption)
    if not message:
        return
    unsent = send_each({adoption.initiative.submitted_by_id: message})
    if unsent:
        retry_later(tell_example_submitter, attempt, unsent, adoption_pk)
