"""The admin site itself: its titles, its login, and the curators' home page.

Django's default site is set up here rather than replaced, as the admin app
finds this module when it starts (autodiscover) and every app registers its
models on that same site.
"""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from adoptions.admin import review_queue_context as adoption_queue_context
from initiatives.admin import review_queue_context

admin.site.site_header = _("Gode eksempler – curation")
admin.site.site_title = _("Gode eksempler")
admin.site.index_title = _("Curation")


def admin_login(request, extra_context=None):
    """The admin's login is the portal's: rate-limited, by e-mail, with a second factor."""
    if request.user.is_authenticated:
        # Signed in but not staff: the login page would only send them back here.
        raise PermissionDenied
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    return redirect_to_login(next_url, login_url=reverse("account_login"))


_django_index = admin.site.index
_django_app_list = admin.site.get_app_list


def index(request, extra_context=None):
    """Django's admin home, opening with how many examples and adoptions wait for a curator."""
    context = review_queue_context() if _may_see_examples(request) else {}
    if request.user.has_perm("adoptions.view_adoption"):
        context |= adoption_queue_context()
    return _django_index(request, {**context, **(extra_context or {})})


def _may_see_examples(request):
    return request.user.has_perm("initiatives.view_initiative")


def get_app_list(request, app_label=None):
    """Django's list of apps, with apps of the same name under one heading.

    allauth's account app (e-mail addresses) and ours (users) are both called
    "Konti": the home page and the navigation showed that heading twice.
    """
    apps = {}
    for app in _django_app_list(request, app_label):
        same_name = apps.setdefault(str(app["name"]), app)
        if same_name is not app:
            same_name["models"] = sorted(
                [*same_name["models"], *app["models"]], key=lambda model: str(model["name"])
            )
    return list(apps.values())


admin.site.login = admin_login
admin.site.index = index
admin.site.get_app_list = get_app_list
