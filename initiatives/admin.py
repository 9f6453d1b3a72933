"""The curators' workplace: taxonomy, good examples and their moderation."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import format_lazy, smart_split, unescape_string_literal
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from initiatives import knowledge, services
from initiatives.forms import TRANSFER_NOTES
from initiatives.models import (
    Attachment,
    Category,
    Initiative,
    Link,
    SynonymGroup,
    TargetGroup,
    waiting_first,
)
from portal.lib.history import HistoryAdmin
from portal.lib.lix import readability


@admin.register(Category)
class CategoryAdmin(HistoryAdmin):
    list_display = ["name", "name_en", "position", "initiative_count"]
    list_editable = ["position"]
    search_fields = ["name", "name_en", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(initiative_total=Count("initiatives"))

    @admin.display(description=_("good examples"), ordering="initiative_total")
    def initiative_count(self, obj):
        return obj.initiative_total


@admin.register(TargetGroup)
class TargetGroupAdmin(CategoryAdmin):
    list_display = [*CategoryAdmin.list_display, "vulnerable"]
    list_editable = [*CategoryAdmin.list_editable, "vulnerable"]
    search_fields = ["name", "name_en"]


@admin.register(SynonymGroup)
class SynonymGroupAdmin(HistoryAdmin):
    """Words that mean the same to a reader; a search for one finds the others too."""

    list_display = ["__str__"]
    search_fields = ["words"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 4, "cols": 60})}
    }


class LinkInline(admin.TabularInline):
    model = Link
    extra = 0
    fields = ["title", "url", "position"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "file", "licence", "evaluation"]


class ModerationForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the submitter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_("The submitter reads this. Required when you request changes or reject."),
    )
    # Offered only when one object with open privacy warnings is published (take_step).
    publish_anyway = forms.BooleanField(
        label=_("Checked, publish anyway"),
        required=False,
        help_text=_("I have read each privacy warning above and none of them is a risk."),
    )
    privacy_note = forms.CharField(
        label=_("What you checked"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_(
            "Kept in the history, not shown to the submitter. E.g. “The phone number is the "
            "library's own; the name is the author's.”"
        ),
    )

    def __init__(self, *args, privacy=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not privacy:
            del self.fields["publish_anyway"], self.fields["privacy_note"]

    def clean(self):
        cleaned = super().clean()
        anyway, why = cleaned.get("publish_anyway"), cleaned.get("privacy_note", "").strip()
        if anyway and not why:
            self.add_error("privacy_note", _("Say what you checked."))
        if why and not anyway:
            self.add_error("publish_anyway", _("Tick the box to publish despite the warnings."))
        return cleaned

    @property
    def checked_note(self):
        """The "checked, publish anyway" note, or "" if the curator did not confirm."""
        if "publish_anyway" not in self.fields or not self.cleaned_data.get("publish_anyway"):
            return ""
        return self.cleaned_data["privacy_note"]


def _bulk_action(step, description=None):
    """The admin action that takes one workflow step for the selected objects."""

    def action(modeladmin, request, queryset):
        return modeladmin.take_step(request, queryset, step)

    action.__name__ = f"{step.name}_selected"
    description = description or step.action_label
    return admin.action(description=description, permissions=["moderate"])(action)


def moderation_actions(model, descriptions=None):
    """A bulk action for each curator's step the model takes, in the workflow's order.

    `descriptions` ({step name: label}) names the actions in the model's own
    words where the WORKFLOW table's speak of good examples.
    """
    descriptions = descriptions or {}
    return [
        _bulk_action(step, descriptions.get(name))
        for name, step in model.workflow().items()
        if step.by_curator
    ]


def review_queue_context():
    """How many examples wait for a curator, and the link to them, oldest first.

    One COUNT over the state index; the admin home and the examples list show it.
    """
    return {
        "review_count": Initiative.objects.review_queue().count(),
        # The changelist's own order puts the oldest submission first.
        "review_url": reverse(
            "admin:initiatives_initiative_changelist",
            query={"state__exact": Initiative.State.SUBMITTED},
        ),
    }


class CountCappedPaginator(Paginator):
    """Counts the matches only up to `cap`, and says whether there are more.

    Counting every match is the dearest query of a long list: a search reads
    every example to count them. A count that stops at `cap` costs at most
    `cap` rows. The changelist shows "1000+" when there are more
    (templates/admin/initiatives/initiative/pagination.html).
    """

    def __init__(self, object_list, per_page, *, cap, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def counted(self):
        # No ORDER BY: a count needs none, and without it PostgreSQL stops at the limit.
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self):
        return min(self.counted, self.cap)

    @property
    def capped(self):
        return self.counted > self.cap


class TargetGroupFilter(admin.SimpleListFilter):
    """Django's filter for target_groups, as a subquery rather than a join.

    A join repeats an example once per group, so the admin would need
    DISTINCT over every matching example before it could show one page.
    Same parameter, so the addresses stay as they were.
    """

    title = _("target groups")
    parameter_name = "target_groups__id__exact"

    def lookups(self, request, model_admin):
        return [(str(group.pk), group.name) for group in TargetGroup.objects.in_order()]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            group = int(self.value())
        except ValueError:
            raise IncorrectLookupParameters from None
        chosen = Initiative.target_groups.through.objects.filter(targetgroup_id=group)
        return queryset.filter(pk__in=chosen.values("initiative_id"))


# How far the changelist counts: nine pages past the one shown, rounded up to
# whole thousands, so its page links always reach further than the curator is.
PAGES_COUNTED_AHEAD = 9
COUNT_STEP = 1000
# Long texts the changelist never shows: a page of examples without them is a
# fraction of the bytes (the search columns alone are most of a row). The
# summary and the description are read: the LIX column is computed from them.
NOT_IN_CHANGELIST = [
    "evaluation_summary",
    "outcomes",
    "resources",
    "how_to_start",
    "costs",
    "moderation_note",
    *(dimension.why_field for dimension in knowledge.DIMENSIONS),
    *TRANSFER_NOTES,
    "search_names",
    "search_text",
    "search_parts",
    "search_vector",
]


LEVEL_FIELDS = {dimension.field for dimension in knowledge.DIMENSIONS}

# The change page's privacy section, for examples and adoptions alike.
PRIVACY_READONLY = ["privacy_findings", "privacy_checked_at", "privacy_checked_note"]
PRIVACY_HELP = _(
    "What looks like personal data in the text and the attachments. Publishing with "
    "warnings nobody has checked needs “Checked, publish anyway” and a note, kept in "
    "the history."
)


class PrivacyFilter(admin.SimpleListFilter):
    """Rows whose privacy warnings nobody has checked, or that have none."""

    title = _("privacy warnings")
    parameter_name = "privacy"

    def lookups(self, request, model_admin):
        return [("open", _("not checked")), ("checked", _("checked")), ("none", _("none"))]

    def queryset(self, request, queryset):
        warned = ~Q(privacy_warnings=[])
        if self.value() == "open":
            return queryset.filter(warned, privacy_checked_at__isnull=True)
        if self.value() == "checked":
            return queryset.filter(warned, privacy_checked_at__isnull=False)
        if self.value() == "none":
            return queryset.filter(privacy_warnings=[])
        return queryset


class ModerationAdmin(HistoryAdmin):
    """Moderation in the admin: the workflow's steps as bulk actions and change-page buttons.

    The steps are those the model takes (Moderated.workflow()). A subclass
    names the permission, the services module that takes the steps and tells
    whom they tell, and its own words where the WORKFLOW table's speak of good
    examples; its actions come from moderation_actions().
    """

    moderate_permission = "initiatives.moderate_initiative"
    moderation_services = services
    # {step name: ngettext_lazy keyed on "count"}: what the curator is told, if
    # not the WORKFLOW table's words.
    done_messages = {}
    moderation_template = "admin/initiatives/initiative/moderate.html"
    change_form_template = "admin/initiatives/initiative/change_form.html"

    def has_moderate_permission(self, request):
        return request.user.has_perm(self.moderate_permission)

    # The dates without the time of day: a column half as wide, so the list fits
    # a laptop screen, and the change page has the exact times.
    @admin.display(description=_("sent"), ordering="submitted_at")
    def sent(self, obj):
        return _short_date(obj.submitted_at)

    def with_privacy_badge(self, obj, name):
        """`name` with the count of privacy warnings nobody has checked under it.

        In the review queue's first column, which wraps, so the list keeps its
        width; read from the row, so it costs no query more.
        """
        count = len(obj.open_privacy_warnings)
        if not count:
            return name
        label = ngettext("%(count)d privacy warning", "%(count)d privacy warnings", count)
        return format_html(
            '{}<br><strong class="privacy-warning"><span aria-hidden="true">⚠</span> {}</strong>',
            name,
            label % {"count": count},
        )

    @admin.display(description=_("privacy warnings"))
    def privacy_findings(self, obj):
        return render_to_string(
            "admin/initiatives/privacy_report.html", {"report": obj.privacy_report()}
        )

    @admin.display(description=_("submitted by"))
    def submitter(self, obj):
        # Sent for review by someone whose account is gone (accounts.privacy).
        if obj.submitted_by is None and obj.submitted_at is not None:
            return _("Deleted user")
        return obj.submitted_by or self.get_empty_value_display()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None and self.has_moderate_permission(request):
            extra_context["moderation_links"] = [
                (step.label, reverse(self._moderate_url_name, args=[obj.pk, step.name]))
                for step in obj.available_steps()
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    @property
    def _moderate_url_name(self):
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_moderate"

    def get_urls(self):
        return [
            path(
                "<int:object_id>/moderate/<str:step>/",
                self.admin_site.admin_view(self.moderate_view),
                name=self._moderate_url_name.removeprefix("admin:"),
            ),
            *super().get_urls(),
        ]

    def moderate_view(self, request, object_id, step):
        """One object, one step, with a note: the change page's moderation buttons."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        workflow = self.model.workflow()
        if step not in workflow or not workflow[step].by_curator:
            raise PermissionDenied
        queryset = self.model._default_manager.filter(pk=object_id)
        get_object_or_404(queryset)
        response = self.take_step(request, queryset, workflow[step])
        if response is None:
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", object_id)
        return response

    def moderation_queryset(self, queryset):
        """The selection as the page that asks for a note lists it."""
        return queryset.order_by("title")

    def take_step(self, request, queryset, step):
        """Take `step` for each selected object and report the outcome.

        A step that changes the state first asks for a note to the submitter
        and returns that page; None means done, and the admin goes back to
        where it came from.
        """
        if step.target is None:
            self._apply(request, queryset, step, "")
            return None
        objects = self.moderation_queryset(queryset)
        guarded = [obj for obj in objects if step.privacy_guarded and obj.open_privacy_warnings]
        # "Checked, publish anyway" is for one object read on its own; a bulk
        # publication skips those with open warnings, and says which.
        data = request.POST if "apply" in request.POST else None
        form = ModerationForm(data, privacy=len(objects) == 1 and bool(guarded))
        if form.is_bound and form.is_valid():
            note = form.cleaned_data["note"]
            if step.note_required and not note.strip():
                form.add_error("note", _("Write a note to the submitter saying why."))
            else:
                self._apply(request, queryset, step, note, privacy_note=form.checked_note)
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": step.label,
            "opts": self.model._meta,
            "objects": objects,
            "guarded": guarded,
            "form": form,
            "step": step,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "from_action": "action" in request.POST,
        }
        return TemplateResponse(request, self.moderation_template, context)

    def _apply(self, request, queryset, step, note, *, privacy_note=""):
        done, refused = self.moderation_services.moderate_many(
            queryset, step=step.name, by=request.user, note=note, privacy_note=privacy_note
        )
        if done:
            message = self.done_messages.get(step.name, step.done)
            self.message_user(request, message % {"count": len(done)}, messages.SUCCESS)
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)


