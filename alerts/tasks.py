"""The digest e-mails, sent by the task worker (`make worker`).

As in initiatives/tasks.py, a task takes primary keys and reads the rows when
it runs, and a mail server that is down sends the task back to the queue
with a growing delay, up to MAX_ATTEMPTS.
"""

from django_tasks import task

from alerts import digests
from alerts.models import FollowedSearch
from initiatives.models import Initiative
from portal.lib.mailqueue import retry_later, send_each


@task()
def send_digest(search_pk, example_pks, total, *, attempt=1):
    """E-mail a followed search's owner these new examples (those still published), of `total`."""
    search = (
        FollowedSearch.objects.select_related("user")
        .filter(pk=search_pk, user__is_active=True)
        .exclude(user__email="")
        .first()
    )
    if search is None:  # unfollowed, or the account closed, before the worker came to it
        return
    found = Initiative.objects.published().only("title", "slug", "summary").in_bulk(example_pks)
    examples = [found[pk] for pk in example_pks if pk in found]
    if not examples:
        return
    # Those taken back since the run no longer count; those beyond the listed ones still do.
    still_new = total - (len(example_pks) - len(examples))
    unsent = send_each({search.pk: digests.message(search, examples, still_new)})
    if unsent:
        retry_later(send_digest, attempt, unsent, search_pk, example_pks, total)
    search.mark_sent()
