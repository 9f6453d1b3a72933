"""Adoptions: an organisation telling that it, too, runs a published example.

An adoption goes through the curators as an example does: the same states
and the same WORKFLOW steps (initiatives.models), from sent for review to
published, sent back or rejected. Only published adoptions count as spread.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives import privacy, uploads
from initiatives.models import Attachment, Initiative, Moderated, PrivacyChecked, State
from partnerships.models import Municipality, Organisation
from portal.lib.fields import ServedFileField, WebAddressField


def adoption_file_path(instance, filename):
    """Store uploads under an unguessable name and the extension their content proves."""
    return uploads.stored_name(instance.attachment)


class AdoptionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=State.PUBLISHED)

    def visible_to(self, user):
        """Published adoptions for all; a signed-in user's own in any state; all for curators."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.published()
        if user.has_perm("adoptions.moderate_adoption"):
            return self
        return self.filter(Q(state=State.PUBLISHED) | Q(submitted_by=user))

    def review_queue(self):
        """Adoptions waiting for a curator, the oldest first."""
        return self.filter(state=State.SUBMITTED).order_by("submitted_at", "pk")

    def of_public_examples(self):
        """Published adoptions of published examples: what public pages count and show."""
        return self.published().filter(initiative__state=State.PUBLISHED)


class Adoption(Moderated, PrivacyChecked):
    """ "Vi har også gjort det": where, since when and how an example was taken up."""

    # Sent straight for review: the form asks for all it needs, so there is no draft.
    moderation_steps = ("submit", "publish", "request_changes", "reject", "archive")
    State = State
    # Checked for personal data (initiatives.privacy), the attachment's text too.
    privacy_fields = ("adaptation", "result", "attachment", "attachment_title")

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("good example"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adoptions",
    )
    nationwide = models.BooleanField(_("nationwide"), default=False)
    started = models.DateField(
        _("started"), help_text=_("The month it started; the day is always the first.")
    )
    adaptation = models.TextField(
        _("how it was adapted"),
        max_length=3000,
        help_text=_("What you changed to fit your place and people, and what you kept."),
    )
    result = models.TextField(
        _("what came of it"),
        max_length=3000,
        blank=True,
        help_text=_("Optional: what happened, who came, what you learned."),
    )
    url = WebAddressField(_("link"), blank=True, help_text=_("A page about it, if there is one."))
    attachment = ServedFileField(
        _("attachment"),
        upload_to=adoption_file_path,
        max_length=200,
        blank=True,
        validators=[uploads.validate_attachment],
    )
    attachment_title = models.CharField(_("title of the attachment"), max_length=200, blank=True)
    attachment_licence = models.CharField(
        _("reuse licence of the attachment"),
        max_length=30,
        choices=Attachment.Licence.choices,
        default=Attachment.Licence.CC_BY,
    )

    # Moderation, as on an example (initiatives.models.Moderated).
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_adoptions",
        editable=False,
    )
    submitted_at = models.DateTimeField(_("sent for review"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_adoptions",
        editable=False,
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    moderation_note = models.TextField(_("note from the curator"), blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AdoptionQuerySet.as_manager()
    # The privacy warnings are found again from the text on every save.
    history = HistoricalRecords(excluded_fields=["privacy_warnings"])

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-started", "-pk"]
        permissions = [("moderate_adoption", _("Can moderate adoptions"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(nationwide=True, municipality__isnull=True)
                | Q(nationwide=False, municipality__isnull=False),
                name="adoption_has_one_place",
                violation_error_message=_("Choose the municipality, or nationwide."),
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="published_adoption_has_publication_date",
            ),
        ]
        indexes = [
            models.Index(fields=["initiative", "state"], name="adoption_initiative_state"),
            models.Index(fields=["state", "submitted_at"], name="adoption_review_queue"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.initiative.get_absolute_url()}#adoption-{self.pk}"

    @property
    def title(self):
        """How refusals and the admin name it: who took up which example."""
        return f"{self.organisation} – {self.initiative}"

    @property
    def place(self):
        return self.municipality.name if self.municipality_id else _("nationwide")

    @property
    def is_public(self):
        return self.state == State.PUBLISHED

    def find_privacy_warnings(self):
        """The texts' warnings, then the attachment's, read from its file."""
        warnings = privacy.text_warnings(self, ("adaptation", "result"))
        if self.attachment or self.attachment_title:
            found = privacy.file_warnings(self.attachment, title=self.attachment_title)
            warnings += privacy.attached(found, title=self.attachment_title)
        return privacy.capped(warnings)

    def missing_for_review(self):
        """Nothing: the form and the model's constraints already ask for all a curator needs."""
        return {}

    @property
    def shares_attachment(self):
        """Whether the attachment's licence lets the reuse kit pass it on."""
        return bool(self.attachment) and self.attachment_licence != Attachment.Licence.ALL_RIGHTS
