"""Every public page issues a fixed number of queries, whatever the amount of data.

Each page is measured with a little data and with a lot; the budget is the
same for both.
"""

import pytest
from django.urls import reverse

from initiatives import facetindex, synonyms
from initiatives.models import Initiative
from tests.factories import (
    AdoptionFactory,
    CategoryFactory,
    InitiativeFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    TargetGroupFactory,
    municipality,
)

pytestmark = pytest.mark.django_db


def populate(size):
    """`size` published examples spread over categories, groups, places and organisations."""
    categories = [CategoryFactory() for _ in range(max(2, size // 5))]
    groups = [TargetGroupFactory() for _ in range(max(2, size // 5))]
    organisations = [OrganisationFactory() for _ in range(max(2, size // 3))]
    partnership = PartnershipFactory(slug="partnerskab")
    for organisation in organisations:
        MembershipFactory(partnership=partnership, organisation=organisation)
    MeetingFactory.create_batch(max(1, size // 10), partnership=partnership)
    places = [municipality(code) for code in ("101", "265", "461", "751", "851")]
    for n in range(size):
        InitiativeFactory(
            published=True,
            featured=n < 3,
            category=categories[n % len(categories)],
            target_groups=groups[: 1 + n % len(groups)],
            municipalities=places[: 1 + n % len(places)],
            nationwide=n % 7 == 0,
            lead_organisation=organisations[n % len(organisations)],
            partner_organisations=organisations[:2],
            partnership=partnership,
            slug=f"eksempel-{n}",
            known_effect="ABCD"[n % 4],
            known_method="ABCD"[(n + 1) % 4],
            transferability=["high", "medium", "low", ""][n % 4],
        )
    # Every third example taken up elsewhere, the more the later: adoptions grow with size.
    for n in range(0, size, 3):
        example = Initiative.objects.get(slug=f"eksempel-{n}")
        for k in range(1 + n // 6):
            AdoptionFactory(initiative=example, municipality=places[k % len(places)])
    return organisations[0]


SIZES = [3, 40]

# (url name, kwargs, query string, budget), each budget as measured. Every grid
# of example cards reads its cards' target group and municipality names in two
# queries, none once its cards are kept (initiatives.cards); the budgets allow
# for cards not kept.
# home: featured, newest, their target groups and municipalities (2 each),
#   categories with counts, active partnerships.
# list: five option lists, count, page, its target groups and municipalities,
#   ten facets (region, municipality and organisation take two each); a search
#   adds one query on PostgreSQL to decide on typo tolerance; an empty search
#   result adds one count per filter in use (at most one per filter name) to
#   say which filter to loosen (without a search the facet index counts them).
# detail: the example, its five prefetched relations, the related examples
#   (ids, rows, their target groups and municipalities).
# partnerships: the list with counts and facilitators; the detail with
#   members, meetings and examples (with their target groups and places).
# organisations: kind counts, page count, page; the detail with partnerships,
#   examples led and joined (each with target groups and places), and where
#   others took its examples up (adoptions.spread.organisation_spread).
# spread (/udbredelse/): the municipalities; the counts come with the facet index.
PAGES = [
    ("home", {}, "", 8),
    # the cache's generation, the page and its relations: the option lists and
    # the counts come with the facet index (initiatives/facetindex.py)
    ("initiatives:list", {}, "", 3),
    ("initiatives:list", {}, "?category=kategori-1&region=hovedstaden&volunteers=no&page=2", 3),
    # and a search's candidates: once for the list and the groups without a choice,
    # once for each group with one (Search.candidates)
    ("initiatives:list", {}, "?q=bibliotek&sort=relevance", 5),
    ("initiatives:list", {}, "?known=effekt:B&known=metode:C&transfer=high&sort=cost", 3),
    ("initiatives:list", {}, "?q=bibliotek&known=effekt:B&known=metode:C&transfer=high", 7),
    ("initiatives:list", {}, "?category=findes-ikke&format=digital&organisation=x", 5),
    ("initiatives:list", {}, "?adopted=yes&sort=adoptions&page=2", 3),
    ("initiatives:list", {}, "?municipality=461&nationwide=no&sort=adoptions", 3),
    ("initiatives:list", {}, "?q=bibliotek&adopted=yes&sort=adoptions", 6),
    ("initiatives:list", {}, "?q=zzzz&format=digital&status=idea&evidence=none", 9),
    ("initiatives:detail", {"slug": "eksempel-1"}, "", 9),
    # an adopted example adds its spread: the newest stories, the organisations, the places
    ("initiatives:detail", {"slug": "eksempel-0"}, "", 12),
    ("partnerships:list", {}, "", 2),
    ("partnerships:detail", {"slug": "partnerskab"}, "", 6),
    # count, page, kind counts; the example counts come with the facet index
    ("partnerships:organisation_list", {}, "", 3),
    ("partnerships:organisation_detail", {"slug": "ORG"}, "", 9),
    ("adoptions:spread", {}, "", 1),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("name", "kwargs", "query", "budget"), PAGES)
def test_page_stays_within_its_query_budget(
    client, django_assert_max_num_queries, size, name, kwargs, query, budget
):
    organisation = populate(size)
    if kwargs.get("slug") == "ORG":
        kwargs = {"slug": organisation.slug}
    url = reverse(name, kwargs=kwargs) + query
    facetindex.current()  # built once per change, not per request
    synonyms.current()  # read once per change, as the index is
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_my_examples_stays_within_its_budget(
    client, verified_user, django_assert_max_num_queries, size
):
    # session, user, the user's examples (with their categories)
    InitiativeFactory.create_batch(size, submitted_by=verified_user)
    client.force_login(verified_user)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("initiatives:mine")).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_the_submission_form_stays_within_its_budget(
    client, verified_user, django_assert_max_num_queries, size
):
    # session, user, verified address; the form's option lists: categories,
    # target groups, municipalities, organisations (twice), partnerships;
    # the two formsets' (empty) rows.
    populate(size)
    client.force_login(verified_user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("initiatives:submit")).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_the_curators_review_queue_stays_within_its_budget(
    client, curator, django_assert_max_num_queries, size
):
    # session, user, the second factor, the queue count, two permission lookups,
    # three filter option lists, one count that stops at a limit, the page.
    populate(size)
    client.force_login(curator)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("admin:initiatives_initiative_changelist"))
    assert response.status_code == 200
