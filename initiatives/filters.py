"""Filtering and facet counts for the examples list.

The GET parameter names are part of the interface: people share and bookmark
these URLs. Values that are not known (a removed category, a typo) are
ignored and reported, never an error.

Facet counts follow the usual rule for multi-select filters: the number
beside an option is how many examples the list would show with that option
as the only choice in its own group and every other filter unchanged.
"""

import heapq
from collections import Counter

import django_filters
from django import forms
from django.db.models import Count, F, Q
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from initiatives import facetindex, knowledge
from initiatives.facetindex import KNOWN
from initiatives.models import Initiative
from initiatives.search import Search
from partnerships.models import Region

YES, NO = "yes", "no"
# Groups that grow with the portal: a national portal has thousands of
# organisations, and a list of them all would outweigh the page. These show the
# chosen options and the SHOWN_OPTIONS others with most examples, most first.
LONG_GROUPS = ("organisation", "partnership")
SHOWN_OPTIONS = 10
SORTS = {
    "relevance": _("relevance"),
    "newest": _("newest"),
    "title": _("title"),
    "cost": _("cheapest first"),
    "evidence": _("strongest evidence first"),
    "adoptions": _("most reused"),
}
# The sort by spread: the most adoptions first, the newest first among equals.
MOST_REUSED = "adoptions"
# The sorts that rank by a level, best first; within a level the newest first.
LEVELS = {
    "cost": [*Initiative.CostLevel.values, ""],
    "evidence": list(reversed(Initiative.Evidence.values)),
}


def known_options():
    """[(value, dimension, short label, label)] of the knowledge filter, in the page's language.

    A value is "<dimension>:<level>" and means that level or a better one. The
    short label is shown under the dimension's name, the label in the chips.
    """
    short = {
        knowledge.Level.A: gettext("A: documented and tested"),
        knowledge.Level.B: gettext("At least B: documented"),
        knowledge.Level.C: gettext("At least C: described in outline"),
    }
    options = []
    for dimension in knowledge.DIMENSIONS:
        for level in knowledge.AT_LEAST:
            if level == knowledge.Level.A:
                label = gettext("%(dimension)s at level A")
            else:
                label = gettext("%(dimension)s at least %(level)s")
            label %= {"dimension": dimension.label, "level": level}
            options.append((f"{dimension.slug}:{level}", dimension.label, short[level], label))
    return options


def known_q(values):
    """The condition of the knowledge filter: each dimension named at one of its levels."""
    by_dimension = {}
    for value in values:
        slug, _colon, level = value.partition(":")
        dimension = knowledge.BY_SLUG[slug]
        by_dimension.setdefault(dimension.field, set()).update(knowledge.at_least(level))
    condition = Q()
    for field, levels in by_dimension.items():
        condition &= Q(**{f"{field}__in": sorted(levels)})
    return condition


