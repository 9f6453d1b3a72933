import uuid
from urllib.parse import urlencode

from allauth.account.decorators import verified_email_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from initiatives import facetindex, knowledge, services, uploads, writing
from initiatives.filters import LEVELS, MOST_REUSED, SORTS
from initiatives.forms import InitiativeForm, Submission
from initiatives.listing import Listing
from initiatives.models import Attachment, Initiative, InvalidTransition
from initiatives.search import Search
from portal.lib import ratelimit
from portal.lib.querystrings import url_without

PAGE_SIZE = 20
RELATED_COUNT = 4


@require_safe
def initiative_list(request):
    """Browse, filter and search published examples; the whole state lives in the URL."""
    listing = Listing(request.GET)
    search, filterset, sort, notices = (
        listing.search,
        listing.filterset,
        listing.sort,
        listing.notices,
    )
    # The counts, and without a search the newest-first pages, come from the index.
    index = facetindex.current()
    newest = None
    if search and index is not None and filterset.selected:
        newest = index.ids_between(index.mask(filterset.selected), 0, Search.LOOKAHEAD + 1)
    # A search's snippet may come from the description.
    results = listing.ordered(listing.matches(newest), headline=True).for_list(
        *(["description"] if search else [])
    )
    page = _read_page(request, _paginator(results, sort, search, filterset, index), notices)
    if search:
        for initiative in page:
            initiative.snippet = search.snippet(initiative)
    params = listing.canonical_params()
    context = {
        "listing": listing,
        # The list's understood parameters, for its exports, feed and "follow".
        "list_query": urlencode(params),
        "canonical_query": urlencode(params + ([("page", page.number)] if page.number > 1 else [])),
        "query": listing.query,
        "fuzzy": bool(search) and search.fuzzy,
        # The curators' synonyms the search added: "Viser også resultater for …".
        "also": search.also if search else [],
        "sort": sort,
        "chosen_sort": listing.chosen_sort,
        "sorts": SORTS,
        "filterset": filterset,
        "facets": filterset.facets(
            listing.base, candidates=search.candidates if search else None, index=index
        ),
        "capped": page.paginator.capped,
        "page": page,
        "chips": _chips(request, listing),
        "notices": notices,
        "loosen": (
            [] if page.paginator.count else _loosen(request, filterset, listing.base, search, index)
        ),
    }
    template = "initiatives/initiative_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#finder"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])  # one URL, two bodies
    return response


class CountedPaginator(Paginator):
    """A paginator that counts at most `limit` rows, or is told the count.

    `capped` says that there were more rows than the limit; only the limit
    is paged through.
    """

    def __init__(self, object_list, per_page, *, limit=None, count=None):
        super().__init__(object_list, per_page)
        self.limit, self.known_count = limit, count

    @cached_property
    def counted(self):
        if self.known_count is not None:
            return self.known_count
        return self.object_list.count()

    @cached_property
    def count(self):
        return self.counted if self.limit is None else min(self.counted, self.limit)

    @cached_property
    def capped(self):
        return self.limit is not None and self.counted > self.limit


class FromIndex:
    """The examples in an index mask, read from the database a page at a time.

    Newest first, or by a level (LEVELS) or the number of adoptions, the newest
    first within each.
    """

    def __init__(self, index, mask, sort=None):
        self.index, self.mask, self.sort = index, mask, sort
        # The keys already passed the filters; repeating them would only slow the query.
        self.queryset = Initiative.objects.published().for_list()

    def __len__(self):
        return self.mask.bit_count()

    def __getitem__(self, window):
        if self.sort in LEVELS:
            # A level sort is named after the filter group that holds its field.
            ids = self.index.ids_by_level(
                self.mask, self.sort, LEVELS[self.sort], window.start, window.stop
            )
        elif self.sort == MOST_REUSED:
            levels = self.index.levels(facetindex.REUSE)
            ids = self.index.ids_by_level(
                self.mask, facetindex.REUSE, levels, window.start, window.stop
            )
        else:
            ids = self.index.ids_between(self.mask, window.start, window.stop)
        found = self.queryset.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def _paginator(results, sort, search, filterset, index):
    if search:
        # The search ranks a bounded set of matches (Search.bounded), already read.
        found = len(search.candidates(filterset.qs))
        return CountedPaginator(results, PAGE_SIZE, limit=search.CANDIDATES, count=found)
    if index is None:
        return CountedPaginator(results, PAGE_SIZE)
    mask = index.mask(filterset.selected)
    if sort in {"newest", MOST_REUSED} or sort in LEVELS:
        results = FromIndex(index, mask, sort)
    return CountedPaginator(results, PAGE_SIZE, count=mask.bit_count())


