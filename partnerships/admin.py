from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partnerships.models import Meeting, Membership, Municipality, Organisation, Partnership
from portal.lib.history import HistoryAdmin


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]
    ordering = ["code"]

    # The 98 municipalities come from a migration and only change by law.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organisation"]


class MeetingInline(admin.StackedInline):
    model = Meeting
    extra = 0
    fields = [("date", "title"), "summary"]


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "kind", "municipality", "confirmed", "partnership_count"]
    list_filter = ["confirmed", "kind", "municipality__region"]
    actions = ["confirm_selected"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["municipality"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["municipality"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(partnership_total=Count("memberships"))

    @admin.display(description=_("partnerships"), ordering="partnership_total")
    def partnership_count(self, obj):
        return obj.partnership_total

    @admin.action(description=_("Confirm selected organisations"), permissions=["change"])
    def confirm_selected(self, request, queryset):
        # Saved one by one so that each confirmation is in the history.
        pending = list(queryset.awaiting_confirmation())
        for organisation in pending:
            organisation.confirmed = True
            organisation.save()
        self.message_user(
            request,
            ngettext(
                "%(count)d organisation confirmed.",
                "%(count)d organisations confirmed.",
                len(pending),
            )
            % {"count": len(pending)},
        )


@admin.register(Partnership)
class PartnershipAdmin(HistoryAdmin):
    list_display = ["name", "status", "start_date", "end_date", "member_count"]
    list_filter = ["status"]
    search_fields = ["name", "purpose", "description", "memberships__organisation__name"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "start_date"
    inlines = [MembershipInline, MeetingInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", ("start_date", "end_date"), "website"]}),
        (_("Content"), {"fields": ["purpose", "basis", "goals", "description"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_total=Count("memberships"))

    @admin.display(description=_("members"), ordering="member_total")
    def member_count(self, obj):
        return obj.member_total


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["organisation", "partnership", "role", "joined"]
    list_filter = ["role", "partnership"]
    search_fields = ["organisation__name", "partnership__name"]
    autocomplete_fields = ["organisation", "partnership"]
    list_select_related = ["organisation", "partnership"]


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "date"]
    list_filter = ["partnership"]
    search_fields = ["title", "summary", "partnership__name"]
    autocomplete_fields = ["partnership"]
    date_hierarchy = "date"
    list_select_related = ["partnership"]
