from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives import services
from initiatives.filters import SORTS, InitiativeFilter
from initiatives.forms import AttachmentFormSet, InitiativeForm, LinkFormSet
from initiatives.models import Initiative, InvalidTransition
from initiatives.search import Search, clean_query, similar_examples
from portal.lib.querystrings import url_with, url_without

PAGE_SIZE = 20
RELATED_COUNT = 4


def initiative_list(request):
    """Browse, filter and search published examples; the whole state lives in the URL."""
    notices = []
    query, shortened = clean_query(request.GET.get("q", ""))
    if shortened:
        notices.append(
            _("The search text was cut to its first %(n)d characters.") % {"n": len(query)}
        )
    search = Search(query)

    base = Initiative.objects.published()
    search.prepare(base)
    base = search.filter(base)
    filterset = InitiativeFilter(request.GET, queryset=base)
    notices += [
        _("“%(value)s” is not a known choice for %(filter)s and was ignored.")
        % {"value": value[:60], "filter": str(label).lower()}
        for label, value in filterset.ignored()
    ]

    # An empty sort means the natural one: best match when searching, else newest.
    chosen_sort = request.GET.get("sort", "")
    sort = chosen_sort or ("relevance" if search else "newest")
    if sort not in SORTS:
        notices.append(
            _("The sort order “%(sort)s” is unknown; newest first is used.") % {"sort": sort[:30]}
        )
        sort = chosen_sort = "newest"
    results = search.annotate(filterset.qs)
    if sort == "relevance":
        results = search.order_by_relevance(results)
    elif sort == "title":
        results = results.order_by("title", "pk")
    else:
        results = results.order_by("-published_at", "pk")

    paginator = Paginator(results.for_list(), PAGE_SIZE)
    raw_page = request.GET.get("page", "1")
    page = paginator.get_page(raw_page)
    if raw_page != str(page.number) and "page" in request.GET:
        notices.append(
            _("There is no page “%(page)s”; showing page %(number)d.")
            % {"page": raw_page[:20], "number": page.number}
        )
    for initiative in page:
        initiative.snippet = search.snippet(initiative)

    selected = filterset.selected
    chips = [
        (
            filterset.filters[name].label,
            filterset.label(name, value),
            url_without(request, name, value),
        )
        for name, values in selected.items()
        for value in values
    ]
    if query:
        chips.insert(0, (_("Search"), f"“{query}”", url_without(request, "q")))

    context = {
        "query": query,
        "fuzzy": search.fuzzy,
        "sort": sort,
        "chosen_sort": chosen_sort,
        "sorts": SORTS,
        "filterset": filterset,
        "facets": filterset.facets(base),
        "page": page,
        "chips": chips,
        "notices": notices,
        "loosen": _loosen(request, filterset, base, search) if not paginator.count else [],
        "page_links": page_links(request, page),
    }
    template = "initiatives/initiative_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#finder"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])  # one URL, two bodies
    return response


def page_links(request, page):
    """[(number or None for a gap, url, is current)] for the pagination bar."""
    links = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            links.append((None, None, False))
        else:
            links.append((number, url_with(request, page=number), number == page.number))
    return links


def _loosen(request, filterset, base, search):
    """For an empty list: how many examples each single relaxation would give.

    One count per filter in use (at most one per filter name, plus the search).
    """
    suggestions = []
    for name in filterset.selected:
        count = filterset.filter_queryset(base, leave_out=name).count()
        if count:
            suggestions.append((filterset.filters[name].label, count, url_without(request, name)))
    if search:
        count = filterset.filter_queryset(Initiative.objects.published()).count()
        if count:
            suggestions.append((_("Search"), count, url_without(request, "q")))
    return sorted(suggestions, key=lambda s: -s[1])


