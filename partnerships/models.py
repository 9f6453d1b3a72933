"""Who works together: municipalities, organisations, partnerships and their meetings."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.lib.fields import WebAddressField
from portal.lib.text import AutoSlugMixin


class Region(models.TextChoices):
    """The five Danish regions; the value is the slug used in URLs."""

    HOVEDSTADEN = "hovedstaden", _("Region Hovedstaden")
    SJAELLAND = "sjaelland", _("Region Sjælland")
    SYDDANMARK = "syddanmark", _("Region Syddanmark")
    MIDTJYLLAND = "midtjylland", _("Region Midtjylland")
    NORDJYLLAND = "nordjylland", _("Region Nordjylland")


class Municipality(models.Model):
    """One of Denmark's 98 municipalities, loaded by a data migration."""

    code = models.CharField(
        _("municipality code"),
        max_length=3,
        unique=True,
        help_text=_("The official three-digit code (kommunekode)."),
    )
    name = models.CharField(_("name"), max_length=60, unique=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, db_index=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:list", query={"municipality": self.code})


class OrganisationQuerySet(models.QuerySet):
    def confirmed(self, *, including=()):
        """Organisations a curator has confirmed: the only ones public pages and choices show.

        `including` adds organisations by primary key whatever their state, e.g.
        those an example already names while they wait for a curator.
        """
        return self.filter(Q(confirmed=True) | Q(pk__in=including))

    def awaiting_confirmation(self):
        return self.filter(confirmed=False)

    def for_list(self):
        return self.select_related("municipality")


class Organisation(AutoSlugMixin, models.Model):
    class Kind(models.TextChoices):
        LIBRARY = "library", _("library")
        MUNICIPALITY = "municipality", _("municipality or other local authority")
        STATE = "state", _("state agency")
        NGO = "ngo", _("NGO / civil society")
        CULTURE = "culture", _("cultural institution")
        FOUNDATION = "foundation", _("foundation")
        INTEREST = "interest", _("trade or interest organisation")
        COMPANY = "company", _("company")
        RESEARCH = "research", _("research or education")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER, db_index=True
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    website = WebAddressField(_("website"), blank=True)
    # Public, unlike an example's contact person: shown to anonymous visitors.
    email = models.EmailField(
        _("public e-mail"),
        blank=True,
        default="",
        db_default="",
        help_text=_("The organisation's general address, such as info@…, never a person's own."),
    )
    description = models.TextField(_("description"), blank=True)
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_(
            "Organisations named in a submission wait for a curator to confirm them "
            "before they get a public page."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:organisation_detail", kwargs={"slug": self.slug})


class PartnershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Partnership.Status.ACTIVE)


class Partnership(AutoSlugMixin, models.Model):
    class Status(models.TextChoices):
        FORMING = "forming", _("forming")
        ACTIVE = "active", _("active")
        CONCLUDED = "concluded", _("concluded")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    purpose = models.TextField(_("purpose"), help_text=_("Why the partnership exists, in brief."))
    description = models.TextField(_("description"), blank=True)
    basis = models.TextField(
        _("basis"),
        blank=True,
        help_text=_("What the partnership rests on, e.g. a political agreement."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.FORMING, db_index=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    goals = models.TextField(
        _("goals and deliverables"),
        blank=True,
        help_text=_("What the partnership is to deliver, one item per line."),
    )
    website = WebAddressField(_("website"), blank=True)
    organisations = models.ManyToManyField(
        Organisation,
        through="Membership",
        related_name="partnerships",
        verbose_name=_("organisations"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="partnership_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:detail", kwargs={"slug": self.slug})

    @property
    def goal_list(self):
        return [line.strip(" •-\t") for line in self.goals.splitlines() if line.strip(" •-\t")]


class Membership(models.Model):
    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("facilitator")
        MEMBER = "member", _("member")
        OBSERVER = "observer", _("observer")

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined = models.DateField(_("joined"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["partnership", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                name="one_membership_per_partnership_and_organisation",
                violation_error_message=_("This organisation is already a member."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.partnership} ({self.get_role_display()})"

    def get_absolute_url(self):
        return self.partnership.get_absolute_url()


class Meeting(models.Model):
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    date = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "title"]
        indexes = [models.Index(fields=["partnership", "date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.partnership.get_absolute_url()
