"""Django's default admin changelist of good examples: the yardstick for the curators' one.

`make bench` measures the curators' changelist (initiatives.admin) against
this one, a plain `admin.ModelAdmin` with every default, on the same data in
the same run (docs/performance.md). portal/urls.py mounts it at
/bench-default-admin/ only when settings.BENCHMARK_DEFAULT_ADMIN is on
(PORTAL_BENCHMARK_DEFAULT_ADMIN=1), which only the benchmark sets.
"""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from initiatives.models import Initiative


class DefaultAdminSite(admin.AdminSite):
    """Lets in whom the curators' admin lets in, and has no login form of its own."""

    def has_permission(self, request):
        # As the curators' admin: staff with a second factor (accounts.middleware
        # asks once a request; so does this).
        if not super().has_permission(request):
            return False
        if not hasattr(request, "_second_factor"):
            request._second_factor = is_mfa_enabled(request.user)
        return request._second_factor

    def login(self, request, extra_context=None):
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
        return redirect_to_login(next_url, login_url=reverse("account_login"))


site = DefaultAdminSite(name="bench_default_admin")
site.register(Initiative)
