from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from initiatives.filters import SORTS, InitiativeFilter
from initiatives.models import Initiative
from initiatives.search import Search, clean_query
from portal.querystrings import url_with, url_without

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

    sort = request.GET.get("sort") or ("relevance" if search else "newest")
    if sort not in SORTS:
        notices.append(
            _("The sort order “%(sort)s” is unknown; newest first is used.") % {"sort": sort[:30]}
        )
        sort = "newest"
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
