"""The pages the benchmark measures, and the fixed lists of URLs for its cold runs.

Each page has a warm URL (the same one again and again, what a popular page
sees) and, where the page has variants, a list of cold URLs: every request a
different filter, search or object, so no cache can answer them all. The lists
are drawn from the database with one Random(seed), in primary-key order, so the
same data gives the same lists. Needs Django set up.
"""

import random
from dataclasses import dataclass, field
from urllib.parse import urlencode

COLD_URLS = 3000
# Words nearly every example uses, as in real life: the slow searches.
COMMON_WORDS = [
    "bibliotek",
    "læsning",
    "fællesskab",
    "frivillige",
    "borgere",
    "ældre",
    "digital",
    "deltagerne",
    "børn",
    "ensomhed",
]
ADMIN_CHANGELIST = "/admin/initiatives/initiative/"


@dataclass
class Page:
    name: str
    warm: str
    cold: list = field(default_factory=list)
    admin: bool = False  # needs the signed-in curator's session


@dataclass
class Choices:
    """Every value each examples-list filter can take, read once."""

    values: dict

    @classmethod
    def load(cls):
        from initiatives.knowledge import AT_LEAST, DIMENSIONS
        from initiatives.models import Category, Initiative, TargetGroup
        from partnerships.models import Municipality, Organisation, Partnership, Region

        def slugs(queryset):
            return list(queryset.order_by("pk").values_list("slug", flat=True))

        return cls(
            {
                "category": slugs(Category.objects),
                "target_group": slugs(TargetGroup.objects),
                "region": list(Region.values),
                "municipality": list(
                    Municipality.objects.order_by("code").values_list("code", flat=True)
                ),
                "format": list(Initiative.Format.values),
                "status": list(Initiative.Status.values),
                "evidence": list(Initiative.Evidence.values),
                "known": [f"{d.slug}:{level}" for d in DIMENSIONS for level in AT_LEAST],
                "transfer": list(Initiative.Transferability.values),
                "volunteers": ["yes", "no"],
                "nationwide": ["yes", "no"],
                "adopted": ["yes"],
                "partnership": slugs(Partnership.objects),
                "organisation": slugs(Organisation.objects.confirmed()),
            }
        )

    def one_filter_urls(self):
        return [
            _list_url({name: value}) for name, values in self.values.items() for value in values
        ]

    def random_filters(self, rng, how_many):
        names = rng.sample(sorted(self.values), how_many)
        return {name: rng.choice(self.values[name]) for name in names}


def _list_url(params):
    from django.urls import reverse

    return reverse("initiatives:list", query=params) if params else reverse("initiatives:list")


def _unique(urls, limit=COLD_URLS):
    return list(dict.fromkeys(urls))[:limit]


def _query(rng):
    words = rng.sample(COMMON_WORDS, rng.choice([1, 1, 2]))
    return " ".join(words)


def list_pages(rng, choices, last_page):
    """The examples list: unfiltered, three filters, searches, and page 50."""
    three = {
        "category": choices.values["category"][0],
        "target_group": choices.values["target_group"][0],
        "region": "hovedstaden",
    }
    ranked = {"q": "bibliotek", "category": choices.values["category"][0]}
    ranked |= {"region": "hovedstaden", "sort": "relevance"}
    pairs = [f"{a} {b}" for a in COMMON_WORDS for b in COMMON_WORDS if a != b]
    return [
        Page("examples list", _list_url({}), choices.one_filter_urls()),
        Page(
            "list, three filters",
            _list_url(three),
            _unique(_list_url(choices.random_filters(rng, 3)) for _ in range(COLD_URLS * 2)),
        ),
        Page(
            "search, common word",
            _list_url({"q": "bibliotek"}),
            [_list_url({"q": q}) for q in COMMON_WORDS + pairs],
        ),
        Page(
            "search + filters, relevance",
            _list_url(ranked),
            _unique(
                _list_url(
                    {"q": _query(rng), **choices.random_filters(rng, rng.choice([1, 2]))}
                    | {"sort": "relevance"}
                )
                for _ in range(COLD_URLS * 2)
            ),
        ),
        Page(
            "most reused",
            _list_url({"sort": "adoptions"}),
            [_list_url({"sort": "adoptions", "page": n}) for n in range(2, 40)]
            + [
                _list_url({"sort": "adoptions", name: value})
                for name, values in choices.values.items()
                for value in values[:3]
            ],
        ),
        Page(
            "page 50",
            _list_url({"page": min(50, last_page)}),
            [_list_url({"page": n}) for n in range(2, last_page + 1)][:COLD_URLS],
        ),
    ]


