"""Where examples run: each example's spread, kept on the example, and the counts by place.

An example's own municipalities are where it started; its published
adoptions add where others took it up. The initiatives app shows the spread
without knowing adoptions: `refresh()` copies it onto the example
(`reused_in`, `reuse_count`, `reused_in_count`) whenever an adoption is
published, withdrawn or deleted.
"""

from collections import defaultdict
from typing import NamedTuple

from django.db import transaction
from django.db.models import Count, Q

from adoptions.models import Adoption
from initiatives.models import Initiative
from partnerships.models import Region


def refresh(initiative_id):
    """Copy the published adoptions of one example onto it: where, and how many.

    In the caller's transaction, so the spread changes with the adoption or
    not at all. The example's row is locked first and the adoptions read after:
    two adoptions published at once are both counted by the second.
    """
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().filter(pk=initiative_id).first()
        if initiative is None:  # deleted, and its adoptions with it
            return
        published = Adoption.objects.published().filter(initiative_id=initiative_id)
        places = set(
            published.filter(municipality__isnull=False).values_list("municipality_id", flat=True)
        )
        Initiative.objects.filter(pk=initiative_id).update(
            reuse_count=published.count(), reused_in_count=len(places)
        )
        initiative.reused_in.set(places)  # sends m2m_changed: the page cache moves on


def municipalities_of(initiative):
    """[(region label, [(municipality, own, adopted)])] where one example runs, by region.

    `own` is whether it is one of the example's own places, `adopted` whether
    an adoption took it there; a municipality can be both. Reads the example's
    own places as its page prefetched them, and `reused_in` in one query (none
    if prefetched too): the Municipality rows come from those two.
    """
    own = {m.pk: m for m in initiative.municipalities.all()}
    adopted = {m.pk: m for m in initiative.reused_in.all()} if initiative.reused_in_count else {}
    by_region = defaultdict(list)
    for municipality in sorted({**adopted, **own}.values(), key=lambda m: m.name):
        by_region[municipality.region].append(
            (municipality, municipality.pk in own, municipality.pk in adopted)
        )
    return [(label, by_region[value]) for value, label in Region.choices if by_region[value]]


# An example's page shows at most this many adoptions' stories, the newest: a page
# does not grow without bound with an example that spread far.
STORIES_SHOWN = 20


def stories_of(initiative, limit=STORIES_SHOWN):
    """The newest published adoptions of one example, with who took it up and where."""
    return list(
        Adoption.objects.published()
        .filter(initiative=initiative)
        .select_related("organisation", "municipality")
        .order_by("-started", "-pk")[:limit]
    )


def adopters_of(initiative):
    """{"organisations": n, "nationwide": n}: how many organisations took one example
    up, and how many of its adoptions are nationwide, in one query."""
    return (
        Adoption.objects.published()
        .filter(initiative=initiative)
        .aggregate(
            organisations=Count("organisation", distinct=True),
            nationwide=Count("pk", filter=Q(nationwide=True)),
        )
    )


class OrganisationSpread(NamedTuple):
    """Where others took up an organisation's examples: by region, and nationwide."""

    regions: list  # [(region label, [(municipality name, code, examples)])]
    nationwide: int  # examples of its taken up nationwide

    def __bool__(self):
        return bool(self.regions or self.nationwide)


def organisation_spread(organisation):
    """Where the organisation's published examples were taken up by others, in one query:
    per municipality how many of them, grouped by region, and how many nationwide."""
    # Its examples' keys as one UNION of two index scans: the same condition as
    # an OR over the joined partners made PostgreSQL read every adoption (300 ms
    # at 100 000 examples).
    led = Initiative.objects.filter(lead_organisation=organisation).order_by().values("pk")
    partnered = Initiative.partner_organisations.through.objects.filter(
        organisation=organisation
    ).values("initiative_id")
    rows = (
        Adoption.objects.of_public_examples()
        .filter(initiative_id__in=led.union(partnered))
        .exclude(organisation=organisation)
        .values_list("municipality__name", "municipality__code", "municipality__region")
        .annotate(examples=Count("initiative_id", distinct=True))
        .order_by("municipality__name")
    )
    by_region, nationwide = defaultdict(list), 0
    for name, code, region, examples in rows:
        if code is None:  # the nationwide adoptions
            nationwide = examples
        else:
            by_region[region].append((name, code, examples))
    regions = [(label, by_region[value]) for value, label in Region.choices if by_region[value]]
    return OrganisationSpread(regions, nationwide)
