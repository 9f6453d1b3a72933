"""Where examples run: each example's spread, kept on the example, and the counts by place.

An example's own municipalities are where it started; its published
adoptions add where others took it up. The initiatives app shows the spread
without knowing adoptions: `refresh()` copies it onto the example
(`reused_in`, `reuse_count`, `reused_in_count`) whenever an adoption is
published, withdrawn or deleted.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Q

from adoptions.models import Adoption
from initiatives.models import Initiative
from partnerships.models import Municipality, Region


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
    an adoption took it there; a municipality can be both.
    """
    own = {m.pk for m in initiative.municipalities.all()}
    adopted = {m.pk for m in initiative.reused_in.all()}
    rows = Municipality.objects.filter(pk__in=own | adopted).order_by("name")
    by_region = defaultdict(list)
    for municipality in rows:
        by_region[municipality.region].append(
            (municipality, municipality.pk in own, municipality.pk in adopted)
        )
    return [(label, by_region[value]) for value, label in Region.choices if by_region[value]]


def organisation_spread(organisation):
    """[(region label, [(municipality, examples)])]: where the organisation's examples
    were taken up by others, and how many of them in each municipality."""
    own = Q(initiative__lead_organisation=organisation) | Q(
        initiative__partner_organisations=organisation
    )
    rows = (
        Adoption.objects.of_public_examples()
        .filter(own, municipality__isnull=False)
        .exclude(organisation=organisation)
        .values_list("municipality__name", "municipality__code", "municipality__region")
        .annotate(examples=Count("initiative_id", distinct=True))
        .order_by("municipality__name")
    )
    by_region = defaultdict(list)
    for name, code, region, examples in rows:
        by_region[region].append((name, code, examples))
    return [(label, by_region[value]) for value, label in Region.choices if by_region[value]]
