"""What a list address shows: its GET parameters read once, for every reader of them.

The examples list, its exports, its feed, the API and followed searches all
take the same parameters (`q`, the filters, `sort`), so that a shared link, a
download and a digest hold the same examples in the same order.
"""

from django.db.models import Case, IntegerField, Value, When
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from initiatives import facetindex
from initiatives.filters import LEVELS, MOST_REUSED, SORTS, InitiativeFilter
from initiatives.models import Initiative
from initiatives.search import Search, clean_query

# The parameters a list address may carry besides the filters' own.
QUERY, SORT, PAGE = "q", "sort", "page"


class Listing:
    """The published examples that `params` (a QueryDict) select, and how they are ordered.

    `notices` holds a sentence for each part of the parameters that was not
    understood and so left out: the list never fails on a stale link.
    """

    def __init__(self, params):
        self.params = params
        self.notices = []
        published = Initiative.objects.published()
        self.query = self._read_query()
        self.search = Search(self.query, published)
        if self.query and not self.search:
            self.notices.append(
                _("“%(query)s” has nothing to search for, so all examples are shown.")
                % {"query": self.query}
            )
            self.query = ""
        self.base = self.search.filter(published)
        self.filterset = InitiativeFilter(params, queryset=self.base)
        self.notices += self.filterset.notices()
        self.sort, self.chosen_sort = self._read_sort()

    def _read_query(self):
        query, shortened = clean_query(self.params.get(QUERY, ""))
        if shortened:
            self.notices.append(
                _("The search text was cut to its first %(n)d characters.") % {"n": len(query)}
            )
        return query

    def _read_sort(self):
        """(sort in use, sort chosen); no choice means best match when searching, else newest."""
        chosen = self.params.get(SORT, "")
        sort = chosen or ("relevance" if self.search else "newest")
        if sort not in SORTS:
            self.notices.append(
                _("The sort order “%(sort)s” is unknown; newest first is used.")
                % {"sort": sort[:30]}
            )
            return "newest", "newest"
        return sort, chosen

    @cached_property
    def selected(self):
        """{filter name: [values]} of the filters in use, known values only."""
        return self.filterset.selected

    def matches(self, newest=None):
        """The matching examples, unordered: for a search, its newest CANDIDATES + 1."""
        return self.search.bounded(self.filterset.qs, newest)

    def ordered(self, queryset, *, headline=False):
        """`queryset` (within matches()) in the listing's order, ranked when searching.

        `headline` adds the search's snippet source, which only a page of cards needs.
        """
        queryset = self.search.annotate(queryset, headline=headline)
        sort = self.sort
        if sort == "relevance":
            return self.search.order_by_relevance(queryset)
        if sort == "title":
            return queryset.order_by("title", "pk")
        if sort in LEVELS:
            field = facetindex.COLUMNS[sort]
            rank = Case(
                *[When(**{field: level}, then=Value(n)) for n, level in enumerate(LEVELS[sort])],
                output_field=IntegerField(),
            )
            return queryset.order_by(rank, "-published_at", "pk")
        if sort == MOST_REUSED:
            return queryset.order_by("-reuse_count", "-published_at", "pk")
        return queryset.order_by("-published_at", "pk")

    def results(self):
        """Every example the list shows for these parameters, in its order (a queryset).

        A search shows its CANDIDATES best of the newest matches, as the list
        page does: matches() reads one more, to know that there are more.
        """
        results = self.ordered(self.matches())
        return results[: self.search.CANDIDATES] if self.search else results

    def canonical_params(self):
        """[(name, value)] of what these parameters select, in a fixed order, understood only.

        Two addresses that show the same list give the same pairs: the key of
        a followed search and of a canonical link.
        """
        pairs = [(QUERY, self.query)] if self.query else []
        for name, values in sorted(self.selected.items()):
            pairs += [(name, value) for value in sorted(values)]
        if self.chosen_sort and self.chosen_sort != ("relevance" if self.search else "newest"):
            pairs.append((SORT, self.sort))
        return pairs

    def terms(self):
        """[(what, value)] in words, the search first: what the list is narrowed by."""
        return name_terms(self.filterset, self.canonical_params())

    def describe(self):
        """One line in words, e.g. 'Search: “lektiehjælp” · Category: Homework help'; '' for all."""
        return " · ".join(f"{what}: {value}" for what, value in self.terms())


def name_terms(filterset, pairs):
    """[(what, value)] in words for understood list parameters [(name, value)].

    Any InitiativeFilter gives the labels, so one names the parameters of
    many lists (the followed searches on a page). A parameter no filter reads
    any more is left out.
    """
    terms = []
    for name, value in pairs:
        if name == QUERY:
            terms.append((_("Search"), f"“{value}”"))
        elif name == SORT:
            terms.append((_("Sorted by"), str(SORTS.get(value, value))))
        elif name in filterset.filters:
            terms.append((str(filterset.filters[name].label), filterset.label(name, value)))
    return terms
