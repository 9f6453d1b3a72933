"""The read-only API under /api/v1/: what it gives, to whom, and how often."""

import json
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from drf_spectacular.validation import validate_schema

from initiatives import facetindex
from initiatives.filters import InitiativeFilter
from initiatives.listing import Listing
from initiatives.models import Attachment, Initiative
from partnerships.models import Membership
from tests.factories import (
    AttachmentFactory,
    CategoryFactory,
    InitiativeFactory,
    LinkFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    TargetGroupFactory,
    UserFactory,
    municipality,
)

pytestmark = pytest.mark.django_db

EXAMPLES = reverse("api:example-list")
CONTACT_NAME = "Mette Kontaktsen"
CONTACT_EMAIL = "mette.kontakt@roskildebib.example"


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


@pytest.fixture
def library():
    """Published examples in two categories, one draft and one waiting for review."""
    outreach = CategoryFactory(name="Opsøgende tilbud", slug="opsoegende")
    reading = CategoryFactory(name="Læsefremme", slug="laesefremme")
    elderly = TargetGroupFactory(name="Ældre", slug="aeldre")
    red_cross = OrganisationFactory(name="Dansk Røde Kors", slug="roede-kors")
    return {
        "kommer": InitiativeFactory(
            title="Biblioteket Kommer",
            category=outreach,
            target_groups=[elderly],
            nationwide=True,
            uses_volunteers=True,
            partner_organisations=[red_cross],
            published=True,
        ),
        "laesekreds": InitiativeFactory(
            title="Digital læsekreds",
            category=reading,
            format=Initiative.Format.DIGITAL,
            municipalities=[municipality("751")],
            published=True,
        ),
        "bogpakke": InitiativeFactory(
            title="Bogpakker til børnefamilier",
            category=reading,
            evidence=Initiative.Evidence.EVALUATED,
            known_effect="A",
            published=True,
        ),
        "draft": InitiativeFactory(title="Læsekreds i kladde", category=reading),
        "submitted": InitiativeFactory(title="Læsekreds til review", submitted=True),
    }


# The list: the list page's examples, in its order


@pytest.mark.parametrize(
    "query",
    [
        "",
        "category=laesefremme",
        "category=laesefremme&category=opsoegende&sort=title",
        "target_group=aeldre&volunteers=yes",
        "region=midtjylland",
        "format=digital&format=physical&sort=evidence",
        "known=effekt:B",
        "organisation=roede-kors",
        "q=læsekreds",
        "q=bog&sort=title",
    ],
)
def test_the_list_gives_what_the_listing_gives_for_the_same_parameters(client, library, query):
    expected = list(Listing(QueryDict(query)).results().values_list("slug", flat=True))

    response = client.get(f"{EXAMPLES}?{query}")

    assert response.status_code == 200
    assert slugs(response) == expected


@pytest.mark.parametrize("query", ["", "category=laesefremme&sort=title", "q=bog"])
def test_the_list_gives_the_examples_of_the_list_pages_first_page(client, library, query):
    page = client.get(reverse("initiatives:list") + f"?{query}").context["page"]

    response = client.get(f"{EXAMPLES}?{query}&page_size=20")

    assert slugs(response) == [initiative.slug for initiative in page]
    assert response.json()["count"] == page.paginator.count


def test_a_filter_narrows_the_list(client, library):
    response = client.get(EXAMPLES, {"category": "laesefremme"})

    assert set(slugs(response)) == {library["laesekreds"].slug, library["bogpakke"].slug}


def test_a_search_finds_by_title(client, library):
    response = client.get(EXAMPLES, {"q": "kommer"})

    assert slugs(response) == [library["kommer"].slug]


def test_the_list_has_no_drafts_nor_examples_waiting_for_review(client, library):
    listed = slugs(client.get(EXAMPLES))

    assert library["draft"].slug not in listed
    assert library["submitted"].slug not in listed
    assert len(listed) == 3


def test_unknown_values_are_ignored_and_named_in_the_notices(client, library):
    response = client.get(EXAMPLES, {"category": ["laesefremme", "findes-ikke"]})

    body = response.json()
    assert response.status_code == 200
    assert len(body["results"]) == 2
    assert any("findes-ikke" in notice for notice in body["notices"])