def _other_dimensions(values, dimension):
    return [value for value in values if not value.startswith(f"{dimension.slug}:")]


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keep the known values, drop the unknown ones (the view reports them).

    `known`, when set, replaces the choices: a set of thousands of
    organisations is cheaper to check against than to normalise as choices.
    """

    known = None

    def clean(self, value):
        values = self.to_python(value)
        known = self.known
        if known is None:
            known = {str(key) for key, _label in self.choices}
        return list(dict.fromkeys(v for v in values if v in known))


class LenientChoiceField(forms.ChoiceField):
    def clean(self, value):
        value = self.to_python(value)
        return value if self.valid_value(value) else ""


class MultipleFilter(django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField


class SingleFilter(django_filters.ChoiceFilter):
    field_class = LenientChoiceField


def _through(field):
    return Initiative._meta.get_field(field).remote_field.through.objects


def _runs_in(**place):
    """Nationwide, or in a place of its own or where it was adopted."""
    own = _through("municipalities").filter(**place).values("initiative_id")
    adopted = _through("reused_in").filter(**place).values("initiative_id")
    return Q(nationwide=True) | Q(pk__in=own) | Q(pk__in=adopted)


class InitiativeFilter(django_filters.FilterSet):
    """The examples list's filters; `q`, `sort` and `page` are handled by the view."""

    category = MultipleFilter(label=_("Category"), method="filter_category")
    target_group = MultipleFilter(label=_("Target group"), method="filter_target_group")
    region = MultipleFilter(label=_("Region"), choices=Region.choices, method="filter_region")
    municipality = MultipleFilter(label=_("Municipality"), method="filter_municipality")
    format = MultipleFilter(
        label=_("Format"), choices=Initiative.Format.choices, method="filter_format"
    )
    status = MultipleFilter(
        label=_("Status"), choices=Initiative.Status.choices, method="filter_status"
    )
    evidence = MultipleFilter(
        label=_("Evidence"), choices=Initiative.Evidence.choices, method="filter_evidence"
    )
    known = MultipleFilter(
        label=_("How much is known"),
        choices=lambda: [(value, label) for value, _d, _s, label in known_options()],
        method="filter_known",
    )
    transfer = MultipleFilter(
        label=_("Transferability"),
        choices=Initiative.Transferability.choices,
        method="filter_transfer",
    )
    cost = MultipleFilter(
        label=_("Cost"), choices=Initiative.CostLevel.choices, method="filter_cost"
    )
    nationwide = SingleFilter(
        label=_("Nationwide or local"),
        choices=[(YES, _("nationwide")), (NO, _("local"))],
        method="filter_nationwide",
    )
    adopted = SingleFilter(
        label=_("Reuse"),
        choices=[(YES, _("reused elsewhere"))],
        method="filter_adopted",
    )
    volunteers = SingleFilter(
        label=_("Volunteers"),
        choices=[(YES, _("with volunteers")), (NO, _("without volunteers"))],
        method="filter_volunteers",
    )
    partnership = MultipleFilter(label=_("Partnership"), method="filter_partnership")
    organisation = MultipleFilter(label=_("Organisation"), method="filter_organisation")

    class Meta:
        model = Initiative
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        # Read with the facet index, once per change; the facets reuse them for their labels.
        self.options = dict(facetindex.option_lists())
        for name, choices in self.options.items():
            self.form.fields[name].known = {value for value, _label in choices}
        for name in [
            "region",
            "format",
            "status",
            "evidence",
            KNOWN,
            "transfer",
            "cost",
            "nationwide",
            "adopted",
            "volunteers",
        ]:
            self.options[name] = [
                (str(value), str(label)) for value, label in self.form.fields[name].choices if value
            ]

    # Each filter narrows by primary key through a subquery, so that no join
    # multiplies rows and the list never needs DISTINCT.

    def filter_category(self, queryset, name, values):
        return queryset.filter(category__slug__in=values) if values else queryset

    def filter_target_group(self, queryset, name, values):
        if not values:
            return queryset
        ids = _through("target_groups").filter(targetgroup__slug__in=values)
        return queryset.filter(pk__in=ids.values("initiative_id"))

    # An example runs in its own municipalities, where others adopted it, and,
    # when nationwide, everywhere.

    def filter_region(self, queryset, name, values):
        if not values:
            return queryset
        return queryset.filter(_runs_in(municipality__region__in=values))

    def filter_municipality(self, queryset, name, values):
        if not values:
            return queryset
        return queryset.filter(_runs_in(municipality__code__in=values))

    def filter_nationwide(self, queryset, name, value):
        if value in {YES, NO}:
            return queryset.filter(nationwide=value == YES)
        return queryset

    def filter_adopted(self, queryset, name, value):
        return queryset.filter(reuse_count__gt=0) if value == YES else queryset

    def filter_format(self, queryset, name, values):
        return queryset.filter(format__in=values) if values else queryset

    def filter_status(self, queryset, name, values):
        return queryset.filter(status__in=values) if values else queryset

    def filter_evidence(self, queryset, name, values):
        return queryset.filter(evidence__in=values) if values else queryset

    def filter_known(self, queryset, name, values):
        return queryset.filter(known_q(values)) if values else queryset

    def filter_transfer(self, queryset, name, values):
        return queryset.filter(transferability__in=values) if values else queryset

    def filter_cost(self, queryset, name, values):
        return queryset.filter(cost_level__in=values) if values else queryset

    def filter_volunteers(self, queryset, name, value):
        if value == YES:
            return queryset.filter(uses_volunteers=True)
        if value == NO:
            return queryset.filter(uses_volunteers=False)
        return queryset

    def filter_partnership(self, queryset, name, values):
        return queryset.filter(partnership__slug__in=values) if values else queryset

    def filter_organisation(self, queryset, name, values):
        if not values:
            return queryset
        ids = _through("partner_organisations").filter(organisation__slug__in=values)
        return queryset.filter(
            Q(lead_organisation__slug__in=values) | Q(pk__in=ids.values("initiative_id"))
        )

    # Reading the request

    @property
    def selected(self):
        """{name: [values]} of the filters in use, known values only."""
        self.is_valid()
        cleaned = self.form.cleaned_data
        selected = {}
        for name in self.filters:
            value = cleaned.get(name)
            if value:
                selected[name] = value if isinstance(value, list) else [value]
        return selected

    def notices(self):
        """A sentence for each value in the request that was not understood and so ignored."""
        selected = self.selected
        return [
            gettext("“%(value)s” is not a known choice for %(filter)s and was ignored.")
            % {"value": value[:60], "filter": str(flt.label).lower()}
            for name, flt in self.filters.items()
            for value in self.data.getlist(name)
            if value and value not in selected.get(name, [])
        ]

    def filter_queryset(self, queryset, *, leave_out=None):
        for name, value in self.form.cleaned_data.items():
            if name != leave_out:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def label(self, name, value):
        return dict(self.options[name]).get(value, value)

    # Facets

    def facets(self, base, *, candidates=None, index=None):
        """Return [Facet] with a count beside every option, in a bounded number of queries.

        `base` is the queryset before these filters (visibility and search
        applied); `candidates`, if given, returns the primary keys of the rows
        of a queryset that are counted (a search's, Search.candidates). With
        `index`, the initiatives.facetindex of every published example, the
        counts come from it: for a search, over each group's candidates.
        """
        self.is_valid()
        selected = self.selected
        facets = []
        for name in self.filters:
            counts = self._counts(name, base, selected, candidates, index)
            facets.append(self._facet(name, counts, selected.get(name, [])))
        return facets

    def _counts(self, name, base, selected, candidates, index):
        if index is None:
            queryset = self.filter_queryset(base, leave_out=name)
            if candidates is not None:
                queryset = base.model.objects.filter(pk__in=candidates(queryset))
            if name == KNOWN:
                return self._known_counts(queryset, selected.get(KNOWN, []))
            return self._count(name, queryset)
        mask = index.mask(selected, leave_out=name)
        if candidates is not None:
            # Only with filters: without, the search walks the newest examples itself.
            newest = None
            if mask != index.everything:
                newest = index.ids_between(mask, 0, Search.LOOKAHEAD + 1)
            queryset = self.filter_queryset(base, leave_out=name)
            mask = index.mask_of(candidates(queryset, newest))
        if name == KNOWN:
            # Each dimension is counted as its own group: with the other dimensions'
            # choices applied and its own left out.
            chosen = selected.get(KNOWN, [])
            counts = {}
            for dimension in knowledge.DIMENSIONS:
                within = mask & index.known(_other_dimensions(chosen, dimension))
                values = [f"{dimension.slug}:{level}" for level in knowledge.AT_LEAST]
                counts.update(index.counts(KNOWN, within, values))
            return counts
        return index.counts(name, mask, [value for value, _label in self.options[name]])

    def _known_counts(self, queryset, chosen):
        """The knowledge filter's counts in SQL: one query, each dimension as its own group."""
        counts = {}
        for dimension in knowledge.DIMENSIONS:
            others = known_q(_other_dimensions(chosen, dimension))
            for level in knowledge.AT_LEAST:
                condition = Q(**{f"{dimension.field}__in": knowledge.at_least(level)}) & others
                counts[f"{dimension.key}_{level}"] = Count("pk", filter=condition)
        found = queryset.aggregate(**counts)
        return {
            f"{dimension.slug}:{level}": found[f"{dimension.key}_{level}"]
            for dimension in knowledge.DIMENSIONS
            for level in knowledge.AT_LEAST
        }

    def _facet(self, name, counts, chosen):
        """The group's options with their counts; in a long group only the chosen and the top."""
        labels = self.options[name]
        hidden = 0
        if name in LONG_GROUPS:
            found = [value for value, _label in labels if counts.get(value) and value not in chosen]
            top = heapq.nsmallest(SHOWN_OPTIONS, found, key=lambda value: -counts[value])
            hidden = len(found) - len(top)
            shown = set(chosen) | set(top)
            labels = [(value, label) for value, label in labels if value in shown]
            labels.sort(key=lambda pair: (pair[0] not in chosen, -counts.get(pair[0], 0)))
        separator = get_format("THOUSAND_SEPARATOR")
        options = [
            Option(value, label, counts.get(value, 0), value in chosen, separator)
            for value, label in labels
            if counts.get(value, 0) or value in chosen or name == "municipality"
        ]
        if name == KNOWN:
            parts = {value: (dimension, short) for value, dimension, short, _l in known_options()}
            for option in options:
                option.group, option.short = parts[option.value]
        return Facet(name, self.filters[name].label, options, hidden)

    def _place_counts(self, name, queryset):
        """Examples in each region or municipality: their own places and where they were
        adopted, each example once per place; a nationwide one counts everywhere."""
        column = "municipality__region" if name == "region" else "municipality__code"
        local = queryset.filter(nationwide=False).values("pk")
        pairs = set()
        for field in ("municipalities", "reused_in"):
            rows = _through(field).filter(initiative_id__in=local)
            pairs.update(rows.values_list("initiative_id", column).distinct())
        counts = Counter(place for _pk, place in pairs)
        nationwide = queryset.filter(nationwide=True).count()
        return {value: counts.get(value, 0) + nationwide for value, _ in self.options[name]}

    def _count(self, name, queryset):
        ids = queryset.values("pk")
        if name == "category":
            rows = queryset.values_list("category__slug").annotate(n=Count("pk"))
        elif name in {"format", "status", "evidence"}:
            rows = queryset.values_list(name).annotate(n=Count("pk"))
        elif name == "cost":
            rows = queryset.values_list("cost_level").annotate(n=Count("pk"))
        elif name == "transfer":
            rows = queryset.values_list("transferability").annotate(n=Count("pk"))
        elif name == "partnership":
            rows = queryset.filter(partnership__isnull=False)
            rows = rows.values_list("partnership__slug").annotate(n=Count("pk"))
        elif name in {"volunteers", "nationwide"}:
            field = "uses_volunteers" if name == "volunteers" else name
            counts = queryset.aggregate(
                yes=Count("pk", filter=Q(**{field: True})),
                no=Count("pk", filter=Q(**{field: False})),
            )
            return {YES: counts["yes"], NO: counts["no"]}
        elif name == "adopted":
            return {YES: queryset.filter(reuse_count__gt=0).count()}
        elif name == "target_group":
            rows = (
                _through("target_groups")
                .filter(initiative_id__in=ids)
                .values_list("targetgroup__slug")
                .annotate(n=Count("initiative_id", distinct=True))
            )
        elif name in {"region", "municipality"}:
            return self._place_counts(name, queryset)
        elif name == "organisation":
            # Lead and partner organisations, each example counted once per organisation.
            led = queryset.filter(lead_organisation__isnull=False)
            led = dict(led.values_list("lead_organisation__slug").annotate(n=Count("pk")))
            partners = (
                _through("partner_organisations")
                .filter(initiative_id__in=queryset.values("pk"))
                .exclude(initiative__lead_organisation=F("organisation_id"))
                .values_list("organisation__slug")
                .annotate(n=Count("initiative_id", distinct=True))
            )
            counts = dict(led)
            for slug, n in partners:
                counts[slug] = counts.get(slug, 0) + n
            return counts
        else:  # pragma: no cover - every filter has a count above
            raise ValueError(name)
        return dict(rows)


class Option:
    __slots__ = ("count", "group", "grouped_count", "label", "selected", "short", "value")

    def __init__(self, value, label, count, selected, separator=","):
        self.value, self.label, self.count, self.selected = value, label, count, selected
        # A subgroup within the facet and the option's label there (the knowledge filter's).
        self.group, self.short = None, label
        # What `intcomma` would show, at a fraction of its cost: a list page shows
        # about 160 counts.
        self.grouped_count = format(count, ",").replace(",", separator)


class Facet:
    def __init__(self, name, label, options, hidden=0):
        self.name, self.label, self.options = name, label, options
        self.hidden = hidden  # options left out of a long group; their own pages list them all
