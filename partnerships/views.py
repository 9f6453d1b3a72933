from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Prefetch,
    Value,
    When,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from initiatives import facetindex
from initiatives.models import Initiative
from partnerships.models import Membership, Organisation, Partnership

ORGANISATIONS_PER_PAGE = 50
# Examples shown on a partnership's or an organisation's page; the list has the rest.
SHOWN = 12


@require_safe
def partnership_list(request):
    partnerships = (
        Partnership.objects.annotate(
            member_count=Count("memberships", distinct=True),
            status_order=Case(
                When(status=Partnership.Status.ACTIVE, then=Value(0)),
                When(status=Partnership.Status.FORMING, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(role=Membership.Role.FACILITATOR)
                .select_related("organisation")
                .order_by("organisation__name"),
                to_attr="facilitators",
            )
        )
        .order_by("status_order", "name")
    )
    # Counted from the facet index: a count subquery per partnership read most examples.
    partnerships = list(partnerships)
    counts = facetindex.published_counts("partnership", [p.slug for p in partnerships])
    for partnership in partnerships:
        partnership.example_count = counts.get(partnership.slug, 0)
    return render(request, "partnerships/partnership_list.html", {"partnerships": partnerships})


@require_safe
def partnership_detail(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug)
    memberships = partnership.memberships.select_related("organisation__municipality")
    roles = {role: [] for role in Membership.Role}
    for membership in memberships.order_by("organisation__name"):
        roles[membership.role].append(membership)
    context = {
        "partnership": partnership,
        "roles": [(role.label, members) for role, members in roles.items() if members],
        "meetings": partnership.meetings.all(),
        **_some_examples(
            "examples", Initiative.objects.published().filter(partnership=partnership)
        ),
        "all_examples_url": reverse("initiatives:list", query={"partnership": partnership.slug}),
    }
    return render(request, "partnerships/partnership_detail.html", context)


def _some_examples(name, examples):
    """{name: the newest SHOWN examples, name_more: whether there are others}.

    A page's cost must not grow with the examples; the rest are one link away,
    on the examples list filtered to them.
    """
    newest = list(examples.for_list().order_by("-published_at", "pk")[: SHOWN + 1])
    return {name: newest[:SHOWN], f"{name}_more": len(newest) > SHOWN}


@require_safe
def organisation_list(request):
    kinds = dict(Organisation.Kind.choices)
    kind = request.GET.get("kind", "")
    notices = []
    organisations = (
        Organisation.objects.confirmed()
        .for_list()
        .annotate(partnership_count=Count("memberships", distinct=True))
    )
    if kind in kinds:
        organisations = organisations.filter(kind=kind)
    elif kind:
        notices.append(kind[:40])
        kind = ""
    kind_counts = dict(
        Organisation.objects.confirmed().values_list("kind").annotate(n=Count("pk")).order_by()
    )
    page = Paginator(organisations.order_by("name"), ORGANISATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    # Led or joined, each example once; from the facet index, for this page only.
    counts = facetindex.published_counts("organisation", [org.slug for org in page])
    for organisation in page:
        organisation.example_count = counts.get(organisation.slug, 0)
    context = {
        "page": page,
        "kind": kind,
        "kinds": [(value, label, kind_counts.get(value, 0)) for value, label in kinds.items()],
        "ignored_kind": notices[0] if notices else None,
    }
    return render(request, "partnerships/organisation_list.html", context)


@require_safe
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.confirmed().for_list(), slug=slug)
    examples = Initiative.objects.published()
    context = {
        "organisation": organisation,
        "memberships": organisation.memberships.select_related("partnership").order_by(
            "partnership__name"
        ),
        **_some_examples("led", examples.filter(lead_organisation=organisation)),
        **_some_examples(
            "joined",
            examples.filter(partner_organisations=organisation).exclude(
                lead_organisation=organisation
            ),
        ),
        "all_examples_url": reverse("initiatives:list", query={"organisation": organisation.slug}),
    }
    return render(request, "partnerships/organisation_detail.html", context)