def test_a_list_row_names_its_category_and_organisations(client, library):
    row = next(
        r for r in client.get(EXAMPLES).json()["results"] if r["slug"] == library["kommer"].slug
    )

    assert row["category"] == {"slug": "opsoegende", "name": "Opsøgende tilbud", "name_en": None}
    assert row["target_groups"][0]["slug"] == "aeldre"
    assert row["nationwide"] is True
    assert row["lead_organisation"]["name"] == library["kommer"].lead_organisation.name
    assert row["url"] == "http://testserver" + reverse(
        "api:example-detail", kwargs={"slug": library["kommer"].slug}
    )


# Pagination


def test_the_list_is_paged_with_page_and_page_size(client):
    InitiativeFactory.create_batch(5, published=True)

    first = client.get(EXAMPLES, {"page_size": 2}).json()
    last = client.get(EXAMPLES, {"page_size": 2, "page": 3}).json()

    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert "page=2" in first["next"] and "page_size=2" in first["next"]
    assert len(last["results"]) == 1
    assert last["next"] is None


def test_a_page_holds_at_most_two_hundred(client):
    CategoryFactory.create_batch(3)

    response = client.get(reverse("api:category-list"), {"page_size": 10_000})

    assert response.status_code == 200
    assert "page_size" not in (response.json()["next"] or "")


def test_a_page_beyond_the_last_is_not_found(client, library):
    response = client.get(EXAMPLES, {"page": 99})

    assert response.status_code == 404
    assert "detail" in response.json()


# The detail: every public field, nothing personal


@pytest.fixture
def example():
    partnership = PartnershipFactory(name="Partnerskab om læsning", slug="laesning")
    example = InitiativeFactory(
        published=True,
        title="Bogcafé for ældre",
        contact_name=CONTACT_NAME,
        contact_email=CONTACT_EMAIL,
        moderation_note="Husk at tjekke billederne.",
        submitted_by=UserFactory(first_name="Indsender", last_name="Personsen"),
        reviewed_by=UserFactory(email="redaktoer@portal.example"),
        partnership=partnership,
        partner_organisations=[OrganisationFactory(name="Ældre Sagen")],
        municipalities=[municipality("101")],
        known_method="B",
        known_method_why="Drejebogen beskriver hvert trin.",
        transferability=Initiative.Transferability.HIGH,
        transfer_pitfalls="Book lokalet i god tid.",
        staff_hours=12,
    )
    example.lead_organisation.email = "info@bibliotek.example"
    example.lead_organisation.save()
    LinkFactory(initiative=example, title="Drejebog", url="https://example.org/drejebog")
    AttachmentFactory(initiative=example, title="Folder", licence=Attachment.Licence.CC0)
    return example


def detail(client, example):
    return client.get(reverse("api:example-detail", kwargs={"slug": example.slug}))


def test_the_detail_has_the_five_dimensions_and_the_knowledge_declaration(client, example):
    body = detail(client, example).json()

    assert body["description"] == example.description
    assert body["known_method"] == "B"
    assert body["known_method_why"] == "Drejebogen beskriver hvert trin."
    assert body["known_effect"] is None
    assert body["transferability"] == "high"
    assert body["transfer_pitfalls"] == "Book lokalet i god tid."
    assert body["staff_hours"] == 12
    assert body["evidence"] == "none"


def test_the_detail_names_places_organisations_and_partnership(client, example):
    body = detail(client, example).json()

    assert body["municipalities"] == [{"code": "101", "name": "København", "region": "hovedstaden"}]
    assert body["partner_organisations"][0]["name"] == "Ældre Sagen"
    assert body["lead_organisation"]["slug"] == example.lead_organisation.slug
    assert body["lead_organisation"]["html_url"].endswith(
        example.lead_organisation.get_absolute_url()
    )
    assert body["partnership"]["slug"] == "laesning"


