from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from alerts.forms import FollowForm, FrequencyForm
from alerts.models import AlreadyFollowed, CannotFollow, FollowedSearch, describe
from initiatives.listing import Listing


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def follow(request):
    """Follow the examples list that this address's parameters show (the list links here)."""
    listing = Listing(request.GET)
    query = urlencode(listing.canonical_params())
    form = FollowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _follow(request, query, form.cleaned_data["frequency"])
    context = {
        "search": FollowedSearch(user=request.user, query=query),
        "followed": request.user.followed_searches.filter(query=query).first(),
        "refusal": FollowedSearch.objects.refusal(user=request.user, query=query),
        "notices": listing.notices,
        "form": form,
        "noindex": True,
    }
    return render(request, "alerts/follow.html", context)


def _follow(request, query, frequency):
    try:
        search = FollowedSearch.objects.follow(
            user=request.user, query=query, frequency=frequency, language=translation.get_language()
        )
    except AlreadyFollowed as refusal:
        messages.info(request, str(refusal))
    except CannotFollow as refusal:
        messages.error(request, str(refusal))
    else:
        followed = _(
            "You now follow this search: %(search)s. E-mails come %(frequency)s when it has news."
        )
        messages.success(
            request,
            followed % {"search": search.description, "frequency": search.get_frequency_display()},
        )
    return redirect("alerts:mine")


@require_safe
@login_required
def my_searches(request):
    """The signed-in user's followed searches, each with its frequency and a way to stop it."""
    searches = describe(request.user.followed_searches.all())
    rows = [
        (search, FrequencyForm(initial={"frequency": search.frequency}, search=search))
        for search in searches
    ]
    return render(
        request,
        "alerts/my_searches.html",
        {"rows": rows, "limit": FollowedSearch.MAX_PER_USER},
    )


@require_POST
@login_required
def change_frequency(request, pk):
    search = get_object_or_404(request.user.followed_searches, pk=pk)
    form = FrequencyForm(request.POST, search=search)
    if form.is_valid():
        search.set_frequency(form.cleaned_data["frequency"])
        messages.success(
            request,
            _("E-mails now come %(frequency)s about this search: %(search)s.")
            % {"search": search.description, "frequency": search.get_frequency_display()},
        )
    else:  # only a forged form gets here: the choice is a select
        messages.error(request, _("Choose daily or weekly."))
    return redirect("alerts:mine")


@require_POST
@login_required
def delete(request, pk):
    search = get_object_or_404(request.user.followed_searches, pk=pk)
    description = search.description
    search.delete()
    stopped = _("You no longer follow this search: %(search)s.")
    messages.success(request, stopped % {"search": description})
    return redirect("alerts:mine")


# The token is the authorisation, and RFC 8058's one-click POST comes from the
# mail provider without a session or a CSRF token: forging it needs the token.
@csrf_exempt
@never_cache  # a shared cache must not keep a page that is about one person's search
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """Stop a followed search's e-mails from the link in one of them, without logging in.

    A GET only asks (mail scanners open links), a POST stops them.
    """
    pk = FollowedSearch.pk_from_token(token)
    if pk is None:
        return render(
            request, "alerts/unsubscribe.html", {"state": "invalid", "noindex": True}, status=400
        )
    search = FollowedSearch.objects.filter(pk=pk).first()
    if search is None:
        return render(request, "alerts/unsubscribe.html", {"state": "gone", "noindex": True})
    context = {"state": "confirm", "description": search.description, "noindex": True}
    if request.method == "POST":
        search.delete()
        context["state"] = "done"
    return render(request, "alerts/unsubscribe.html", context)
