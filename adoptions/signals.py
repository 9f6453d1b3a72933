"""Keep each example's spread (adoptions.spread) in step with its adoptions.

On every save and delete, not only on publishing: a curator may move a
published adoption to another municipality in the admin, or delete it.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from adoptions import spread
from adoptions.models import Adoption


@receiver(post_save, sender=Adoption)
@receiver(post_delete, sender=Adoption)
def adoption_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        spread.refresh(instance.initiative_id)
