import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts import privacy
from accounts.forms import DeleteAccountForm, ProfileForm


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(request, "account/profile.html", {"form": form})


@login_required
@require_GET
def my_data(request):
    """What the portal holds about the user, with the download and the way out."""
    return render(request, "account/my_data.html")


@never_cache
@login_required
@require_GET
def download_data(request):
    """Everything the portal holds about the signed-in user, as a JSON file."""
    data = privacy.export_user_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"gode-eksempler-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        privacy.delete_account(user)
        messages.success(request, _("Your account is deleted."))
        return redirect("home")
    return render(request, "account/delete.html", {"form": form})