def test_the_detail_links_its_page_its_licence_links_and_attachments(client, example, settings):
    body = detail(client, example).json()
    attachment = example.attachments.get()

    assert body["html_url"] == settings.SITE_URL + example.get_absolute_url()
    assert body["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert body["links"] == [{"title": "Drejebog", "url": "https://example.org/drejebog"}]
    assert body["attachments"] == [
        {
            "title": "Folder",
            "licence": "cc0",
            "evaluation": False,
            "url": settings.SITE_URL + attachment.get_absolute_url(),
        }
    ]


def test_an_attachment_listed_can_be_downloaded_by_anyone(client, example):
    url = detail(client, example).json()["attachments"][0]["url"]

    response = client.get(urlsplit(url).path)

    assert response.status_code == 200


def test_the_detail_holds_no_personal_data(client, example):
    text = detail(client, example).content.decode()

    for personal in (
        CONTACT_NAME,
        CONTACT_EMAIL,
        "Personsen",
        "redaktoer@portal.example",
        "info@bibliotek.example",
        "Husk at tjekke",
        "@",
    ):
        assert personal not in text
    for name in ("contact_name", "contact_email", "submitted_by", "reviewed_by", "email"):
        assert name not in json.loads(text)


@pytest.mark.parametrize("state", ["draft", "submitted"])
def test_an_unpublished_example_is_not_found(client, library, state):
    response = client.get(reverse("api:example-detail", kwargs={"slug": library[state].slug}))

    assert response.status_code == 404


# Organisations and partnerships


def test_unconfirmed_organisations_are_not_listed(client):
    OrganisationFactory(name="Bekræftet bibliotek")
    OrganisationFactory(name="Ubekræftet forening", confirmed=False)

    names = [row["name"] for row in client.get(reverse("api:organisation-list")).json()["results"]]

    assert names == ["Bekræftet bibliotek"]


def test_an_unconfirmed_organisation_has_no_detail(client):
    waiting = OrganisationFactory(confirmed=False)

    response = client.get(reverse("api:organisation-detail", kwargs={"slug": waiting.slug}))

    assert response.status_code == 404


def test_an_unconfirmed_partner_is_named_without_an_address(client):
    waiting = OrganisationFactory(name="Ny forening", confirmed=False)
    example = InitiativeFactory(published=True, partner_organisations=[waiting])

    partner = detail(client, example).json()["partner_organisations"][0]

    assert partner == {"slug": None, "name": "Ny forening", "url": None, "html_url": None}


def test_an_organisation_lists_its_partnerships_and_links_its_examples(client):
    membership = MembershipFactory(role=Membership.Role.FACILITATOR)
    organisation = membership.organisation

    body = client.get(reverse("api:organisation-detail", kwargs={"slug": organisation.slug})).json()

    assert body["partnerships"][0]["partnership"]["slug"] == membership.partnership.slug
    assert body["partnerships"][0]["role"] == "facilitator"
    assert body["examples_url"].endswith(f"{EXAMPLES}?organisation={organisation.slug}")
    assert "email" not in body


def test_the_organisations_can_be_narrowed_to_a_kind(client):
    OrganisationFactory(name="Et bibliotek")
    OrganisationFactory(name="En forening", kind="ngo")

    response = client.get(reverse("api:organisation-list"), {"kind": "ngo"})

    assert [row["name"] for row in response.json()["results"]] == ["En forening"]


def test_a_partnership_lists_its_confirmed_members_and_meetings(client):
    partnership = PartnershipFactory(goals="Færre ensomme\nFlere læsere")
    MembershipFactory(partnership=partnership, organisation=OrganisationFactory(name="Synlig"))
    MembershipFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Skjult", confirmed=False)
    )
    MeetingFactory(partnership=partnership, title="Opstartsmøde")

    body = client.get(reverse("api:partnership-detail", kwargs={"slug": partnership.slug})).json()

    assert [member["organisation"]["name"] for member in body["members"]] == ["Synlig"]
    assert body["meetings"][0]["title"] == "Opstartsmøde"
    assert body["goals"] == ["Færre ensomme", "Flere læsere"]


def test_the_taxonomy_lists_link_their_examples(client):
    category = CategoryFactory(name="Læsefremme", slug="laesefremme")
    TargetGroupFactory(name="Ældre", name_en="Elderly")

    categories = client.get(reverse("api:category-list")).json()["results"]
    groups = client.get(reverse("api:target-group-list")).json()["results"]
    places = client.get(reverse("api:municipality-list"), {"page_size": 200}).json()

    assert categories[0]["examples_url"].endswith(f"?category={category.slug}")
    assert groups[0]["name_en"] == "Elderly"
    assert places["count"] == 98
    assert {"code": "101", "name": "København", "region": "hovedstaden"}.items() <= next(
        place for place in places["results"] if place["code"] == "101"
    ).items()


def test_the_root_lists_every_endpoint(client):
    body = client.get(reverse("api:root")).json()

    assert set(body) == {
        "examples",
        "organisations",
        "partnerships",
        "categories",
        "target_groups",
        "municipalities",
        "adoptions",
        "openapi",
        "docs",
    }
    assert body["target_groups"] == "http://testserver/api/v1/target-groups/"


# Queries: a list costs the same whatever its length


def populate(size):
    organisations = OrganisationFactory.create_batch(2)
    partnership = PartnershipFactory()
    groups = TargetGroupFactory.create_batch(2)
    for _ in range(size):
        InitiativeFactory(
            published=True,
            target_groups=groups,
            municipalities=[municipality("101"), municipality("751")],
            partner_organisations=organisations,
            partnership=partnership,
        )
        CategoryFactory()
        MembershipFactory(partnership=partnership)


