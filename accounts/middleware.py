from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class SecondFactorForStaffMiddleware:
    """Send staff without a second factor to set one up before they may curate.

    Curators see drafts, contact details and accounts; a stolen password alone
    must not open the admin. Only the admin is closed: the rest of the portal,
    and the pages for setting up the factor, stay open to them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.is_staff
            and request.path.startswith(reverse("admin:index"))
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                _(
                    "Curators log in with a second factor. Set up an authenticator app "
                    "before you use curation."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