def _read_page(request, paginator, notices):
    raw = request.GET.get("page", "1")
    page = paginator.get_page(raw)
    if raw != str(page.number) and "page" in request.GET:
        notices.append(
            _("There is no page “%(page)s”; showing page %(number)d.")
            % {"page": raw[:20], "number": page.number}
        )
    return page


def _chips(request, listing):
    """[(label, value, url without it)] for each filter value in use, the search first."""
    chips = (
        [(_("Search"), f"“{listing.query}”", url_without(request, "q"))] if listing.query else []
    )
    for name, values in listing.selected.items():
        label = listing.filterset.filters[name].label
        chips += [
            (label, listing.filterset.label(name, value), url_without(request, name, value))
            for value in values
        ]
    return chips


def _loosen(request, filterset, base, search, index):
    """For an empty list: how many examples each single relaxation would give.

    One count per filter in use (at most one per filter name, plus the search).
    Without a search the index counts them; in SQL each reads every example
    that passes the other filters (165 ms at 100 000).
    """
    selected = filterset.selected
    suggestions = []
    for name in selected:
        if index is not None and not search:
            count = index.mask(selected, leave_out=name).bit_count()
        else:
            count = filterset.filter_queryset(base, leave_out=name).count()
        if count:
            suggestions.append((filterset.filters[name].label, count, url_without(request, name)))
    if search:
        if index is not None:
            count = index.mask(selected).bit_count()
        else:
            count = filterset.filter_queryset(Initiative.objects.published()).count()
        if count:
            suggestions.append((_("the search"), count, url_without(request, "q")))
    return sorted(suggestions, key=lambda s: -s[1])


@require_safe
def initiative_detail(request, slug):
    initiative = get_object_or_404(
        Initiative.objects.visible_to(request.user)
        .select_related("category", "lead_organisation", "partnership")
        .prefetch_related(
            "target_groups", "municipalities", "partner_organisations", "links", "attachments"
        ),
        slug=slug,
    )
    attachments = initiative.attachments.all()
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            "initiative": initiative,
            "add_url": _add_url(request.user, initiative),
            # An evaluation is shown beside the evidence level, the rest under material.
            "evaluations": [a for a in attachments if a.evaluation],
            "material": [a for a in attachments if not a.evaluation],
            "related": related_examples(initiative),
            # The knowledge declaration's chart and table, from the row read above.
            "knowledge": knowledge.chart(initiative),
            "login_url": reverse("account_login", query={"next": request.path}),
            # What the privacy guard found, for a curator reading it before it is published.
            "privacy_report": initiative.privacy_report_for(request.user),
            # A draft its contributor is looking at is nothing for a search engine.
            "noindex": not initiative.is_public,
            "og_type": "article",
        },
    )


def _add_url(user, initiative):
    """Where this visitor can fill in what the example lacks: its form, the admin, or nowhere.

    The address ends in the start of a field's anchor, so a template adds the
    field's name: the form wraps each field in div_id_<name> (a radio group has
    no id_<name>), the admin has id_<name> on every widget.
    """
    if not user.is_authenticated:
        return None
    if initiative.submitted_by_id == user.pk and initiative.is_editable_by_submitter:
        return reverse("initiatives:edit", kwargs={"slug": initiative.slug}) + "#div_id_"
    if user.is_staff and user.has_perm("initiatives.change_initiative"):
        return reverse("admin:initiatives_initiative_change", args=[initiative.pk]) + "#id_"
    return None