class InitiativeAdmin(ModerationAdmin):
    list_display = [
        "example_title",
        "state",
        "lix",
        "category",
        "organisation",
        "sent",
        "published",
        "featured",
    ]
    list_filter = [
        "state",
        PrivacyFilter,
        "featured",
        # Not date_hierarchy: its year links read every example's date each time.
        ("published_at", admin.DateFieldListFilter),
        "category",
        "format",
        "status",
        "evidence",
        "cost_level",
        "transferability",
        "uses_volunteers",
        "nationwide",
        TargetGroupFilter,
        "partnership",
    ]
    search_fields = ["title", "summary", "description", "lead_organisation__name"]

    def lookup_allowed(self, lookup, value, request=None):
        # Django checks every parameter against the list filters' field paths
        # before any filter runs; TargetGroupFilter keeps the old field-path
        # parameter name, which that check does not recognise as its own.
        if lookup == TargetGroupFilter.parameter_name:
            return True
        return super().lookup_allowed(lookup, value, request)

    autocomplete_fields = [
        "category",
        "target_groups",
        "lead_organisation",
        "partner_organisations",
        "partnership",
        "municipalities",
    ]
    list_select_related = ["category", "lead_organisation"]
    # National scale (issue 14): the list counts its matches at most once, and
    # only so far (get_paginator); the filters' counts would each read every example.
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    # Half Django's 100: rendering the rows is most of the page's time, and a
    # curator works through the queue a screenful at a time.
    list_per_page = 50
    prepopulated_fields = {"slug": ["title"]}
    inlines = [LinkInline, AttachmentInline]
    readonly_fields = [
        "state",
        "submitter",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "moderation_note",
        "published_at",
        "featured",
        "created_at",
        "updated_at",
        *PRIVACY_READONLY,
        "photo_consent",
    ]
    fieldsets = [
        (
            _("Moderation"),
            {
                "fields": [
                    ("state", "featured"),
                    ("submitter", "submitted_at"),
                    ("reviewed_by", "reviewed_at"),
                    "moderation_note",
                    ("published_at", "created_at", "updated_at"),
                ]
            },
        ),
        (
            _("Privacy"),
            {"fields": [*PRIVACY_READONLY, "photo_consent"], "description": PRIVACY_HELP},
        ),
        (
            _("Method: what is done"),
            {
                "fields": [
                    "title",
                    "slug",
                    "summary",
                    "description",
                    "category",
                    ("format", "status"),
                    ("start_date", "end_date"),
                ]
            },
        ),
        (_("Target group"), {"fields": ["target_groups"]}),
        (
            _("Where and with whom"),
            {
                "fields": [
                    "lead_organisation",
                    "partner_organisations",
                    "partnership",
                    "nationwide",
                    "municipalities",
                    "uses_volunteers",
                ]
            },
        ),
        (
            _("Effect: outcomes and evidence"),
            {"fields": ["evidence", "evaluation_summary", "evaluation_url", "outcomes"]},
        ),
        (
            _("Implementation and economy"),
            {"fields": ["resources", "how_to_start", "costs", ("cost_level", "staff_hours")]},
        ),
        (
            _("Knowledge declaration and transferability"),
            {
                "description": _(
                    "The levels are the contributor's proposal. Confirm or change each "
                    "one before you publish; the history keeps what was proposed. "
                    "Transferability is your own judgement."
                ),
                # One row per dimension: the level beside what it rests on.
                "fields": [
                    *((dimension.field, dimension.why_field) for dimension in knowledge.DIMENSIONS),
                    "transferability",
                    *TRANSFER_NOTES,
                ],
            },
        ),
        (_("Contact"), {"fields": ["contact_name", "contact_email"]}),
    ]
    actions = moderation_actions(Initiative)
    change_list_template = "admin/initiatives/initiative/change_list.html"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in LEVEL_FIELDS:
            # "C: described in outline", as the contributor chose it in the form.
            formfield.choices = [
                ("", "---------"),
                *(
                    (value, format_lazy("{}: {}", value, label))
                    for value, label in db_field.choices
                ),
            ]
        elif db_field.name in TRANSFER_NOTES:
            formfield.widget.attrs["rows"] = 3  # a few lines each
        return formfield

    def get_ordering(self, request):
        # The review queue: examples waiting for a curator come first, oldest
        # first. The index initiative_review_order has this order.
        return [waiting_first().asc(), "submitted_at", "-updated_at"]

    def get_search_results(self, request, queryset, search_term):
        # Each word in the casefolded search document (initiatives.search), which
        # holds every searched field and the names of the category and the
        # organisations: one column with a trigram index, not four compared
        # case-insensitively row by row.
        for word in smart_split(search_term):
            if word[0] in {'"', "'"} and word[0] == word[-1]:
                word = unescape_string_literal(word)
            queryset = queryset.filter(search_text__contains=word.casefold())
        return queryset, False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        try:
            page = max(1, int(request.GET.get(PAGE_VAR, 1)))
        except ValueError:
            page = 1  # the changelist itself answers a bad page number
        ahead = (page + PAGES_COUNTED_AHEAD) * per_page
        return CountCappedPaginator(
            queryset.defer(*NOT_IN_CHANGELIST),
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            cap=-(-ahead // COUNT_STEP) * COUNT_STEP,
        )

    def action_checkbox(self, obj):
        # Django's renders a form widget through its template for every row,
        # a third of the changelist's time; this is the same markup.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            admin.helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), obj),
        )

    # The title with its privacy warnings: a column of its own would not fit
    # the list beside its filters on a laptop.
    @admin.display(description=_("title"), ordering="title")
    def example_title(self, obj):
        return self.with_privacy_badge(obj, obj.title)

    # "Ansvarlig organisation" was the widest heading in the list, and headings
    # never wrap.
    @admin.display(description=_("organisation"), ordering="lead_organisation__name")
    def organisation(self, obj):
        return obj.lead_organisation

    @admin.display(description=_("published"), ordering="published_at")
    def published(self, obj):
        return _short_date(obj.published_at)

    @admin.display(description=_("LIX"))
    def lix(self, obj):
        """The readability of the summary and the description, from the row: no query more."""
        found = readability(f"{obj.summary}\n\n{obj.description}")
        if found is None:
            return ""
        return format_html('{} <span class="lix-band">{}</span>', found.value, found.band.name)

    def save_model(self, request, obj, form, change):
        # An example a curator writes in the admin counts as theirs until
        # someone else is recorded, so it has a submitter to answer to.
        if not change and obj.submitted_by_id is None:
            obj.submitted_by = request.user
        super().save_model(request, obj, form, change)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **review_queue_context(),
            # The list and its filters need the whole width of a laptop; the
            # breadcrumbs and the admin home lead everywhere the sidebar does.
            "is_nav_sidebar_enabled": False,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)


def _short_date(moment):
    return None if moment is None else date_format(localtime(moment), "SHORT_DATE_FORMAT")


admin.site.register(Initiative, InitiativeAdmin)


@admin.register(Link)
class LinkAdmin(HistoryAdmin):
    list_display = ["title", "url", "initiative"]
    search_fields = ["title", "url", "initiative__title"]
    autocomplete_fields = ["initiative"]
    list_select_related = ["initiative"]


@admin.register(Attachment)
class AttachmentAdmin(HistoryAdmin):
    list_display = ["title", "licence", "evaluation", "initiative", "created_at"]
    list_filter = ["licence", "evaluation"]
    search_fields = ["title", "initiative__title"]
    autocomplete_fields = ["initiative"]
    list_select_related = ["initiative"]
    date_hierarchy = "created_at"
