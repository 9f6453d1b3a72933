"""Every published example's filter values as bitmaps, for counting without reading rows.

At 100 000 examples, counting the facets of a filtered list in SQL reads
thousands of rows for each of the ten filter groups on every request. Here
each filter value (a category, a target group, a region ...) is a Python
integer used as a bitmap: bit i is set when the i-th published example, the
newest first, has that value. Filtering is AND across groups and OR within
one, a count is `int.bit_count()`, and a page of the newest-first list is
the positions of its set bits, so page 50 costs what page 1 does.

Each process builds the index once per generation of the page cache
(portal/lib/pagecache.py): any change a public page could show starts a new
generation, so the counts are never stale. Building it reads the published
examples and their three many-to-many tables once (about a second at 100 000
examples) and keeps about 12 kB per filter value in memory. Without the
cache's generation (a cache outage) there is no index and the list counts in
SQL, as it does for a search.

The rules match InitiativeFilter's: an example runs in its own
municipalities and in those where others adopted it (Initiative.reused_in),
and a nationwide example counts for every region and municipality; an
organisation counts the examples it leads and those it is a partner in.
"""

import threading
from collections import Counter
from itertools import chain, islice

from django.db.models import Count, F

from initiatives import knowledge
from initiatives.models import Category, Initiative, TargetGroup, local_name
from partnerships.models import Municipality, Organisation, Partnership, Region
from portal.lib import pagecache

YES, NO = "yes", "no"
# Filter name -> the value list column of a published example.
COLUMNS = {
    "category": "category__slug",
    "format": "format",
    "status": "status",
    "evidence": "evidence",
    "cost": "cost_level",
    "transfer": "transferability",
    "partnership": "partnership__slug",
}
# The knowledge filter's values are "<dimension>:<level>", meaning at least that
# level; its bitmaps hold every example at that level or a better one. Within a
# dimension the choices are alternatives; across dimensions all must hold.
KNOWN = "known"
# Groups whose options have an English name too (Term.name_en).
TERM_GROUPS = ("category", "target_group")
# Groups where an example without a listed value still counts: the nationwide ones.
NATIONWIDE_GROUPS = ("region", "municipality")

# Spread: whether others adopted it, and the number of adoptions the "most reused"
# sort ranks by.
ADOPTED, REUSE = "adopted", "reuse"

# Groups with thousands of values also keep each example's values, for counting few examples.
MEMBER_GROUPS = ("organisation", "partnership")
# Count by the examples' values when the mask has fewer than SPARSE times as many examples
# as the group has values: at 100 000 examples one AND and bit count (7.6 µs) costs about
# what counting 20 examples' values does (0.35 µs each).
SPARSE = 16
_BITS = tuple(tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256))

_lock = threading.Lock()
_built = {}  # {"generation": ..., "index": FacetIndex}


def current():
    """The index of the current generation, built if this process has none; None without one."""
    generation = pagecache.generation()
    if generation is None:
        return None
    with _lock:
        if _built.get("generation") != generation:
            _built.clear()  # let the old one go before building the new one
            _built.update(generation=generation, index=FacetIndex.build())
        return _built["index"]


def option_lists():
    """{filter name: [(value, label)]} for the filters whose options are rows.

    Kept with the index, so read once per change; read afresh without one.
    Category and target group labels are in the page's language.
    """
    index = current()
    options = index.options if index is not None else read_options()
    return {**options, **{name: _localised(options[name]) for name in TERM_GROUPS}}


def _localised(choices):
    return [(value, local_name(name, name_en)) for value, name, name_en in choices]


def read_options():
    """{filter name: [(value, label)]}; for TERM_GROUPS [(value, Danish, English or "")]."""
    return {
        "category": list(Category.objects.in_order().values_list("slug", "name", "name_en")),
        "target_group": list(TargetGroup.objects.in_order().values_list("slug", "name", "name_en")),
        "municipality": list(Municipality.objects.values_list("code", "name")),
        "partnership": list(Partnership.objects.values_list("slug", "name")),
        "organisation": list(Organisation.objects.confirmed().values_list("slug", "name")),
    }