@require_safe
def attachment_download(request, slug, pk):
    """Stream an attachment to whoever may see its example, and answer 404 to anyone else.

    A published example's file is looked up without reading the session, so
    it does not vary on the cookie; only other files need to know who asks.
    """
    attachments = Attachment.objects.select_related("initiative").filter(
        pk=pk, initiative__slug=slug
    )
    attachment = attachments.filter(initiative__state=Initiative.State.PUBLISHED).first()
    public = attachment is not None
    if not public:
        visible = Initiative.objects.visible_to(request.user)
        attachment = get_object_or_404(attachments.filter(initiative__in=visible))
    extension = attachment.extension
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        stored,
        content_type=uploads.CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["Content-Disposition"] = uploads.content_disposition(attachment.title, extension)
    response["X-Content-Type-Options"] = "nosniff"
    if not public:
        patch_cache_control(response, private=True)
    return response


def related_examples(initiative):
    """Published examples in the same category or with shared target groups, closest first.

    From the facet index when there is one: in SQL this reads every example
    in the category or sharing a target group (most of them) to sort them.
    """
    index = facetindex.current()
    if index is not None:
        ids = index.closest(
            initiative.category.slug,
            [group.slug for group in initiative.target_groups.all()],
            RELATED_COUNT,
            leave_out=initiative.pk,
        )
    else:
        ids = _related_ids(initiative)
    by_pk = Initiative.objects.for_list().in_bulk(ids)
    return [by_pk[pk] for pk in ids if pk in by_pk]