def initiative_detail(request, slug):
    initiative = get_object_or_404(
        Initiative.objects.visible_to(request.user)
        .select_related("category", "lead_organisation", "partnership")
        .prefetch_related(
            "target_groups", "municipalities", "partner_organisations", "links", "attachments"
        ),
        slug=slug,
    )
    return render(
        request,
        "initiatives/initiative_detail.html",
        {"initiative": initiative, "related": related_examples(initiative)},
    )


def related_examples(initiative):
    """Published examples in the same category or with shared target groups, closest first."""
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
    by_pk = Initiative.objects.for_list().in_bulk(ids)
    return [by_pk[pk] for pk in ids if pk in by_pk]


# The contributor's side: submit, edit, send for review, my examples.

ACTIONS = {"draft", "preview", "submit"}
CHECKBOX_LISTS = {"target_groups", "municipalities", "partner_organisations"}


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
    """Save as draft, preview or send for review, never losing what was typed."""
    creating = initiative.pk is None
    action = request.POST.get("action") if request.method == "POST" else None
    if action not in ACTIONS:
        action = "draft"
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    duplicates = []
    if data is not None:
        queryset = Initiative.objects.published().exclude(pk=initiative.pk)
        duplicates = similar_examples(
            queryset, title=data.get("title", ""), summary=data.get("summary", "")
        )
    form = InitiativeForm(data, instance=initiative, duplicates=duplicates)
    links = LinkFormSet(data, instance=initiative, prefix="links")
    attachments = AttachmentFormSet(data, files, instance=initiative, prefix="attachments")

    saved = False
    if data is not None and form.is_valid() and links.is_valid() and attachments.is_valid():
        if action == "submit" and duplicates and not form.cleaned_data["not_a_duplicate"]:
            form.add_error(
                "not_a_duplicate",
                _("Check the similar examples above; tick the box if yours is a different one."),
            )
        else:
            with transaction.atomic():
                initiative = form.save()
                form.save_organisations(initiative)
                links.save()
                attachments.save()
                saved = True
                missing = initiative.missing_for_review() if action == "submit" else {}
                if not missing and action == "submit":
                    services.submit(initiative, by=request.user)
            if action == "submit" and not missing:
                return _sent(request, initiative)
            if action == "preview":
                return redirect(initiative)
            if not missing:
                messages.success(request, _("Your draft is saved."))
                return redirect("initiatives:edit", slug=initiative.slug)
            # Saved as a draft, but not complete enough to send: say what is missing.
            for field, message in missing.items():
                form.add_error(field, message)
            links = LinkFormSet(instance=initiative, prefix="links")
            attachments = AttachmentFormSet(instance=initiative, prefix="attachments")

    context = {
        "form": form,
        "links": links,
        "attachments": attachments,
        "initiative": initiative,
        "creating": creating and initiative.pk is None,
        "files_lost": bool(request.FILES) and not saved,
        "error_summary": _error_summary(form, links, attachments),
    }
    return render(request, "initiatives/initiative_form.html", context)


def _error_summary(form, *formsets):
    """[(label, message, anchor)] for the summary at the top of the form."""
    summary = []
    for message in form.non_field_errors():
        summary.append(("", message, None))
    for name, errors in form.errors.items():
        if name in form.fields and name != "__all__":
            field = form[name]
            # Checkbox lists have no element with the field's own id; point at the first box.
            anchor = f"{field.auto_id}_0" if name in CHECKBOX_LISTS else field.auto_id
            for message in errors:
                summary.append((field.label, message, anchor))
    for formset in formsets:
        for subform in formset:
            for name, errors in subform.errors.items():
                if name in subform.fields:
                    for message in errors:
                        summary.append((subform[name].label, message, subform[name].auto_id))
    return summary


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
    return redirect("initiatives:mine")


@login_required
def my_initiatives(request):
    initiatives = (
        Initiative.objects.filter(submitted_by=request.user)
        .select_related("category")
        .order_by("-updated_at")
    )
    return render(request, "initiatives/my_initiatives.html", {"initiatives": initiatives})