def published_counts(group, values):
    """{value: how many published examples have it} for these values of a filter group.

    From the index; without one (a cache outage), counted in SQL.
    """
    index = current()
    if index is not None:
        return index.counts(group, index.everything, values)
    if group == "organisation":
        return _organisation_counts(values)
    column = {"category": "category__slug", "partnership": "partnership__slug"}[group]
    published = Initiative.objects.published().filter(**{f"{column}__in": values})
    return dict(published.values_list(column).annotate(n=Count("pk")).order_by())


def place_counts():
    """Where the published examples run: {"municipality": {code: n}, "region": {slug: n},
    "nationwide": n}.

    An example counts in its own municipalities and in those where others
    adopted it, once in each; nationwide examples are counted apart, not in
    every place, so that each number is the list's count for
    `?municipality=<code>&nationwide=no` (or `region=`), and the last for
    `?nationwide=yes`. From the index, or in SQL without one.
    """
    index = current()
    if index is None:
        return _place_counts_in_sql()
    local = index.mask({"nationwide": [NO]})
    codes = [code for code, _name in index.options["municipality"]]
    return {
        "municipality": dict(index.counts("municipality", local, codes)),
        "region": dict(index.counts("region", local, Region.values)),
        "nationwide": index.nationwide.bit_count(),
    }


def _place_counts_in_sql():
    published = Initiative.objects.published()
    local = published.filter(nationwide=False).values("pk")
    pairs = set()
    for name in ("municipalities", "reused_in"):
        through = Initiative._meta.get_field(name).remote_field.through.objects
        rows = through.filter(initiative_id__in=local).values_list(
            "initiative_id", "municipality__code", "municipality__region"
        )
        pairs.update(rows)
    by_code, by_region = Counter(), Counter()
    for _pk, code, _region in pairs:
        by_code[code] += 1
    for _pk, region in {(pk, region) for pk, _code, region in pairs}:
        by_region[region] += 1
    return {
        "municipality": dict(by_code),
        "region": dict(by_region),
        "nationwide": published.filter(nationwide=True).count(),
    }


