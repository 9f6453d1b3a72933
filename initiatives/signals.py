"""Refresh the search documents of examples whose category, target group or organisation is renamed.

An example's own saves refresh its document in Initiative.save(); these
signals cover the names that many examples include.
"""

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver

from initiatives.models import Category, Initiative, TargetGroup
from initiatives.search import refresh_after_commit
from partnerships.models import Organisation


def _refresh(examples):
    refresh_after_commit(examples.values_list("pk", flat=True).distinct())


@receiver(post_save, sender=Category)
def category_saved(sender, instance, created, raw=False, **kwargs):
    if not (raw or created):
        _refresh(Initiative.objects.filter(category=instance))


@receiver(post_save, sender=TargetGroup)
def target_group_saved(sender, instance, created, raw=False, **kwargs):
    if not (raw or created):
        _refresh(Initiative.objects.filter(target_groups=instance))


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, created, raw=False, **kwargs):
    if not (raw or created):
        _refresh(
            Initiative.objects.filter(
                Q(lead_organisation=instance) | Q(partner_organisations=instance)
            )
        )
