"""The curators' workplace: taxonomy, good examples and their moderation."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from initiatives import services
from initiatives.models import WORKFLOW, Attachment, Category, Initiative, Link, TargetGroup
from portal.lib.history import HistoryAdmin


@admin.register(Category)
class CategoryAdmin(HistoryAdmin):
    list_display = ["name", "position", "initiative_count"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(initiative_total=Count("initiatives"))

    @admin.display(description=_("good examples"), ordering="initiative_total")
    def initiative_count(self, obj):
        return obj.initiative_total


@admin.register(TargetGroup)
class TargetGroupAdmin(CategoryAdmin):
    search_fields = ["name"]


class LinkInline(admin.TabularInline):
    model = Link
    extra = 0
    fields = ["title", "url", "position"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "file", "licence"]


class ModerationForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the submitter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_("The submitter reads this. Required when you request changes or reject."),
    )


def _bulk_action(step):
    """The admin action that takes one workflow step for the selected examples."""

    def action(modeladmin, request, queryset):
        return modeladmin.take_step(request, queryset, step)

    action.__name__ = f"{step.name}_selected"
    return admin.action(description=step.action_label, permissions=["moderate"])(action)


class InitiativeAdmin(HistoryAdmin):
    list_display = [
        "title",
        "state",
        "category",
        "lead_organisation",
        "submitted_at",
        "published_at",
        "featured",
    ]
    list_filter = [
        "state",
        "featured",
        "category",
        "format",
        "status",
        "evidence",
        "uses_volunteers",
        "nationwide",
        "target_groups",
        "partnership",
    ]
    search_fields = ["title", "summary", "description", "lead_organisation__name"]
    autocomplete_fields = [
        "category",
        "target_groups",
        "lead_organisation",
        "partner_organisations",
        "partnership",
        "municipalities",
    ]
    list_select_related = ["category", "lead_organisation"]
    date_hierarchy = "published_at"
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
        (_("Implementation and economy"), {"fields": ["resources", "how_to_start", "costs"]}),
        (_("Contact"), {"fields": ["contact_name", "contact_email"]}),
    ]
    actions = [_bulk_action(step) for step in WORKFLOW.values() if step.by_curator]
    change_list_template = "admin/initiatives/initiative/change_list.html"
    change_form_template = "admin/initiatives/initiative/change_form.html"

    def get_ordering(self, request):
        # The review queue: examples waiting for a curator come first, oldest first.
        waiting_first = Case(
            When(state=Initiative.State.SUBMITTED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [waiting_first.asc(), "submitted_at", "-updated_at"]

    def has_moderate_permission(self, request):
        return request.user.has_perm("initiatives.moderate_initiative")

    @admin.display(description=_("submitted by"))
    def submitter(self, obj):
        # Sent for review by someone whose account is gone (accounts.privacy).
        if obj.submitted_by is None and obj.submitted_at is not None:
            return _("Deleted user")
        return obj.submitted_by or self.get_empty_value_display()

    def save_model(self, request, obj, form, change):
        # An example a curator writes in the admin counts as theirs until
        # someone else is recorded, so it has a submitter to answer to.
        if not change and obj.submitted_by_id is None:
            obj.submitted_by = request.user
        super().save_model(request, obj, form, change)

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["review_count"] = Initiative.objects.review_queue().count()
        extra_context["review_url"] = reverse(
            "admin:initiatives_initiative_changelist",
            query={"state__exact": Initiative.State.SUBMITTED},
        )
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None and self.has_moderate_permission(request):
            extra_context["moderation_links"] = [
                (step.label, reverse("admin:initiatives_initiative_moderate", args=[obj.pk, name]))
                for name, step in WORKFLOW.items()
                if step in obj.available_steps()
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/moderate/<str:step>/",
                self.admin_site.admin_view(self.moderate_view),
                name="initiatives_initiative_moderate",
            ),
            *super().get_urls(),
        ]

    def moderate_view(self, request, object_id, step):
        """One example, one step, with a note: the change page's moderation buttons."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        if step not in WORKFLOW or not WORKFLOW[step].by_curator:
            raise PermissionDenied
        queryset = Initiative.objects.filter(pk=object_id)
        get_object_or_404(queryset)
        response = self.take_step(request, queryset, WORKFLOW[step])
        if response is None:
            return redirect("admin:initiatives_initiative_change", object_id)
        return response

    def take_step(self, request, queryset, step):
        """Take `step` for each example and report the outcome.

        A step that changes the state first asks for a note to the submitter
        and returns that page; None means done, and the admin goes back to
        where it came from.
        """
        if step.target is None:
            self._apply(request, queryset, step, "")
            return None
        form = ModerationForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            note = form.cleaned_data["note"]
            if step.note_required and not note.strip():
                form.add_error("note", _("Write a note to the submitter saying why."))
            else:
                self._apply(request, queryset, step, note)
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": step.label,
            "opts": self.model._meta,
            "initiatives": queryset.order_by("title"),
            "form": form,
            "step": step,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "from_action": "action" in request.POST,
        }
        return TemplateResponse(request, "admin/initiatives/initiative/moderate.html", context)

    def _apply(self, request, queryset, step, note):
        done, refused = services.moderate_many(queryset, step=step.name, by=request.user, note=note)
        if done:
            self.message_user(request, step.done % {"count": len(done)}, messages.SUCCESS)
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)


admin.site.register(Initiative, InitiativeAdmin)


@admin.register(Link)
class LinkAdmin(HistoryAdmin):
    list_display = ["title", "url", "initiative"]
    search_fields = ["title", "url", "initiative__title"]
    autocomplete_fields = ["initiative"]
    list_select_related = ["initiative"]


@admin.register(Attachment)
class AttachmentAdmin(HistoryAdmin):
    list_display = ["title", "licence", "initiative", "created_at"]
    list_filter = ["licence"]
    search_fields = ["title", "initiative__title"]
    autocomplete_fields = ["initiative"]
    list_select_related = ["initiative"]
    date_hierarchy = "created_at"