def _organisation_counts(slugs):
    """{slug: published examples the organisation leads or takes part in}, each counted once."""
    published = Initiative.objects.published()
    led = (
        published.filter(lead_organisation__slug__in=slugs)
        .values_list("lead_organisation__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    joined = (
        Initiative.partner_organisations.through.objects.filter(
            organisation__slug__in=slugs, initiative__in=published.values("pk")
        )
        .exclude(initiative__lead_organisation=F("organisation_id"))
        .values_list("organisation__slug")
        .annotate(n=Count("initiative_id", distinct=True))
        .order_by()
    )
    counts = Counter(dict(led))
    counts.update(dict(joined))
    return counts


class FacetIndex:
    def __init__(self, ids, positions, nationwide, options=None):
        """`ids`: primary keys, newest first; `positions`: {group: {value: [position]}}."""
        self.options = options
        self.ids = ids
        self.size = len(ids)
        self.at = {pk: position for position, pk in enumerate(ids)}
        self._whole = {}  # counts over every example, by group and values
        self.members = {group: [()] * self.size for group in MEMBER_GROUPS}
        for group in MEMBER_GROUPS:
            members = self.members[group]
            for value, found in positions[group].items():
                for position in found:
                    if value not in members[position]:  # a lead that is also a partner
                        members[position] += (value,)
        self.everything = (1 << self.size) - 1
        self.nationwide = _bitmap(nationwide, self.size)
        self.bitmaps = {
            group: {value: _bitmap(found, self.size) for value, found in values.items()}
            for group, values in positions.items()
        }
        for group in NATIONWIDE_GROUPS:
            for value, bitmap in self.bitmaps[group].items():
                self.bitmaps[group][value] = bitmap | self.nationwide

    @classmethod
    def build(cls):
        published = Initiative.objects.published()
        rows = published.order_by("-published_at", "pk").values_list(
            "pk",
            *COLUMNS.values(),
            "uses_volunteers",
            "lead_organisation__slug",
            "nationwide",
            "reuse_count",
            *(dimension.field for dimension in knowledge.DIMENSIONS),
        )
        ids, nationwide = [], []
        groups = [*COLUMNS, "volunteers", "organisation", KNOWN, "nationwide", ADOPTED, REUSE]
        positions = {group: {} for group in groups}
        positions.update(target_group={}, region={}, municipality={})
        ranked = list(knowledge.AT_LEAST)
        for position, row in enumerate(rows):
            pk, *values, volunteers, lead, is_nationwide, reuse = row[: -len(knowledge.DIMENSIONS)]
            ids.append(pk)
            for group, value in zip(COLUMNS, values, strict=True):
                if value is not None:
                    positions[group].setdefault(value, []).append(position)
            for dimension, level in zip(
                knowledge.DIMENSIONS, row[-len(knowledge.DIMENSIONS) :], strict=True
            ):
                # At least this level: this one and every weaker one that a filter offers.
                start = ranked.index(level) if level in ranked else len(ranked)
                for at_least in ranked[start:]:
                    positions[KNOWN].setdefault(f"{dimension.slug}:{at_least}", []).append(position)
            positions["volunteers"].setdefault(YES if volunteers else NO, []).append(position)
            if lead is not None:
                positions["organisation"].setdefault(lead, []).append(position)
            if is_nationwide:
                nationwide.append(position)
            positions["nationwide"].setdefault(YES if is_nationwide else NO, []).append(position)
            positions[REUSE].setdefault(reuse, []).append(position)
            if reuse:
                positions[ADOPTED].setdefault(YES, []).append(position)
        at = {pk: position for position, pk in enumerate(ids)}
        for group, value, pk in _related_values(published):
            positions[group].setdefault(value, []).append(at[pk])
        return cls(ids, positions, nationwide, options=read_options())

    def mask(self, selected, leave_out=None):
        """The examples that pass every selected filter but `leave_out`'s, as a bitmap."""
        mask = self.everything
        for group, values in selected.items():
            if group != leave_out:
                mask &= self._any_of(group, values)
        return mask

    def mask_of(self, ids):
        """The bitmap of these examples (those not in the index left out)."""
        positions = [self.at[pk] for pk in ids if pk in self.at]
        return _bitmap(positions, self.size)

    def closest(self, category, target_groups, count, leave_out=None):
        """The `count` examples nearest one in this category for these target groups.

        Those in the same category first, then by how many of the target
        groups they share, then the newest: the order of
        initiatives.views.related_examples in SQL. `leave_out` is a primary key.
        """
        sharing = [self._bitmap("target_group", slug) for slug in target_groups]
        # at_least[n]: the examples with at least n of the target groups.
        at_least = [self.everything] + [0] * len(sharing)
        for bitmap in sharing:
            for n in range(len(sharing), 0, -1):
                at_least[n] |= at_least[n - 1] & bitmap
        in_category = self._bitmap("category", category)
        found = []
        for same in (in_category, self.everything & ~in_category):
            for n in range(len(sharing), -1, -1):
                if same is not in_category and n == 0:
                    break  # neither the category nor a target group: not related
                exactly = at_least[n] & ~(at_least[n + 1] if n < len(sharing) else 0)
                for position in self.positions(same & exactly):
                    if self.ids[position] != leave_out:
                        found.append(self.ids[position])
                    if len(found) == count:
                        return found
        return found

    def counts(self, group, mask, values):
        """{value: how many examples in `mask` have it} for these values of `group`.

        One AND per value, unless the group has thousands of values and the
        mask few examples: then the examples' own values are counted.
        """
        if mask == self.everything:
            # Every example: the same for every request until the next change.
            key = (group, tuple(values))
            if key not in self._whole:
                self._whole[key] = self._counts(group, mask, values)
            return self._whole[key]
        return self._counts(group, mask, values)

    def _counts(self, group, mask, values):
        if group in self.members and mask.bit_count() < len(values) * SPARSE:
            members = self.members[group]
            return Counter(chain.from_iterable(map(members.__getitem__, self.positions(mask))))
        return {value: (self._bitmap(group, value) & mask).bit_count() for value in values}

    def positions(self, mask, start=0):
        """The positions of `mask`'s examples, newest first, skipping the first `start`."""
        data = mask.to_bytes((self.size + 7) // 8, "little")
        seen = 0
        for offset, byte in enumerate(data):
            if not byte:
                continue
            bits = _BITS[byte]
            if seen + len(bits) <= start:
                seen += len(bits)
                continue
            for bit in bits:
                if seen >= start:
                    yield offset * 8 + bit
                seen += 1

    def ids_between(self, mask, start, stop):
        """The primary keys of the examples in `mask` from the start-th to before the stop-th."""
        return [
            self.ids[position] for position in islice(self.positions(mask, start), stop - start)
        ]

    def ids_by_level(self, mask, group, levels, start, stop):
        """Like ids_between, but all of `mask`'s examples with the first level come first,
        then the second's, and so on, each level newest first."""
        ids, wanted = [], stop - start
        for level in levels:
            part = mask & self._bitmap(group, level)
            size = part.bit_count()
            if start < size and len(ids) < wanted:
                ids += self.ids_between(part, start, start + (wanted - len(ids)))
            start = max(0, start - size)
        return ids

    def levels(self, group):
        """The values of a group that has numbers for values (REUSE), the highest first."""
        return sorted(self.bitmaps[group], reverse=True)

    def _any_of(self, group, values):
        if group == KNOWN:
            return self.known(values)
        bitmap = 0
        for value in values:
            bitmap |= self._bitmap(group, value)
        return bitmap

    def known(self, values):
        """The examples meeting every dimension's chosen level (any one of a dimension's)."""
        by_dimension = {}
        for value in values:
            dimension = value.partition(":")[0]
            by_dimension[dimension] = by_dimension.get(dimension, 0) | self._bitmap(KNOWN, value)
        mask = self.everything
        for bitmap in by_dimension.values():
            mask &= bitmap
        return mask

    def _bitmap(self, group, value):
        if value in self.bitmaps[group]:
            return self.bitmaps[group][value]
        return self.nationwide if group in NATIONWIDE_GROUPS else 0


def _related_values(published):
    """(group, value, example pk) for every target group, municipality, region and partner."""
    through = {
        name: Initiative._meta.get_field(name).remote_field.through.objects
        for name in ("target_groups", "municipalities", "reused_in", "partner_organisations")
    }
    published_ids = published.values("pk")
    for pk, slug in (
        through["target_groups"]
        .filter(initiative_id__in=published_ids)
        .values_list("initiative_id", "targetgroup__slug")
    ):
        yield "target_group", slug, pk
    # Where it runs: its own places and where others adopted it; a place in both
    # sets the same bit.
    for name in ("municipalities", "reused_in"):
        places = through[name].filter(initiative_id__in=published_ids)
        for pk, code, region in places.values_list(
            "initiative_id", "municipality__code", "municipality__region"
        ):
            yield "municipality", code, pk
            yield "region", region, pk
    partners = through["partner_organisations"].filter(initiative_id__in=published_ids)
    for pk, slug in partners.values_list("initiative_id", "organisation__slug"):
        yield "organisation", slug, pk  # a lead that is also a partner sets the same bit


def _bitmap(positions, size):
    data = bytearray((size + 7) // 8)
    for position in positions:
        data[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(data, "little")