def _related_ids(initiative):
    group_ids = [group.pk for group in initiative.target_groups.all()]
    candidates = Initiative.objects.published().exclude(pk=initiative.pk)
    candidates = candidates.filter(
        Q(category=initiative.category_id) | Q(target_groups__in=group_ids)
    )
    ids = list(
        candidates.values("pk")
        .annotate(
            shared=Count("target_groups", filter=Q(target_groups__in=group_ids), distinct=True),
            same_category=Case(
                When(category=initiative.category_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-same_category", "-shared", "-published_at")
        .values_list("pk", flat=True)[:RELATED_COUNT]
    )
    return ids


# The contributor's side: submit, edit, send for review, my examples.

ACTIONS = {"draft", "preview", "submit"}


def _editable_initiative(request, slug):
    """The submitter's own example while it is theirs to edit; 404 or 403 otherwise."""
    initiative = get_object_or_404(Initiative.objects.visible_to(request.user), slug=slug)
    if initiative.submitted_by_id != request.user.pk:
        raise PermissionDenied
    if not initiative.is_editable_by_submitter:
        raise PermissionDenied
    return initiative


@verified_email_required
def initiative_submit(request):
    return _initiative_form(request, Initiative(submitted_by=request.user))


@verified_email_required
def initiative_edit(request, slug):
    return _initiative_form(request, _editable_initiative(request, slug))


def _initiative_form(request, initiative):
    """Save as draft, preview or send for review, never losing what was typed.

    Every POST that saves answers with a redirect, so a reload cannot save twice.
    """
    if request.method != "POST":
        return _form_page(request, Submission(initiative))
    creating = initiative.pk is None
    if creating and (saved := _saved_before(request)):
        return saved
    action = request.POST.get("action")
    action = action if action in ACTIONS else "draft"
    submission = Submission(initiative, request.POST, request.FILES)
    if not submission.is_valid(sending=action == "submit"):
        return _form_page(request, submission, files_lost=bool(request.FILES))
    if creating and not _allowed(request, "new_example"):
        submission.form.add_error(None, TOO_MANY_NEW)
        return _form_page(request, submission, files_lost=bool(request.FILES), status=429)
    if action == "submit" and not _allowed(request, "send_for_review"):
        messages.warning(request, TOO_MANY_SENT)
        action = "draft"
    try:
        with transaction.atomic():
            initiative = submission.save()
            missing = initiative.missing_for_review()
            if action == "submit" and not missing:
                services.submit(initiative, by=request.user)
                return _sent(request, initiative)
    except IntegrityError:
        # The same form posted twice at once: the other POST saved it first.
        if creating and (saved := _saved_before(request)):
            return saved
        raise
    except InvalidTransition as refusal:
        # Sent a moment ago by another request (a double click): nothing is lost.
        messages.info(request, str(refusal))
        return redirect("initiatives:mine")
    if action == "preview":
        return redirect(initiative)
    if action == "submit":
        messages.warning(
            request,
            _("Your draft is saved, but not sent for review yet. Still missing: %(missing)s")
            % {"missing": " ".join(str(m) for m in missing.values())},
        )
    else:
        messages.success(request, _("Your draft is saved."))
    return redirect("initiatives:edit", slug=initiative.slug)


def _saved_before(request):
    """The answer to a second POST of a new-example form that was saved already, or None.

    The form carries a one-time key (Initiative.form_key), so a double click
    gives one example, and the second POST is answered as the first was.
    """
    try:
        key = uuid.UUID(request.POST.get("form_key", ""))
    except ValueError:
        return None
    initiative = Initiative.objects.filter(form_key=key, submitted_by=request.user).first()
    if initiative is None:
        return None
    if not initiative.is_editable_by_submitter:
        return _sent(request, initiative)
    messages.success(request, _("Your draft is saved."))
    return redirect("initiatives:edit", slug=initiative.slug)


def _allowed(request, action):
    """Whether this person may take `action` now (SUBMISSION_RATE_LIMITS, shared by all workers)."""
    limit, period = settings.SUBMISSION_RATE_LIMITS[action]
    return ratelimit.allow(f"{action}:{request.user.pk}", limit=limit, period=period)


TOO_MANY_NEW = gettext_lazy(
    "You have started many new examples in a short time. Wait a while and save again; "
    "nothing you typed is lost."
)
TOO_MANY_SENT = gettext_lazy(
    "You have sent many examples for review in a short time. Your draft is saved; "
    "send it a little later."
)


def _form_page(request, submission, *, files_lost=False, status=200):
    initiative, form = submission.form.instance, submission.form
    context = {
        "form": submission.form,
        "links": submission.links,
        "attachments": submission.attachments,
        "initiative": initiative,
        "creating": initiative.pk is None,
        "files_lost": files_lost,
        "error_summary": submission.error_summary(),
        "missing": submission.missing_summary(),
        # Asked only of an example with photos for a vulnerable group.
        "consent_field": form["photo_consent"] if "photo_consent" in form.fields else None,
    }
    return render(request, "initiatives/initiative_form.html", context, status=status)


@require_POST
@login_required
def writing_check(request):
    """The help beside the example form's text fields, for the text as it is being typed."""
    return writing.check_response(request, InitiativeForm)


@require_POST
@verified_email_required
def initiative_send(request, slug):
    """Send an example for review from its preview page."""
    initiative = _editable_initiative(request, slug)
    missing = initiative.missing_for_review()
    if missing:
        messages.error(
            request,
            _("Fill in what is missing before you send it: %(missing)s")
            % {"missing": " ".join(str(m) for m in missing.values())},
        )
        return redirect("initiatives:edit", slug=initiative.slug)
    if not _allowed(request, "send_for_review"):
        messages.warning(request, TOO_MANY_SENT)
        return redirect("initiatives:edit", slug=initiative.slug)
    try:
        with transaction.atomic():
            services.submit(initiative, by=request.user)
    except InvalidTransition as refusal:
        messages.error(request, str(refusal))
        return redirect(initiative)
    return _sent(request, initiative)


def _sent(request, initiative):
    messages.success(
        request,
        _("“%(title)s” is sent for review. You will get an e-mail when a curator has read it.")
        % {"title": initiative.title},
    )
    writing.tell_about_warnings(request, initiative)
    return redirect("initiatives:mine")


@require_safe
@login_required
def my_initiatives(request):
    initiatives = (
        Initiative.objects.filter(submitted_by=request.user)
        .select_related("category")
        .order_by("-updated_at")
    )
    return render(request, "initiatives/my_initiatives.html", {"initiatives": initiatives})
