"""The portal's user: logs in with e-mail (django-allauth) and may name an organisation."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

# Every field that holds personal data, in one place, so exports, feeds and
# public pages can be checked against it.
PERSONAL_FIELDS = ("email", "first_name", "last_name", "username")


class User(AbstractUser):
    email = models.EmailField(_("email address"), unique=True)
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("The organisation you work for, if any."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email or self.username

    @property
    def is_curator(self):
        """Curators (staff in Redaktører, or superusers) moderate good examples."""
        return self.is_active and self.has_perm("initiatives.moderate_initiative")