def queries(client, url):
    facetindex.current()  # built once per change, not per request
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


LISTS = [
    EXAMPLES,
    EXAMPLES + "?q=læseklub",
    EXAMPLES + "?category=kategori-1&region=hovedstaden&sort=title",
    reverse("api:organisation-list"),
    reverse("api:partnership-list"),
    reverse("api:category-list"),
    reverse("api:target-group-list"),
    reverse("api:municipality-list"),
]


@pytest.mark.parametrize("url", LISTS)
def test_a_list_costs_the_same_queries_for_few_rows_and_many(client, url):
    populate(2)
    few = queries(client, url)
    populate(15)
    many = queries(client, url)

    assert few == many


def test_a_list_page_of_examples_stays_within_its_budget(client, django_assert_max_num_queries):
    # the page, its count, its target groups and municipalities
    populate(30)
    facetindex.current()
    with django_assert_max_num_queries(4):
        client.get(EXAMPLES)


# Open to every site, cached only where Accept is honoured, throttled per client


@pytest.mark.parametrize(
    "url",
    [
        reverse("api:root"),
        EXAMPLES,
        reverse("api:example-detail", kwargs={"slug": "findes-ikke"}),
        reverse("api:openapi"),
        reverse("api:docs"),
        "/api/v1/findes/ikke/",
    ],
)
def test_every_answer_may_be_read_by_any_site(client, url):
    response = client.get(url)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_allows_only_reading(client):
    response = client.options(
        EXAMPLES,
        HTTP_ORIGIN="https://kommune.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_writing_is_not_allowed(client, library):
    response = client.post(EXAMPLES, {"title": "Nyt"})

    assert response.status_code == 405
    assert Initiative.objects.count() == 5


@pytest.mark.parametrize("path", ["findes-ikke/", "examples/æ/", "examples/to%0Alinjer/"])
def test_an_unknown_address_is_a_json_404(client, path):
    response = client.get(f"/api/v1/{path}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_an_address_without_its_slash_is_redirected_with_cors(client):
    response = client.get("/api/v1/examples?category=x")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/examples/?category=x"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_json_and_the_browsable_page_are_not_mixed_up_by_the_page_cache(client, library):
    html = client.get(EXAMPLES, HTTP_ACCEPT="text/html")
    data = client.get(EXAMPLES, HTTP_ACCEPT="application/json")

    assert html["Content-Type"].startswith("text/html")
    assert data["Content-Type"] == "application/json"
    assert "X-Page-Cache" not in data
    assert "Accept" in data["Vary"]
    assert "public" not in data["Cache-Control"]
    assert "s-maxage" in data["Cache-Control"]


def test_a_client_over_its_rate_is_told_when_to_come_back(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
    }

    answers = [client.get(EXAMPLES).status_code for _ in range(3)]
    refused = client.get(EXAMPLES)

    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused["Access-Control-Allow-Origin"] == "*"


def test_each_client_address_has_its_own_rate(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute"},
    }

    client.get(EXAMPLES, REMOTE_ADDR="192.0.2.1")
    response = client.get(EXAMPLES, REMOTE_ADDR="192.0.2.2")

    assert response.status_code == 200


# The OpenAPI description and the documentation


def openapi(client):
    response = client.get(reverse("api:openapi"))
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_openapi_description_is_valid(client):
    document = openapi(client)

    validate_schema(document)
    assert document["info"]["license"]["name"] == "CC BY 4.0"


def test_the_openapi_description_names_every_parameter_of_the_list_page(client):
    operation = openapi(client)["paths"][EXAMPLES]["get"]

    names = {parameter["name"] for parameter in operation["parameters"]}

    assert names == {*InitiativeFilter.base_filters, "q", "sort", "page", "page_size"}


def test_the_openapi_description_is_in_english(client):
    text = json.dumps(openapi(client), ensure_ascii=False)

    assert "documented and tested" in text
    assert "dokumenteret og afprøvet" not in text


def test_the_docs_use_the_portals_own_copy_of_swagger_ui(client):
    page = client.get(reverse("api:docs")).content.decode()
    script = client.get(reverse("api:docs") + "?script=")

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "<style" not in page and "style=" not in page
    assert "https://" not in page
    assert script["Content-Type"].startswith("application/javascript")
    assert reverse("api:openapi") in script.content.decode()
