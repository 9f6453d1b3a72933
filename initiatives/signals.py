"""Keep each initiative's stored search document current.

The document includes the names of the category, target groups and
organisations, so renaming one of those refreshes the examples that use it.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from initiatives.models import Category, Initiative, TargetGroup
from initiatives.search import refresh_documents
from partnerships.models import Organisation

SEARCHED_FIELDS = {"title", "summary", "description", "outcomes", "how_to_start", "category"}


@receiver(post_save, sender=Initiative)
def initiative_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # Moderation steps save only their own fields, none of them searched.
    if raw or (update_fields is not None and not SEARCHED_FIELDS & set(update_fields)):
        return
    refresh_documents(Initiative.objects.filter(pk=instance.pk))


@receiver(m2m_changed, sender=Initiative.target_groups.through)
@receiver(m2m_changed, sender=Initiative.partner_organisations.through)
def initiative_names_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        # A target group or organisation gained or lost examples. (A reverse
        # clear does not say which; nothing in the portal clears that way.)
        initiatives = Initiative.objects.filter(pk__in=pk_set or [])
    else:
        initiatives = Initiative.objects.filter(pk=instance.pk)
    refresh_documents(initiatives)


@receiver(post_save, sender=Category)
def category_saved(sender, instance, created, raw=False, **kwargs):
    if not (raw or created):
        refresh_documents(Initiative.objects.filter(category=instance))


@receiver(post_save, sender=TargetGroup)
def target_group_saved(sender, instance, created, raw=False, **kwargs):
    if not (raw or created):
        refresh_documents(Initiative.objects.filter(target_groups=instance))


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, created, raw=False, **kwargs):
    if not (raw or created):
        refresh_documents(
            Initiative.objects.filter(
                Q(lead_organisation=instance) | Q(partner_organisations=instance)
            ).distinct()
        )
