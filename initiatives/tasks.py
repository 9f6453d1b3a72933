"""Background work: the moderation e-mails, sent by the task worker (`make worker`).

Tasks take primary keys, never objects, and read the example when they run.
A mail server that is down fails the task, never the request that enqueued
it: the failure is logged and the task is enqueued again with a growing
delay, up to MAX_ATTEMPTS, sending only to those who did not get it yet.
"""

import logging

from django.apps import apps
from django.db.models import Q
from django_tasks import task

from initiatives import notifications, search
from initiatives.models import Initiative
from portal.lib.mailqueue import MAX_ATTEMPTS, retry_delay, retry_later, send_each

__all__ = [
    "MAX_ATTEMPTS",
    "refresh_search_naming",
    "retry_delay",
    "tell_curators",
    "tell_submitter",
]

logger = logging.getLogger(__name__)


@task()
def tell_curators(initiative_pk, *, curator_pks=None, attempt=1):
    """E-mail each curator (or those of curator_pks) that an example waits for review."""
    initiative = Initiative.objects.filter(pk=initiative_pk).first()
    if initiative is None:  # deleted before the worker came to it
        return
    recipients = notifications.curators()
    if curator_pks is not None:
        recipients = recipients.filter(pk__in=curator_pks)
    unsent = send_each(notifications.submitted(initiative, recipients))
    if unsent:
        retry_later(tell_curators, attempt, unsent, initiative_pk, curator_pks=list(unsent))


@task()
def tell_submitter(initiative_pk, step, *, attempt=1):
    """E-mail the submitter that a curator took `step` (published, sent back, rejected)."""
    initiative = Initiative.objects.select_related("submitted_by").filter(pk=initiative_pk).first()
    message = initiative and notifications.reviewed(initiative, step)
    if not message:
        return
    unsent = send_each({initiative.submitted_by_id: message})
    if unsent:
        retry_later(tell_submitter, attempt, unsent, initiative_pk, step)


# Which examples include the name of a row of each model in their search document.
_NAMED_BY = {
    "initiatives.Category": lambda pk: Q(category=pk),
    "initiatives.TargetGroup": lambda pk: Q(target_groups=pk),
    "partnerships.Organisation": lambda pk: Q(lead_organisation=pk) | Q(partner_organisations=pk),
}
BATCH = 1000


@task()
def refresh_search_naming(label, pk):
    """Rebuild the search documents of the examples that include this row's name."""
    apps.get_model(label)  # an unknown label fails loudly here
    pks = Initiative.objects.filter(_NAMED_BY[label](pk)).values_list("pk", flat=True).distinct()
    pks = sorted(pks)
    for start in range(0, len(pks), BATCH):
        search.rebuild(pks[start : start + BATCH])
