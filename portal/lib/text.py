"""Small text helpers shared by the apps."""

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
    """Give a model a unique slug from `slug_source` the first time it is saved."""

    slug_source = "name"
    reserved_slugs = ()

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self, getattr(self, self.slug_source), reserved=self.reserved_slugs
            )
        super().save(*args, **kwargs)
