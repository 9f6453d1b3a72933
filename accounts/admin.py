from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["email", "first_name", "last_name", "organisation", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name", "username"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
    ordering = ["email"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Organisation"), {"fields": ["organisation"]}),
    ]
