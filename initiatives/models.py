"""Good examples (initiatives), their taxonomy, links, attachments and moderation."""

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives import knowledge, privacy, search, synonyms, uploads
from partnerships.models import Municipality, Organisation, Partnership
from portal.lib.fields import ServedFileField, WebAddressField
from portal.lib.text import AutoSlugMixin


class TermQuerySet(models.QuerySet):
    def in_order(self):
        """The curators' order. Explicit, because a query that counts drops Meta.ordering,
        and names alone sort æ, ø and å differently on PostgreSQL and SQLite."""
        return self.order_by("position", "name", "pk")


class Term(AutoSlugMixin, models.Model):
    """A taxonomy term curators keep; the list page filters by its slug."""

    filter_parameter = None  # the examples list's GET parameter for this term

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(
        _("name in English"),
        max_length=100,
        blank=True,
        default="",
        db_default="",
        help_text=_("Shown on the English pages; the Danish name is shown when it is empty."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = TermQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:list", query={self.filter_parameter: self.slug})

    @property
    def local_name(self):
        """The name in the page's language: English where curators gave one, else Danish."""
        return local_name(self.name, self.name_en)


def local_name(name, name_en):
    return name_en if name_en and get_language() == "en" else name


class Category(Term):
    """The kind of initiative, e.g. outreach or depot loans."""

    filter_parameter = "category"

    description = models.TextField(_("description"), blank=True)

    class Meta(Term.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class TargetGroup(Term):
    """Who an initiative is for (målgruppe)."""

    filter_parameter = "target_group"

    vulnerable = models.BooleanField(
        _("children or vulnerable adults"),
        default=False,
        db_default=False,
        help_text=_(
            "Photos of these people need consent: an example for this group with images "
            "asks its contributor whether they have it."
        ),
    )

    class Meta(Term.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


# Between the words of a synonym group: commas, semicolons or line breaks.
SYNONYM_SEPARATORS = re.compile(r"[,;\n]")


class SynonymGroup(models.Model):
    """Words a reader may search for that mean the same, kept by curators.

    A search for any of them finds the others too (initiatives.synonyms), and
    the list says so: "Viser også resultater for lektiehjælp, lektiestøtte".
    """

    words = models.TextField(
        _("synonyms"),
        help_text=_(
            "Words or phrases that mean the same, separated by commas or one a line, e.g. "
            "“lektiecafé, lektiehjælp, lektiestøtte”. A search for one finds the others too, "
            "in every form of the word (“lektiecaféen”)."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["words"]

    def __str__(self):
        return " = ".join(self.synonyms())

    def get_absolute_url(self):
        """The search for the first word, which finds what all of them do."""
        words = self.synonyms()
        return reverse("initiatives:list", query={"q": words[0]} if words else None)

    def synonyms(self):
        """The words and phrases, each once, as written: "lektiecafé, lektiehjælp" -> [...]."""
        found = {}
        for word in SYNONYM_SEPARATORS.split(self.words):
            if word := " ".join(word.split()):
                found.setdefault(word.casefold(), word)
        return list(found.values())

    def clean(self):
        words = self.synonyms()
        unsearchable = [word for word in words if not synonyms.key(word)]
        if unsearchable:
            raise ValidationError(
                {
                    "words": _("“%(word)s” has no word a search looks for.")
                    % {"word": unsearchable[0]}
                }
            )
        if len({synonyms.key(word) for word in words}) < 2:
            raise ValidationError({"words": _("Give at least two words that differ.")})
        self._clean_other_groups(words)

    def _clean_other_groups(self, words):
        """A word belongs to one group: else a search could not say which words it added."""
        keys = {synonyms.key(word): word for word in words}
        for group in SynonymGroup.objects.exclude(pk=self.pk):
            for word in group.synonyms():
                if synonyms.key(word) in keys:
                    raise ValidationError(
                        {
                            "words": _("“%(word)s” is already in the group “%(group)s”.")
                            % {"word": keys[synonyms.key(word)], "group": group}
                        }
                    )


def _known(label):
    """A dimension's knowledge level (initiatives.knowledge); blank until assessed."""
    return models.CharField(
        label,
        max_length=1,
        choices=knowledge.Level.choices,
        blank=True,
        default="",
        db_default="",
    )


def _known_why(label):
    return models.CharField(
        label,
        max_length=300,
        blank=True,
        default="",
        db_default="",
        help_text=_("One line: what the level rests on, e.g. the evaluation or the guide."),
    )


def _transfer_note(label, help_text):
    return models.TextField(label, blank=True, default="", db_default="", help_text=help_text)


class State(models.TextChoices):
    """Moderation state of an example or an adoption; an example's `status` is its own lifecycle."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")
    ARCHIVED = "archived", _("archived")


class InvalidTransition(Exception):
    """A moderation step that makes no sense from the initiative's current state."""


class Moderated:
    """The moderation workflow for a model with a `state` and the moderation fields.

    Good examples and adoptions (the adoptions app) take the same steps from
    the one WORKFLOW table. Every step goes through `moderate()`. It saves only
    the moderation fields (plus updated_at), so that a concurrent edit of the
    text is not overwritten. A model without `featured` is never featured.
    """

    # The WORKFLOW steps this model takes; all of them unless narrowed.
    moderation_steps = None

    def moderate(self, step_name, *, by, note="", privacy_note=""):
        """Take one step of the workflow; raises InvalidTransition if it makes no sense now.

        Of identical steps taken at once (a double click, two open tabs) exactly
        one succeeds and the others raise, so the curators are told once.
        `privacy_note` is the curator's "checked, publish anyway": what they
        checked of the privacy warnings nobody had checked (PrivacyChecked).
        """
        step = self.workflow().get(step_name)
        if step is None:
            raise InvalidTransition(_("Unknown moderation step."))
        step.check(self, note, privacy_note)
        with transaction.atomic():
            self._claim(step, note)
            self._take(step, by=by, note=note, privacy_note=privacy_note)

    moderate.alters_data = True

    def _claim(self, step, note):
        """Lock the row if it is still in a state the step starts from, and read it afresh.

        A conditional UPDATE, not a check in Python: a concurrent step waits for
        the row lock, then matches no row (PostgreSQL re-reads the state; SQLite
        lets one writer in at a time), and is refused with the state it found.
        """
        claimed = (
            type(self)
            ._default_manager.filter(pk=self.pk, state__in=step.sources)
            .update(state=F("state"))
        )
        fields = ["state", "published_at", "submitted_by"]
        self.refresh_from_db(fields=[*fields, "featured"] if self._featurable else fields)
        if not claimed:
            step.check(self, note)  # raises the refusal for the state found
            raise InvalidTransition(
                step.refusal % {"title": self.title, "state": self.get_state_display()}
            )

    def _take(self, step, *, by, note, privacy_note=""):
        now = timezone.now()
        if step.target:
            self.state = step.target
        fields = ["state", "published_at", "updated_at"]
        # "Checked, publish anyway": saved with the step, so one version of the
        # history shows both.
        if step.privacy_guarded and self.open_privacy_warnings:
            self.privacy_checked_at, self.privacy_checked_note = now, privacy_note.strip()
            fields += ["privacy_checked_at", "privacy_checked_note"]
        if self._featurable:
            if step.featured is not None:
                self.featured = step.featured
            # Only published examples are featured.
            self.featured = self.featured and self.state == State.PUBLISHED
            fields.append("featured")
        # Every published one has a date.
        if self.state == State.PUBLISHED and self.published_at is None:
            self.published_at = now
        if step.target == State.SUBMITTED:
            self.submitted_at = now
            self.submitted_by = self.submitted_by or by
            fields += ["submitted_at", "submitted_by"]
        if step.by_curator:
            self.reviewed_by, self.reviewed_at = by, now
            fields += ["reviewed_by", "reviewed_at"]
            if step.target:
                self.moderation_note = (note or "").strip()
                fields.append("moderation_note")
        self.save(update_fields=fields)

    def available_steps(self):
        """The curator's steps that take this example to another state from where it is."""
        return [
            step
            for step in self.workflow().values()
            if step.by_curator and step.target and self.state in step.sources
        ]

    @classmethod
    def workflow(cls):
        """{name: Step} of the WORKFLOW steps this model takes, in the table's order."""
        names = cls.moderation_steps
        return {name: step for name, step in WORKFLOW.items() if names is None or name in names}

    @property
    def _featurable(self):
        return any(f.name == "featured" for f in self._meta.concrete_fields)


class PrivacyChecked(models.Model):
    """What looks like personal data in a row's text and files, and the curator's check of it.

    The warnings (initiatives.privacy) are found again whenever a field in
    `privacy_fields` is saved. Publishing with warnings nobody has checked is
    refused (Step.privacy_guarded) unless a curator writes what they checked
    ("checked, publish anyway"); the note and its moment are kept in the
    history. A warning that was not there when they checked opens the check again.
    """

    privacy_fields = ()  # the fields whose change finds the warnings again

    privacy_warnings = models.JSONField(
        _("privacy warnings"), default=list, db_default=[], blank=True, editable=False
    )
    privacy_checked_at = models.DateTimeField(
        _("privacy warnings checked"), null=True, blank=True, editable=False
    )
    privacy_checked_note = models.TextField(
        _("privacy check: what was checked"),
        blank=True,
        default="",
        db_default="",
        editable=False,
    )

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or set(self.privacy_fields) & set(update_fields):
            changed = self.set_privacy_warnings(self.find_privacy_warnings())
            if update_fields is not None:
                update_fields = [*update_fields, *changed]
        super().save(*args, update_fields=update_fields, **kwargs)

    def find_privacy_warnings(self):
        """[{field, kind, text}] for this row as it is now; each model says where to look."""
        return privacy.capped(privacy.text_warnings(self, self.privacy_fields))

    def set_privacy_warnings(self, warnings):
        """Keep `warnings`; return the names of the fields that changed.

        A warning the curator has not seen yet reopens their check.
        """
        old = self.privacy_warnings or []
        if warnings == old:
            return []
        changed = ["privacy_warnings"]
        if self.privacy_checked_at is not None and any(w not in old for w in warnings):
            self.privacy_checked_at, self.privacy_checked_note = None, ""
            changed += ["privacy_checked_at", "privacy_checked_note"]
        self.privacy_warnings = warnings
        return changed

    def refresh_privacy_warnings(self):
        """Find the warnings again after something outside the row changed (an attachment).

        Only a reopened check is a new version in the history; new warnings
        alone are written straight to the row.
        """
        changed = self.set_privacy_warnings(self.find_privacy_warnings())
        if changed == ["privacy_warnings"]:
            type(self)._default_manager.filter(pk=self.pk).update(
                privacy_warnings=self.privacy_warnings
            )
        elif changed:
            self.save(update_fields=changed)

    refresh_privacy_warnings.alters_data = True

    @property
    def open_privacy_warnings(self):
        """The warnings nobody has checked yet; [] when there are none or a curator checked them."""
        return [] if self.privacy_checked_at else list(self.privacy_warnings or [])

    def privacy_report(self):
        """[(where, what, the text found)] for curators; never for anonymous visitors."""
        return privacy.describe(type(self), self.privacy_warnings or [])

    def privacy_report_for(self, user):
        """The report for a curator reading it before it is published; None for anyone else."""
        opts = self._meta
        if self.state == State.PUBLISHED or user is None or not user.is_authenticated:
            return None
        if not user.has_perm(f"{opts.app_label}.moderate_{opts.model_name}"):
            return None
        return self.privacy_report()


def waiting_first():
    """The review queue's first sort key: 0 for an example waiting for a curator, else 1.

    The curators' changelist sorts by it; the index initiative_review_order is
    built on the same expression, so PostgreSQL reads a page of that list from
    the index instead of sorting every example.
    """
    return Case(
        When(state="submitted", then=Value(0)), default=Value(1), output_field=models.IntegerField()
    )


# What an example's card reads (initiatives.cards) and the lists order by; the
# long texts and the search columns stay in the database.
CARD_FIELDS = (
    "title",
    "slug",
    "summary",
    "nationwide",
    "evidence",
    "published_at",
    "cost_level",
    "reuse_count",
    "reused_in_count",
    "category__name",
    "category__name_en",
    *(dimension.field for dimension in knowledge.DIMENSIONS),
)


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=Initiative.State.PUBLISHED)

    def visible_to(self, user):
        """Return the initiatives this user may see.

        Everyone sees published examples; a signed-in user also sees their own
        in any state; curators see everything.
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.published()
        if user.has_perm("initiatives.moderate_initiative"):
            return self
        return self.filter(Q(state=Initiative.State.PUBLISHED) | Q(submitted_by=user))

    def review_queue(self):
        """Examples waiting for a curator, the oldest submission first."""
        return self.filter(state=Initiative.State.SUBMITTED).order_by("submitted_at", "pk")

    def for_list(self, *also):
        """Only what an example's card shows (initiatives.cards), and any fields named."""
        return self.select_related("category").only(*CARD_FIELDS, *also)


class Initiative(Moderated, AutoSlugMixin, PrivacyChecked):
    """A good example that others can copy.

    Its fields follow the five dimensions of Socialstyrelsen's Vidensportal:
    target group, method, implementation, effect and economy.
    """

    State = State
    InvalidTransition = InvalidTransition

    class Format(models.TextChoices):
        PHYSICAL = "physical", _("physical")
        DIGITAL = "digital", _("digital")
        HYBRID = "hybrid", _("hybrid")

    class Status(models.TextChoices):
        IDEA = "idea", _("idea")
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        CONCLUDED = "concluded", _("concluded")

    class Evidence(models.TextChoices):
        """The evidence ladder, weakest first; /evidens/ says what each step requires."""

        NONE = "none", _("not documented")
        DESCRIBED = "described", _("described")
        EVALUATED = "evaluated", _("evaluated")
        RESEARCHED = "researched", _("research-based")

    class CostLevel(models.TextChoices):
        """What an example costs beyond the staff's hours, cheapest first."""

        FREE = "free", _("no extra cost")
        SMALL = "under-10000", _("under 10,000 kr.")
        MEDIUM = "10000-100000", _("10,000–100,000 kr.")
        LARGE = "over-100000", _("over 100,000 kr.")

    class Transferability(models.TextChoices):
        """The curators' judgement of how well an example runs elsewhere, the best first."""

        HIGH = "high", _("high")
        MEDIUM = "medium", _("medium")
        LOW = "low", _("low")

    class PhotoConsent(models.TextChoices):
        """The answer to the consent question (Initiative.needs_photo_consent)."""

        YES = "yes", _("Yes, we have consent from everyone shown")
        NOT_RECOGNISABLE = "not-recognisable", _("No one can be recognised in the photos")
        NO = "no", _("No, not from everyone")

    # What (metode)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("Two or three sentences: what is done, for whom.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What is done, step by step.")
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    # No default: the form preselects nothing the contributor did not choose.
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    # For whom (målgruppe)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), related_name="initiatives", blank=True
    )

    # Where and with whom
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_initiatives",
    )
    partner_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("partner organisations"),
        related_name="partner_initiatives",
        blank=True,
    )
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), related_name="initiatives", blank=True
    )
    nationwide = models.BooleanField(
        _("nationwide"),
        default=False,
        help_text=_("Tick if the example runs, or can run, in the whole country."),
    )
    uses_volunteers = models.BooleanField(_("uses volunteers"), default=False)

    # Spread: where others have taken the example up. The adoptions app keeps
    # these from the published adoptions (adoptions.spread), so that lists,
    # filters and cards read it without knowing adoptions.
    reused_in = models.ManyToManyField(
        Municipality,
        verbose_name=_("reused in"),
        related_name="reused_initiatives",
        blank=True,
        editable=False,
    )
    reuse_count = models.PositiveIntegerField(
        _("published adoptions"), default=0, db_default=0, editable=False
    )
    reused_in_count = models.PositiveIntegerField(
        _("municipalities reusing it"), default=0, db_default=0, editable=False
    )

    # Effect (effekt)
    evidence = models.CharField(
        _("evidence level"), max_length=20, choices=Evidence.choices, default=Evidence.NONE
    )
    evaluation_summary = models.TextField(_("evaluation summary"), blank=True)
    evaluation_url = WebAddressField(_("link to the evaluation"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)

    # Implementation (implementering) and economy (økonomi)
    resources = models.TextField(_("resources needed"), blank=True)
    how_to_start = models.TextField(_("how to get started"), blank=True)
    costs = models.TextField(
        _("costs"), blank=True, help_text=_("The money and staff hours it takes.")
    )
    cost_level = models.CharField(
        _("cost level"),
        max_length=20,
        choices=CostLevel.choices,
        blank=True,
        default="",
        db_default="",
        help_text=_("What it costs beyond the staff's hours, for a year or for one run."),
    )
    staff_hours = models.PositiveIntegerField(
        _("staff hours a month"),
        null=True,
        blank=True,
        help_text=_("An estimate of the staff hours it takes a month while it runs."),
    )

    # How much is known of each dimension (initiatives.knowledge): the
    # contributor proposes, a curator confirms or changes before publishing.
    known_target_group = _known(_("knowledge of the target group"))
    known_target_group_why = _known_why(_("why: target group"))
    known_method = _known(_("knowledge of the method"))
    known_method_why = _known_why(_("why: method"))
    known_implementation = _known(_("knowledge of the implementation"))
    known_implementation_why = _known_why(_("why: implementation"))
    known_effect = _known(_("knowledge of the effect"))
    known_effect_why = _known_why(_("why: effect"))
    known_economy = _known(_("knowledge of the economy"))
    known_economy_why = _known_why(_("why: economy"))

    # Transferability: what it takes to run the example elsewhere.
    transfer_preconditions = _transfer_note(
        _("preconditions"),
        _("What must be in place before others can start, e.g. a partner, a room or a skill."),
    )
    transfer_adaptable = _transfer_note(
        _("what can be adapted"), _("What others can change to fit their place and people.")
    )
    transfer_essential = _transfer_note(
        _("what must be kept"), _("What the example does not work without.")
    )
    transfer_pitfalls = _transfer_note(
        _("typical pitfalls"), _("What went wrong, or nearly did, and how to avoid it.")
    )
    transferability = models.CharField(
        _("transferability"),
        max_length=10,
        choices=Transferability.choices,
        blank=True,
        default="",
        db_default="",
        help_text=_("The curators' judgement of how well the example can be run elsewhere."),
    )

    # Contact: personal data, never shown to anonymous visitors.
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    # Asked when the example is for children or vulnerable adults and has
    # photos (needs_photo_consent); curators read the answer.
    photo_consent = models.CharField(
        _("consent to the photos"),
        max_length=20,
        choices=PhotoConsent.choices,
        blank=True,
        default="",
        db_default="",
        help_text=_(
            "The example is for children or vulnerable adults and has photos. Photos of "
            "people may only be published with their consent."
        ),
    )

    # Moderation
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_initiatives",
    )
    submitted_at = models.DateTimeField(_("sent for review"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_initiatives",
        editable=False,
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    moderation_note = models.TextField(_("note from the curator"), blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    featured = models.BooleanField(_("featured"), default=False, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The one-time key of the submission form that created it: a second POST of
    # that form (a double click) finds this example instead of making another.
    form_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    # The search document, kept current by initiatives.search (see save()).
    # search_names: names of category, target groups and organisations (weight D);
    # search_text: everything searchable, casefolded, for SQLite and trigrams;
    # search_parts: the parts of its compound words, folded (initiatives.compounds; weight D);
    # search_vector: the weighted Danish tsvector, PostgreSQL only.
    search_names = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")
    search_parts = models.TextField(editable=False, blank=True, default="", db_default="")
    search_vector = SearchVectorField(editable=False, null=True)

    slug_source = "title"
    privacy_fields = privacy.INITIATIVE_FIELDS
    reserved_slugs = {"indsend", "mine"}  # paths under /eksempler/ with pages of their own

    objects = InitiativeQuerySet.as_manager()
    history = HistoricalRecords(
        # The search document and the spread are kept from other rows, not edited.
        excluded_fields=[
            "search_names",
            "search_text",
            "search_parts",
            "search_vector",
            "form_key",
            "reuse_count",
            "reused_in_count",
            # Found again from the text on every save; the text is in the history.
            "privacy_warnings",
        ]
    )

    class Meta:
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")
        ordering = ["-published_at", "-created_at"]
        permissions = [("moderate_initiative", _("Can moderate good examples"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="initiative_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="published_initiative_has_publication_date",
            ),
            models.CheckConstraint(
                condition=Q(featured=False) | Q(state="published"),
                name="only_published_initiatives_are_featured",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-published_at"], name="initiative_state_published"),
            models.Index(fields=["state", "category"], name="initiative_state_category"),
            models.Index(fields=["format"], name="initiative_format"),
            models.Index(fields=["status"], name="initiative_status"),
            models.Index(fields=["evidence"], name="initiative_evidence"),
            models.Index(fields=["cost_level"], name="initiative_cost_level"),
            models.Index(fields=["transferability"], name="initiative_transferability"),
            models.Index(fields=["title"], name="initiative_title"),
            # The list sorted by spread (sort=adoptions) when it is read in SQL.
            models.Index(
                F("reuse_count").desc(),
                F("published_at").desc(),
                condition=Q(state="published"),
                name="initiative_most_reused",
            ),
            # The curators' changelist order (InitiativeAdmin.get_ordering, and
            # the admin's own last key, -pk).
            models.Index(
                waiting_first(),
                "submitted_at",
                F("updated_at").desc(),
                F("id").desc(),
                name="initiative_review_order",
            ),
            models.Index(
                fields=["-published_at"],
                condition=Q(featured=True),
                name="initiative_featured",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, update_fields=None, **kwargs):
        super().save(*args, update_fields=update_fields, **kwargs)
        # After commit, so that the relations saved in the same transaction
        # (target groups, organisations) are in the document too.
        if update_fields is None or search.SEARCHED_FIELDS & set(update_fields):
            search.refresh_after_commit([self.pk])

    def get_absolute_url(self):
        return reverse("initiatives:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.state == self.State.PUBLISHED

    @property
    def is_editable_by_submitter(self):
        return self.state in {self.State.DRAFT, self.State.CHANGES_REQUESTED}

    # What missing_for_review() asks for; the form marks these fields.
    NEEDED_FOR_REVIEW = (
        "description",
        "format",
        "status",
        "target_groups",
        "municipalities",
        "lead_organisation",
        "how_to_start",
        "cost_level",
        *(dimension.field for dimension in knowledge.DIMENSIONS),
        "contact_email",
    )

    def missing_for_review(self):
        """Return {field name: message} for what a curator needs before reviewing.

        A draft may be incomplete; an example sent for review may not. Needs a
        saved example, since target groups and municipalities are relations.
        """
        missing = {}
        if not self.description.strip():
            missing["description"] = _("Describe what is done.")
        if not self.format:
            missing["format"] = _("Say whether it is physical, digital or both.")
        if not self.status:
            missing["status"] = _("Say how far the example has come.")
        if not self.target_groups.exists():
            missing["target_groups"] = _("Choose at least one target group.")
        if not self.nationwide and not self.municipalities.exists():
            missing["municipalities"] = _("Choose the municipalities, or tick nationwide.")
        if self.lead_organisation_id is None:
            missing["lead_organisation"] = _("Name the organisation behind the example.")
        if not self.how_to_start.strip():
            missing["how_to_start"] = _("Tell others how to get started.")
        if not self.cost_level:
            missing["cost_level"] = _("Choose what it costs.")
        for dimension, level, why in knowledge.declared(self):
            if not level:
                missing[dimension.field] = _("Say how much is known of the %(dimension)s.") % {
                    "dimension": dimension.label
                }
            elif level in DOCUMENTED and not why.strip():
                missing[dimension.why_field] = _("Say where the %(dimension)s is documented.") % {
                    "dimension": dimension.label
                }
        if not self.contact_email:
            missing["contact_email"] = _("Give an e-mail address a curator can write to.")
        if not self.photo_consent and self.needs_photo_consent():
            missing["photo_consent"] = _("Say whether you have consent from the people shown.")
        return missing

    def needs_photo_consent(self):
        """Whether the consent question applies: images attached, and a vulnerable target group."""
        if self.pk is None:
            return False
        images = Q()
        for extension in uploads.IMAGE_EXTENSIONS:
            images |= Q(file__iendswith=extension)
        return (
            self.attachments.filter(images).exists()
            and self.target_groups.filter(vulnerable=True).exists()
        )

    def find_privacy_warnings(self):
        """The text fields' warnings, then each attachment's (read when it was saved)."""
        warnings = privacy.text_warnings(self, self.privacy_fields)
        if self.pk is not None:
            for pk, title, found in self.attachments.values_list("pk", "title", "privacy_warnings"):
                warnings += privacy.attached(found, title=title, pk=pk)
        return privacy.capped(warnings)

    def clean(self):
        super().clean()
        # The evidence level is the effect dimension's summary: the two must agree.
        effect = self.known_effect
        if effect == knowledge.Level.A and self.evidence not in EVALUATED:
            raise ValidationError(
                {
                    "known_effect": _(
                        "A tested effect needs an evaluation: set the evidence level to "
                        "evaluated or research-based, or choose B."
                    )
                }
            )
        if effect in {knowledge.Level.C, knowledge.Level.D} and self.evidence in EVALUATED:
            raise ValidationError(
                {
                    "known_effect": _(
                        "The evidence level says the effect is evaluated, so it is at "
                        "least documented (B)."
                    )
                }
            )

    def submit(self, *, by):
        self.moderate("submit", by=by)

    submit.alters_data = True

    def publish(self, *, by, note="", privacy_note=""):
        self.moderate("publish", by=by, note=note, privacy_note=privacy_note)

    publish.alters_data = True

    def request_changes(self, *, by, note):
        self.moderate("request_changes", by=by, note=note)

    request_changes.alters_data = True

    def reject(self, *, by, note):
        self.moderate("reject", by=by, note=note)

    reject.alters_data = True

    def archive(self, *, by, note=""):
        self.moderate("archive", by=by, note=note)

    archive.alters_data = True

    def set_featured(self, featured, *, by):
        self.moderate("feature" if featured else "unfeature", by=by)

    set_featured.alters_data = True


# Levels that claim documentation: the justification must say where it is.
DOCUMENTED = {knowledge.Level.A, knowledge.Level.B}
EVALUATED = {Initiative.Evidence.EVALUATED, Initiative.Evidence.RESEARCHED}


@dataclass(frozen=True)
class Step:
    """One move of the moderation workflow: from where, to where, and who hears of it."""

    name: str
    label: str  # the button and the admin page's title
    action_label: str  # the admin's bulk action
    done: str  # what the curator is told afterwards, ngettext_lazy keyed on "count"
    sources: frozenset
    target: str | None  # the new state; None leaves the state alone (featuring)
    refusal: str  # why it cannot be taken from the current state
    note_required: bool = False
    featured: bool | None = None
    by_curator: bool = True
    tell: str = ""  # CURATORS or SUBMITTER: who gets an e-mail once it is saved
    # A more helpful refusal for particular states than the general one.
    refusals: dict = field(default_factory=dict)
    # Refused while privacy warnings are open, unless the curator notes what they checked.
    privacy_guarded: bool = False

    def check(self, initiative, note, privacy_note=""):
        if initiative.state not in self.sources:
            message = self.refusals.get(initiative.state, self.refusal)
            raise InvalidTransition(
                message % {"title": initiative.title, "state": initiative.get_state_display()}
            )
        if self.note_required and not (note or "").strip():
            raise InvalidTransition(_("Write a note to the submitter saying why."))
        checked = (privacy_note or "").strip()
        if self.privacy_guarded and initiative.open_privacy_warnings and not checked:
            raise InvalidTransition(PRIVACY_REFUSAL % {"title": initiative.title})
        if self.target == State.SUBMITTED:
            missing = initiative.missing_for_review()
            if missing:
                raise InvalidTransition(
                    _("“%(title)s” is not complete yet: %(missing)s")
                    % {"title": initiative.title, "missing": " ".join(map(str, missing.values()))}
                )


CURATORS, SUBMITTER = "curators", "submitter"
PRIVACY_REFUSAL = _(
    "“%(title)s” has privacy warnings that nobody has checked. Open it, check each "
    "warning, and publish it alone with “Checked, publish anyway” and a note."
)
_State = State

# The one table of moderation rules: the model's methods, the admin's actions
# and buttons, and the e-mails are all built from it.
WORKFLOW = {
    step.name: step
    for step in [
        Step(
            name="submit",
            label=_("Send for review"),
            action_label=_("Send for review"),
            done=ngettext_lazy(
                "%(count)d good example is sent for review.",
                "%(count)d good examples are sent for review.",
                "count",
            ),
            sources=frozenset({_State.DRAFT, _State.CHANGES_REQUESTED}),
            target=_State.SUBMITTED,
            refusal=_("“%(title)s” is %(state)s and cannot be sent for review."),
            by_curator=False,
            tell=CURATORS,
        ),
        Step(
            name="publish",
            label=_("Publish"),
            action_label=_("Publish selected examples"),
            done=ngettext_lazy(
                "%(count)d good example is published.",
                "%(count)d good examples are published.",
                "count",
            ),
            sources=frozenset({_State.SUBMITTED, _State.ARCHIVED}),
            target=_State.PUBLISHED,
            refusal=_("“%(title)s” is %(state)s and cannot be published."),
            refusals={
                _State.DRAFT: _(
                    "“%(title)s” is a draft that nobody has sent for review. "
                    "Send it for review first, then publish it."
                )
            },
            tell=SUBMITTER,
            privacy_guarded=True,
        ),
        Step(
            name="request_changes",
            label=_("Request changes"),
            action_label=_("Request changes to selected examples"),
            done=ngettext_lazy(
                "%(count)d good example is sent back for changes.",
                "%(count)d good examples are sent back for changes.",
                "count",
            ),
            sources=frozenset({_State.SUBMITTED}),
            target=_State.CHANGES_REQUESTED,
            refusal=_("“%(title)s” is %(state)s; only examples sent for review can be sent back."),
            note_required=True,
            tell=SUBMITTER,
        ),
        Step(
            name="reject",
            label=_("Reject"),
            action_label=_("Reject selected examples"),
            done=ngettext_lazy(
                "%(count)d good example is rejected.",
                "%(count)d good examples are rejected.",
                "count",
            ),
            sources=frozenset({_State.SUBMITTED}),
            target=_State.REJECTED,
            refusal=_("“%(title)s” is %(state)s; only examples sent for review can be rejected."),
            note_required=True,
            tell=SUBMITTER,
        ),
        Step(
            name="archive",
            label=_("Archive"),
            action_label=_("Archive selected examples"),
            done=ngettext_lazy(
                "%(count)d good example is archived.",
                "%(count)d good examples are archived.",
                "count",
            ),
            sources=frozenset({_State.PUBLISHED}),
            target=_State.ARCHIVED,
            refusal=_("“%(title)s” is %(state)s; only published examples can be archived."),
        ),
        Step(
            name="feature",
            label=_("Feature"),
            action_label=_("Feature selected examples"),
            done=ngettext_lazy(
                "%(count)d good example is featured.",
                "%(count)d good examples are featured.",
                "count",
            ),
            sources=frozenset({_State.PUBLISHED}),
            target=None,
            featured=True,
            refusal=_("“%(title)s” is %(state)s; only published examples can be featured."),
        ),
        Step(
            name="unfeature",
            label=_("Stop featuring"),
            action_label=_("Stop featuring selected examples"),
            done=ngettext_lazy(
                "%(count)d good example is no longer featured.",
                "%(count)d good examples are no longer featured.",
                "count",
            ),
            sources=frozenset(_State),
            target=None,
            featured=False,
            refusal="",
        ),
    ]
}


def attachment_path(instance, filename):
    """Store uploads under an unguessable name and the extension their content proves."""
    return uploads.stored_name(instance.file)


class Link(models.Model):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("good example"), on_delete=models.CASCADE, related_name="links"
    )
    title = models.CharField(_("title"), max_length=200)
    url = WebAddressField(_("address"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url


class Attachment(models.Model):
    class Licence(models.TextChoices):
        CC_BY = "cc-by-4.0", _("CC BY 4.0 (free to reuse with credit)")
        CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0 (reuse with credit, share alike)")
        CC0 = "cc0", _("CC0 (no rights reserved)")
        ALL_RIGHTS = "all-rights-reserved", _("All rights reserved (ask before reuse)")

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("good example"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=200)
    file = ServedFileField(
        _("file"),
        upload_to=attachment_path,
        max_length=200,
        validators=[uploads.validate_attachment],
    )
    licence = models.CharField(
        _("reuse licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY
    )
    evaluation = models.BooleanField(
        _("evaluation report"),
        default=False,
        db_default=False,
        help_text=_("Tick if the file evaluates the example: it is shown by its evidence level."),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # What looks like personal data in its title and text (initiatives.privacy),
    # read once when it is saved; the example gathers these with its own.
    privacy_warnings = models.JSONField(
        _("privacy warnings"), default=list, db_default=[], blank=True, editable=False
    )

    history = HistoricalRecords(excluded_fields=["privacy_warnings"])

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or {"file", "title"} & set(update_fields):
            self.privacy_warnings = privacy.file_warnings(self.file, title=self.title)
            if update_fields is not None:
                update_fields = [*update_fields, "privacy_warnings"]
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "initiatives:attachment", kwargs={"slug": self.initiative.slug, "pk": self.pk}
        )

    @property
    def extension(self):
        """The stored file's extension, which its content proved when it came in."""
        return PurePath(self.file.name).suffix.lower()
