"""Small text helpers shared by the apps."""

from django.db import IntegrityError, router, transaction
from django.utils.text import slugify

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slugify(value):
    """Slugify, spelling æ/ø/å as ae/oe/aa instead of dropping them.

    Django's slugify("Læseklub for ældre") gives "lseklub-for-ldre".
    """
    return slugify(str(value).translate(_DANISH))


def unique_slug(instance, value, *, max_length=None, reserved=()):
    """Return a slug for `instance` from `value`, adding -2, -3 ... until it is unique.

    `reserved` slugs are taken by URLs of their own (e.g. /eksempler/mine/).
    """
    model = type(instance)
    max_length = max_length or model._meta.get_field("slug").max_length
    base = danish_slugify(value)[:max_length].strip("-") or "x"
    candidate, n = base, 1
    others = model._default_manager.exclude(pk=instance.pk)
    while candidate in reserved or others.filter(slug=candidate).exists():
        n += 1
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)] + suffix
    return candidate


class AutoSlugMixin:
    """Give a model a unique slug from `slug_source` the first time it is saved.

    Finding a free slug and inserting it are two statements, so two saves at
    once (a double click) can pick the same one: the loser's insert fails, is
    rolled back to a savepoint and tried again with the next free slug.
    """

    slug_source = "name"
    reserved_slugs = ()
    slug_attempts = 5

    def save(self, *args, **kwargs):
        if self.slug:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        for attempt in range(1, self.slug_attempts + 1):
            self.slug = unique_slug(
                self, getattr(self, self.slug_source), reserved=self.reserved_slugs
            )
            try:
                with transaction.atomic(using=using):
                    return super().save(*args, **kwargs)
            except IntegrityError:
                taken = type(self)._default_manager.using(using).filter(slug=self.slug).exists()
                if not taken or attempt == self.slug_attempts:
                    self.slug = ""
                    raise
        return None
