"""The public side of the reuse loop: "Vi har også gjort det", its edit, its file, my adoptions."""

from pathlib import PurePath

from allauth.account.decorators import verified_email_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from adoptions import services
from adoptions.forms import AdoptionForm
from adoptions.models import Adoption
from initiatives import uploads, writing
from initiatives.models import Initiative, InvalidTransition, State
from portal.lib import ratelimit

# How long a form's one-time key is remembered: far longer than a double click.
FORM_KEY_SECONDS = 24 * 3600

TOO_MANY = gettext_lazy(
    "You have sent many things for review in a short time. Wait a while and send again; "
    "nothing you typed is lost."
)


@verified_email_required
def adoption_add(request, slug):
    """Tell that your organisation does a published example too; it goes to the curators.

    The form carries a one-time key, so a double click sends one adoption and
    the second POST is answered as the first was.
    """
    initiative = get_object_or_404(Initiative.objects.published(), slug=slug)
    adoption = Adoption(initiative=initiative, submitted_by=request.user)
    if request.method != "POST":
        return _form_page(request, AdoptionForm(instance=adoption))
    form = AdoptionForm(request.POST, request.FILES, instance=adoption)
    if not form.is_valid():
        return _form_page(request, form, files_lost=bool(request.FILES))
    claim = f"adoption-form:{request.user.pk}:{form.cleaned_data.get('form_key')}"
    if form.cleaned_data.get("form_key") and not cache.add(claim, True, FORM_KEY_SECONDS):
        return _sent(request, initiative)
    if not _allowed(request):
        cache.delete(claim)
        form.add_error(None, TOO_MANY)
        return _form_page(request, form, files_lost=bool(request.FILES), status=429)
    try:
        with transaction.atomic():
            form.save()
            services.submit(adoption, by=request.user)
    except Exception:
        cache.delete(claim)  # nothing was sent, so the same form may be sent again
        raise
    response = _sent(request, initiative)
    writing.tell_about_warnings(request, adoption)
    return response


def _sent(request, initiative):
    messages.success(
        request,
        _(
            "Thank you. Your story is sent to the editors; a curator reads it before it is "
            "shown with “%(title)s”. You can follow it under My adoptions."
        )
        % {"title": initiative.title},
    )
    return redirect(initiative)


@verified_email_required
def adoption_edit(request, pk):
    """The submitter changes an adoption the curators sent back, and sends it again."""
    adoption = get_object_or_404(
        Adoption.objects.visible_to(request.user).select_related("initiative", "organisation"),
        pk=pk,
    )
    if adoption.submitted_by_id != request.user.pk:
        raise PermissionDenied
    if request.method == "POST" and adoption.state == State.SUBMITTED:
        # Sent a moment ago by another click: nothing is lost.
        messages.info(request, _("It is already sent to the editors."))
        return redirect("adoptions:mine")
    if adoption.state != State.CHANGES_REQUESTED:
        raise PermissionDenied
    if request.method != "POST":
        return _form_page(request, AdoptionForm(instance=adoption))
    form = AdoptionForm(request.POST, request.FILES, instance=adoption)
    if not form.is_valid():
        return _form_page(request, form, files_lost=bool(request.FILES))
    if not _allowed(request):
        form.add_error(None, TOO_MANY)
        return _form_page(request, form, files_lost=bool(request.FILES), status=429)
    try:
        with transaction.atomic():
            form.save()
            services.submit(adoption, by=request.user)
    except InvalidTransition as refusal:
        messages.info(request, str(refusal))
        return redirect("adoptions:mine")
    messages.success(request, _("Your changes are sent to the editors."))
    writing.tell_about_warnings(request, adoption)
    return redirect("adoptions:mine")


@require_POST
@login_required
def writing_check(request):
    """The help beside the adoption form's text fields, for the text as it is being typed."""
    return writing.check_response(request, AdoptionForm)


def _allowed(request):
    """Whether this person may send one more thing for review now.

    Adoptions count in the same SUBMISSION_RATE_LIMITS bucket as examples sent
    for review: each one e-mails every curator.
    """
    limit, period = settings.SUBMISSION_RATE_LIMITS["send_for_review"]
    return ratelimit.allow(f"send_for_review:{request.user.pk}", limit=limit, period=period)


def _form_page(request, form, *, files_lost=False, status=200):
    adoption = form.instance
    context = {
        "form": form,
        "adoption": adoption,
        "initiative": adoption.initiative,
        "creating": adoption.pk is None,
        "files_lost": files_lost,
        "error_summary": form.error_summary(),
    }
    return render(request, "adoptions/adoption_form.html", context, status=status)


@require_safe
def adoption_attachment(request, pk):
    """Stream an adoption's file to whoever may see it, and answer 404 to anyone else.

    A published adoption of a published example is looked up without reading
    the session, so its file does not vary on the cookie; the submitter gets
    their own, and curators any.
    """
    with_file = Adoption.objects.exclude(attachment="").filter(pk=pk)
    adoption = with_file.of_public_examples().first()
    public = adoption is not None
    if not public:
        adoption = get_object_or_404(_readable_by(request.user, with_file))
    extension = PurePath(adoption.attachment.name).suffix.lower()
    try:
        stored = adoption.attachment.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        stored,
        content_type=uploads.CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    title = adoption.attachment_title or _("attachment")
    response["Content-Disposition"] = uploads.content_disposition(title, extension)
    response["X-Content-Type-Options"] = "nosniff"
    if not public:
        patch_cache_control(response, private=True)
    return response


def _readable_by(user, adoptions):
    """Those of `adoptions` that `user` may read in any state: all for curators, else their own."""
    if user.has_perm("adoptions.moderate_adoption"):
        return adoptions
    if user.is_authenticated:
        return adoptions.filter(submitted_by=user)
    return adoptions.none()


@require_safe
@login_required
def my_adoptions(request):
    """What the signed-in user has told about taking up examples, and where each one stands."""
    adoptions = (
        Adoption.objects.filter(submitted_by=request.user)
        .select_related("initiative", "organisation", "municipality")
        .order_by("-updated_at", "-pk")
    )
    return render(request, "adoptions/my_adoptions.html", {"adoptions": adoptions})
