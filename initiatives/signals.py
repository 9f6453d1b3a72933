"""Refresh the search documents of examples whose category, target group or organisation is renamed.

An example's own saves refresh its document in Initiative.save(); these
signals cover the names that many examples include. A rename may touch
thousands of examples, so the task worker does it, not the request.

An attachment's save or deletion also finds its example's privacy warnings
again (initiatives.privacy), as the example gathers its attachments' own.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from initiatives import tasks
from initiatives.models import Attachment, Category, Initiative, TargetGroup
from partnerships.models import Organisation


@receiver(post_save, sender=Category)
@receiver(post_save, sender=TargetGroup)
@receiver(post_save, sender=Organisation)
def name_saved(sender, instance, created, raw=False, **kwargs):
    if not (raw or created):
        enqueue = partial(tasks.refresh_search_naming.enqueue, sender._meta.label, instance.pk)
        transaction.on_commit(enqueue, robust=True)


@receiver(post_save, sender=Attachment)
@receiver(post_delete, sender=Attachment)
def attachment_changed(sender, instance, raw=False, **kwargs):
    """The example gathers its attachments' privacy warnings (Initiative.find_privacy_warnings)."""
    if raw:
        return
    initiative = Initiative.objects.filter(pk=instance.initiative_id).first()
    if initiative is not None:  # None while the example itself is deleted
        initiative.refresh_privacy_warnings()