def object_pages(rng):
    """Example, organisation and partnership pages, and their lists."""
    from django.urls import reverse

    from initiatives.models import Initiative
    from partnerships.models import Organisation, Partnership

    examples = list(Initiative.objects.published().order_by("pk").values_list("slug", flat=True))
    organisations = list(
        Organisation.objects.confirmed().order_by("pk").values_list("slug", flat=True)
    )
    partnerships = list(Partnership.objects.order_by("pk").values_list("slug", flat=True))
    kinds = list(Organisation.Kind.values)

    def sample(slugs):
        return rng.sample(slugs, min(len(slugs), COLD_URLS))

    def urls(name, slugs):
        return [reverse(name, kwargs={"slug": slug}) for slug in slugs]

    organisation_list = reverse("partnerships:organisation_list")
    # The newest synthetic ones: the demo's come first and are few.
    return [
        Page("example detail", urls("initiatives:detail", examples[-1:])[0],
             urls("initiatives:detail", sample(examples))),
        Page(
            "organisations list",
            organisation_list,
            [f"{organisation_list}?page={n}" for n in range(2, 40)]
            + [f"{organisation_list}?kind={kind}" for kind in kinds],
        ),
        Page("one organisation", urls("partnerships:organisation_detail", organisations[-1:])[0],
             urls("partnerships:organisation_detail", sample(organisations))),
        Page("partnerships list", reverse("partnerships:list")),
        # Every place's count links to the list: the page reads them from the facet index.
        Page("where examples run", reverse("adoptions:spread"), [reverse("adoptions:spread")]),
        Page("one partnership", urls("partnerships:detail", partnerships[-1:])[0],
             urls("partnerships:detail", sample(partnerships))),
    ]  # fmt: skip


def admin_page(rng, choices):
    """The curators' changelist: filters, searches and pages as curators use them."""
    from initiatives.models import Category, Initiative

    categories = list(Category.objects.order_by("pk").values_list("pk", flat=True))
    states = list(Initiative.State.values)
    urls = []
    for _ in range(COLD_URLS * 2):
        params = {}
        if rng.random() < 0.6:
            params["state__exact"] = rng.choice(states)
        if rng.random() < 0.5:
            params["category__id__exact"] = rng.choice(categories)
        if rng.random() < 0.3:
            params["evidence__exact"] = rng.choice(choices.values["evidence"])
        if rng.random() < 0.4:
            params["q"] = rng.choice(COMMON_WORDS)
        if rng.random() < 0.3:
            params["p"] = rng.randint(1, 20)
        urls.append(f"{ADMIN_CHANGELIST}?{urlencode(params)}" if params else ADMIN_CHANGELIST)
    return Page("admin changelist", ADMIN_CHANGELIST, _unique(urls), admin=True)


def default_admin_page(curators):
    """Django's default changelist of the same examples (benchmarks/default_admin.py).

    The yardstick for the curators' changelist: the same warm and cold
    addresses under the other prefix. Filters it has no list_filter for still
    filter, and a search without search_fields is ignored.
    """
    from django.urls import reverse

    default = reverse("bench_default_admin:initiatives_initiative_changelist")
    cold = [default + url.removeprefix(ADMIN_CHANGELIST) for url in curators.cold]
    return Page("default admin changelist", default, cold, admin=True)


def build_pages(seed=0):
    """Every measured page, in the order of the table; /healthz first, as the yardstick."""
    from django.conf import settings

    from initiatives.models import Initiative
    from initiatives.views import PAGE_SIZE

    rng = random.Random(seed)
    choices = Choices.load()
    last_page = max(1, -(-Initiative.objects.published().count() // PAGE_SIZE))
    curators = admin_page(rng, choices)
    # Only where portal/urls.py mounts it: the benchmark's server, not tests.
    yardstick = [default_admin_page(curators)] if settings.BENCHMARK_DEFAULT_ADMIN else []
    return [
        Page("/healthz", "/healthz"),
        Page("home", "/"),
        *list_pages(rng, choices, last_page),
        *object_pages(rng),
        curators,
        *yardstick,
    ]
