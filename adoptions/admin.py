"""The curators' side of adoptions: their review queue, their moderation, and the
adoptions listed on their example's own page in the admin.

Adoptions are moderated as examples are (initiatives.admin.ModerationAdmin),
in their own words. The example's page gets its inline from here, as the
initiatives app must not know adoptions: this module registers the examples'
admin again with the inline added.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from adoptions import services
from adoptions.models import Adoption
from initiatives.admin import (
    PRIVACY_HELP,
    PRIVACY_READONLY,
    InitiativeAdmin,
    ModerationAdmin,
    PrivacyFilter,
    moderation_actions,
)
from initiatives.models import Initiative, State, waiting_first

# The WORKFLOW table speaks of good examples; the curator reads of adoptions.
ACTION_LABELS = {
    "publish": _("Publish selected adoptions"),
    "request_changes": _("Request changes to selected adoptions"),
    "reject": _("Reject selected adoptions"),
    "archive": _("Archive selected adoptions"),
}
DONE_MESSAGES = {
    "publish": ngettext_lazy(
        "%(count)d adoption is published.", "%(count)d adoptions are published.", "count"
    ),
    "request_changes": ngettext_lazy(
        "%(count)d adoption is sent back for changes.",
        "%(count)d adoptions are sent back for changes.",
        "count",
    ),
    "reject": ngettext_lazy(
        "%(count)d adoption is rejected.", "%(count)d adoptions are rejected.", "count"
    ),
    "archive": ngettext_lazy(
        "%(count)d adoption is archived.", "%(count)d adoptions are archived.", "count"
    ),
}


def review_queue_context():
    """How many adoptions wait for a curator, and the link to them, oldest first.

    One COUNT over the review-queue index; the admin home and the adoptions list show it.
    """
    return {
        "adoption_review_count": Adoption.objects.review_queue().count(),
        # The changelist's own order puts the oldest submission first.
        "adoption_review_url": reverse(
            "admin:adoptions_adoption_changelist", query={"state__exact": State.SUBMITTED}
        ),
    }


class AdoptionForm(forms.ModelForm):
    def clean_started(self):
        # A month, as the public form asks for it: the day is always the first.
        started = self.cleaned_data["started"]
        return started and started.replace(day=1)


class AdoptionColumns:
    """What the list and the example's inline show of an adoption."""

    @admin.display(description=_("place"), ordering="municipality__name")
    def place(self, obj):
        return obj.place

    @admin.display(description=_("started"), ordering="started")
    def since(self, obj):
        return date_format(obj.started, "YEAR_MONTH_FORMAT")


@admin.register(Adoption)
class AdoptionAdmin(AdoptionColumns, ModerationAdmin):
    form = AdoptionForm
    list_display = ["example", "organisation", "place", "since", "state", "sent"]
    list_filter = ["state", PrivacyFilter]
    search_fields = ["initiative__title", "organisation__name", "municipality__name"]
    list_select_related = ["initiative", "organisation", "municipality"]
    autocomplete_fields = ["initiative", "organisation", "municipality"]
    readonly_fields = [
        "state",
        "submitter",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "moderation_note",
        "published_at",
        "created_at",
        "updated_at",
        *PRIVACY_READONLY,
    ]
    fieldsets = [
        (
            _("Moderation"),
            {
                "fields": [
                    "state",
                    ("submitter", "submitted_at"),
                    ("reviewed_by", "reviewed_at"),
                    "moderation_note",
                    ("published_at", "created_at", "updated_at"),
                ]
            },
        ),
        (_("Privacy"), {"fields": PRIVACY_READONLY, "description": PRIVACY_HELP}),
        (
            _("Who took up which example, where"),
            {"fields": ["initiative", "organisation", ("municipality", "nationwide"), "started"]},
        ),
        (_("How it went"), {"fields": ["adaptation", "result", "url"]}),
        (_("Attachment"), {"fields": ["attachment", "attachment_title", "attachment_licence"]}),
    ]
    actions = moderation_actions(Adoption, ACTION_LABELS)
    moderate_permission = "adoptions.moderate_adoption"
    moderation_services = services
    done_messages = DONE_MESSAGES

    @admin.display(description=_("good example"), ordering="initiative__title")
    def example(self, obj):
        return self.with_privacy_badge(obj, obj.initiative)

    def get_ordering(self, request):
        # The review queue: adoptions waiting for a curator come first, oldest first.
        return [waiting_first().asc(), "submitted_at", "-updated_at"]

    def moderation_queryset(self, queryset):
        return queryset.select_related("initiative", "organisation").order_by(
            "initiative__title", "organisation__name"
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            # There is no draft of an adoption: one a curator adds is theirs
            # and waits in the queue, where it is published like any other.
            services.submit(obj, by=request.user)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**review_queue_context(), **(extra_context or {})}
        return super().changelist_view(request, extra_context)


class AdoptionInline(AdoptionColumns, admin.TabularInline):
    """An example's adoptions on its page; each is read and moderated on its own page."""

    model = Adoption
    fields = readonly_fields = ["organisation", "place", "since", "state"]
    extra = 0
    can_delete = False
    show_change_link = True
    view_on_site = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "municipality")


class InitiativeWithAdoptionsAdmin(InitiativeAdmin):
    inlines = [*InitiativeAdmin.inlines, AdoptionInline]


admin.site.unregister(Initiative)
admin.site.register(Initiative, InitiativeWithAdoptionsAdmin)
