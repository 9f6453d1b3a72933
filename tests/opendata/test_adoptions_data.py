"""Adoptions as open data: the spread in the examples' exports and API, the adoptions'
own export, API and feed; only published adoptions of published examples, nobody's data."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Attachment
from tests.factories import (
    AdoptionFactory,
    InitiativeFactory,
    OrganisationFactory,
    UserFactory,
    municipality,
)

pytestmark = pytest.mark.django_db

CSV = reverse("opendata:csv")
EXCEL = reverse("opendata:excel_csv")
JSON = reverse("opendata:json")
ADOPTIONS_CSV = reverse("opendata:adoptions_csv")
ADOPTIONS_EXCEL = reverse("opendata:adoptions_excel_csv")
FEED = reverse("opendata:adoptions_feed")
ADOPTIONS = reverse("api:adoption-list")
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
# What is known of the people behind an adoption, and must never leave the portal.
ADOPTER_EMAIL = "ada.privat@bibliotek.example"
ADOPTER_LOGIN = "ada-login-4711"
ADOPTER_NAME = "Adoptersen"
CURATOR_EMAIL = "kurator.privat@portal.example"
NOTE = "Intern note: ring til Ada"


@pytest.fixture
def taken_up():
    """A published example taken up in Aarhus, in Skive and nationwide; an adoption still
    waiting for a curator; and a published adoption of an example that is not published."""
    now = timezone.now()
    people = {
        "submitted_by": UserFactory(
            username=ADOPTER_LOGIN, email=ADOPTER_EMAIL, last_name=ADOPTER_NAME
        ),
        "reviewed_by": UserFactory(email=CURATOR_EMAIL),
        "moderation_note": NOTE,
    }
    example = InitiativeFactory(title="Bogpakker til familier", slug="bogpakker", published=True)
    return {
        "example": example,
        "aarhus": AdoptionFactory(
            initiative=example,
            organisation=OrganisationFactory(name="Aarhus Bibliotekerne", slug="aarhus-bib"),
            municipality=municipality("751"),
            started=date(2024, 3, 1),
            adaptation="Vi deler poserne ud på sundhedsplejen.",
            result="120 familier fik en pose.",
            url="https://aarhus.example/bogpakker",
            published_at=now - timedelta(days=2),
            **people,
        ),
        "skive": AdoptionFactory(
            initiative=example,
            organisation=OrganisationFactory(name="Skive Bibliotek"),
            published_at=now - timedelta(days=1),
            **people,
        ),
        "nationwide": AdoptionFactory(
            initiative=example,
            organisation=OrganisationFactory(name="Dansk Røde Kors"),
            nationwide_spread=True,
            published_at=now,
            **people,
        ),
        "waiting": AdoptionFactory(
            initiative=example,
            organisation=OrganisationFactory(name="Ventende Bibliotek"),
            municipality=municipality("101"),
            submitted=True,
            **people,
        ),
        "of_a_draft": AdoptionFactory(
            initiative=InitiativeFactory(title="Kladde om bogpakker", slug="kladde"),
            organisation=OrganisationFactory(name="Skjult Bibliotek"),
            municipality=municipality("461"),
            **people,
        ),
    }


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def csv_rows(response, delimiter=","):
    return list(csv.DictReader(io.StringIO(body(response)), delimiter=delimiter))


def row_of(rows, slug):
    return next(row for row in rows if row["slug"] == slug)


# The examples' exports: how far each example spread


def test_an_examples_csv_row_counts_its_adoptions_and_names_where(client, taken_up):
    row = row_of(csv_rows(client.get(CSV)), "bogpakker")

    assert row["reuse_count"] == "3"
    assert row["reused_in"] == "Aarhus | Skive"


def test_the_json_gives_the_spread_as_a_number_and_a_list(client, taken_up):
    examples = json.loads(body(client.get(JSON)))["examples"]

    example = next(example for example in examples if example["slug"] == "bogpakker")
    assert example["reuse_count"] == 3
    assert example["reused_in"] == ["Aarhus", "Skive"]


def test_an_example_nobody_took_up_has_no_spread(client):
    InitiativeFactory(slug="ny", published=True)

    [row] = csv_rows(client.get(CSV))

    assert (row["reuse_count"], row["reused_in"]) == ("0", "")


def test_the_spread_columns_come_last_so_scripts_reading_by_position_keep_working(client):
    header = body(client.get(CSV)).splitlines()[0]

    assert header.endswith(",licence,reuse_count,reused_in")


def test_the_examples_export_costs_the_same_however_often_they_were_taken_up(client):
    def export_queries():
        body(client.get(CSV, {"format": "digital"}))  # reads the filters' choices once
        with CaptureQueriesContext(connection) as captured:
            body(client.get(CSV))
        return len(captured)

    example = InitiativeFactory(published=True)
    AdoptionFactory(initiative=example)
    few = export_queries()
    for code in ("101", "751", "461", "851"):
        AdoptionFactory.create_batch(2, initiative=example, municipality=municipality(code))
    AdoptionFactory.create_batch(3)

    assert export_queries() == few


# The adoptions' own export


def test_the_adoption_export_holds_published_adoptions_of_published_examples_newest_first(
    client, taken_up
):
    ids = [row["id"] for row in csv_rows(client.get(ADOPTIONS_CSV))]

    assert ids == [str(taken_up[name].pk) for name in ("nationwide", "skive", "aarhus")]


def test_an_adoption_row_names_its_example_organisation_place_and_month(client, taken_up, settings):
    adoption = taken_up["aarhus"]
    row = next(r for r in csv_rows(client.get(ADOPTIONS_CSV)) if r["id"] == str(adoption.pk))

    assert row == {
        "id": str(adoption.pk),
        "example": "bogpakker",
        "example_title": "Bogpakker til familier",
        "example_url": f"{settings.SITE_URL}/eksempler/bogpakker/#adoption-{adoption.pk}",
        "organisation": "Aarhus Bibliotekerne",
        "municipality_code": "751",
        "municipality": "Aarhus",
        "region": "Region Midtjylland",
        "nationwide": "no",
        "started": "2024-03",
        "adaptation": "Vi deler poserne ud på sundhedsplejen.",
        "result": "120 familier fik en pose.",
        "link": "https://aarhus.example/bogpakker",
        "attachment_title": "",
        "attachment_licence": "",
        "attachment_url": "",
        "published_at": adoption.published_at.isoformat(),
        "licence": "CC BY 4.0",
    }


def test_a_nationwide_adoption_has_no_municipality_nor_region(client, taken_up):
    adoption = taken_up["nationwide"]
    row = next(r for r in csv_rows(client.get(ADOPTIONS_CSV)) if r["id"] == str(adoption.pk))

    assert row["nationwide"] == "yes"
    assert (row["municipality_code"], row["municipality"], row["region"]) == ("", "", "")


def with_file(licence):
    return AdoptionFactory(
        attachment=SimpleUploadedFile("plan.pdf", PDF),
        attachment_title="Vores plan",
        attachment_licence=licence,
    )


def test_a_file_others_may_reuse_is_given_with_its_licence_and_address(client, settings):
    adoption = with_file(Attachment.Licence.CC0)

    [row] = csv_rows(client.get(ADOPTIONS_CSV))

    assert row["attachment_title"] == "Vores plan"
    assert row["attachment_licence"] == "cc0"
    address = settings.SITE_URL + reverse("adoptions:attachment", kwargs={"pk": adoption.pk})
    assert row["attachment_url"] == address


def test_a_file_with_all_rights_reserved_is_left_out(client):
    with_file(Attachment.Licence.ALL_RIGHTS)

    [row] = csv_rows(client.get(ADOPTIONS_CSV))

    assert (row["attachment_title"], row["attachment_licence"], row["attachment_url"]) == (
        "",
        "",
        "",
    )


def test_the_semicolon_adoption_csv_holds_the_same_rows_for_danish_excel(client, taken_up):
    excel = csv_rows(client.get(ADOPTIONS_EXCEL), delimiter=";")

    assert excel == csv_rows(client.get(ADOPTIONS_CSV))


def test_the_adoption_export_is_a_download_named_after_the_day_with_its_licence(client):
    response = client.get(ADOPTIONS_CSV)

    day = timezone.localdate().isoformat()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="gode-eksempler-udbredelse-{day}.csv"'
    )
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    assert body(response).startswith("id,example,example_title,")


def test_the_adoption_export_costs_the_same_queries_for_few_rows_and_many(client):
    def export_queries():
        with CaptureQueriesContext(connection) as captured:
            rows = csv_rows(client.get(ADOPTIONS_CSV))
        return len(rows), len(captured)

    AdoptionFactory.create_batch(2)
    few_rows, few = export_queries()
    AdoptionFactory.create_batch(12, nationwide_spread=True)
    many_rows, many = export_queries()

    assert (few_rows, many_rows) == (2, 14)
    assert few == many == 1


def test_the_adoption_export_counts_against_the_same_download_limit(client, monkeypatch):
    from opendata import views

    monkeypatch.setattr(views, "EXPORTS_PER_CLIENT", 2)

    answers = [client.get(url).status_code for url in (CSV, ADOPTIONS_CSV, ADOPTIONS_EXCEL)]

    assert answers == [200, 200, 429]


# The API


def results(response):
    assert response.status_code == 200
    return response.json()["results"]


def adoption_detail(client, adoption):
    return client.get(reverse("api:adoption-detail", kwargs={"pk": adoption.pk}))


def test_the_api_lists_published_adoptions_of_published_examples_newest_first(client, taken_up):
    ids = [row["id"] for row in results(client.get(ADOPTIONS))]

    assert ids == [taken_up[name].pk for name in ("nationwide", "skive", "aarhus")]


def test_an_adoption_in_the_api_names_its_example_organisation_place_and_month(
    client, taken_up, settings
):
    adoption = taken_up["aarhus"]

    found = adoption_detail(client, adoption).json()

    assert found["example"]["slug"] == "bogpakker"
    assert found["example"]["html_url"] == f"{settings.SITE_URL}/eksempler/bogpakker/"
    assert found["html_url"] == f"{settings.SITE_URL}/eksempler/bogpakker/#adoption-{adoption.pk}"
    assert found["organisation"]["slug"] == "aarhus-bib"
    assert found["municipality"] == {"code": "751", "name": "Aarhus", "region": "midtjylland"}
    assert found["nationwide"] is False
    assert found["started"] == "2024-03"
    assert found["adaptation"] == "Vi deler poserne ud på sundhedsplejen."
    assert found["result"] == "120 familier fik en pose."
    assert found["link"] == "https://aarhus.example/bogpakker"
    assert found["attachment"] is None
    assert found["licence"]["name"] == "CC BY 4.0"


def test_a_nationwide_adoption_in_the_api_has_no_municipality(client, taken_up):
    found = adoption_detail(client, taken_up["nationwide"]).json()

    assert (found["nationwide"], found["municipality"], found["result"]) == (True, None, None)


def test_a_file_in_the_api_has_its_licence_and_address(client, settings):
    adoption = with_file(Attachment.Licence.CC_BY)

    found = adoption_detail(client, adoption).json()

    address = settings.SITE_URL + reverse("adoptions:attachment", kwargs={"pk": adoption.pk})
    assert found["attachment"] == {"title": "Vores plan", "licence": "cc-by-4.0", "url": address}


@pytest.mark.parametrize("name", ["waiting", "of_a_draft"])
def test_an_adoption_the_public_may_not_see_is_not_found(client, taken_up, name):
    response = adoption_detail(client, taken_up[name])

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"example": "bogpakker"}, ["nationwide", "skive", "aarhus"]),
        ({"example": "kladde"}, []),
        ({"municipality": "751"}, ["aarhus"]),
        ({"municipality": "101"}, []),
        ({"organisation": "aarhus-bib"}, ["aarhus"]),
        ({"example": "bogpakker", "municipality": "779"}, ["skive"]),
    ],
    ids=lambda value: (
        "&".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else None
    ),
)
def test_the_adoptions_can_be_narrowed_to_an_example_a_place_or_an_organisation(
    client, taken_up, query, expected
):
    ids = [row["id"] for row in results(client.get(ADOPTIONS, query))]

    assert ids == [taken_up[name].pk for name in expected]


@pytest.mark.parametrize(
    "query",
    [
        {"example": "findes-ikke"},
        {"example": "bog pakker"},
        {"municipality": "7510"},
        {"municipality": "aarhus"},
        {"organisation": "nul\x00tegn"},
    ],
)
def test_a_filter_value_that_names_nothing_gives_an_empty_list(client, taken_up, query):
    assert results(client.get(ADOPTIONS, query)) == []


def test_an_unconfirmed_organisation_is_not_found_by_its_slug(client):
    waiting = OrganisationFactory(slug="ny-forening", confirmed=False)
    AdoptionFactory(organisation=waiting)

    assert results(client.get(ADOPTIONS, {"organisation": "ny-forening"})) == []
    [row] = results(client.get(ADOPTIONS))
    assert row["organisation"]["slug"] is None


def test_the_example_tells_its_spread_and_links_its_adoptions(client, taken_up):
    example = taken_up["example"]

    spread = client.get(reverse("api:example-detail", kwargs={"slug": example.slug})).json()[
        "spread"
    ]

    assert spread["reuse_count"] == 3
    assert [place["code"] for place in spread["reused_in"]] == ["751", "779"]
    assert spread["adoptions_url"] == f"http://testserver{ADOPTIONS}?example=bogpakker"
    assert len(results(client.get(spread["adoptions_url"]))) == 3


def test_organisations_and_municipalities_link_their_adoptions(client, taken_up):
    organisation = client.get(
        reverse("api:organisation-detail", kwargs={"slug": "aarhus-bib"})
    ).json()
    places = results(client.get(reverse("api:municipality-list"), {"page_size": 200}))

    assert organisation["adoptions_url"].endswith(f"{ADOPTIONS}?organisation=aarhus-bib")
    aarhus = next(place for place in places if place["code"] == "751")
    assert aarhus["adoptions_url"].endswith(f"{ADOPTIONS}?municipality=751")


def test_the_adoption_list_costs_the_same_queries_for_few_rows_and_many(client):
    def list_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(ADOPTIONS).status_code == 200
        return len(captured)

    AdoptionFactory.create_batch(2)
    few = list_queries()
    AdoptionFactory.create_batch(12, organisation=OrganisationFactory(confirmed=False))
    AdoptionFactory.create_batch(3, nationwide_spread=True)

    assert list_queries() == few == 2  # the count and the page


def test_the_openapi_description_names_the_adoption_filters(client):
    document = client.get(reverse("api:openapi")).json()

    operation = document["paths"][ADOPTIONS]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert names == {"example", "municipality", "organisation", "page", "page_size"}
    assert "spread" in document["components"]["schemas"]["Example"]["properties"]


# The feed of newly published adoptions


def entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return root, root.findall("atom:entry", ATOM)


def test_the_feed_tells_who_took_up_which_example_where_newest_first(client, taken_up):
    _root, found = entries(client.get(FEED))

    assert [entry.findtext("atom:title", namespaces=ATOM) for entry in found] == [
        "Dansk Røde Kors har taget Bogpakker til familier op i hele landet",
        "Skive Bibliotek har taget Bogpakker til familier op i Skive",
        "Aarhus Bibliotekerne har taget Bogpakker til familier op i Aarhus",
    ]


def test_an_entry_links_to_the_adoption_on_the_examples_page_and_tells_how(client, taken_up):
    adoption = taken_up["aarhus"]
    _root, found = entries(client.get(FEED))

    entry = found[-1]
    assert entry.find("atom:link", ATOM).get("href") == (
        f"http://testserver/eksempler/bogpakker/#adoption-{adoption.pk}"
    )
    assert entry.findtext("atom:summary", namespaces=ATOM) == (
        "<p>Vi deler poserne ud på sundhedsplejen.</p>"
    )
    assert entry.findtext("atom:updated", namespaces=ATOM) == adoption.published_at.isoformat()
    assert entry.findtext("atom:author/atom:name", namespaces=ATOM) == "Aarhus Bibliotekerne"


def test_what_an_adopter_wrote_reaches_the_feed_as_text_not_markup(client):
    AdoptionFactory(adaptation='<img src=x onerror="alert(1)">')

    _root, [entry] = entries(client.get(FEED))

    assert "<img" not in entry.findtext("atom:summary", namespaces=ATOM)


def test_the_feed_names_itself_its_page_and_its_licence(client):
    root, _found = entries(client.get(FEED))

    assert root.findtext("atom:title", namespaces=ATOM) == "Gode eksempler, som andre har taget op"
    alternate = root.find("atom:link[@rel='alternate']", ATOM).get("href")
    assert alternate == "http://testserver" + reverse("adoptions:spread")
    assert root.findtext("atom:rights", namespaces=ATOM).startswith("CC BY 4.0")


def test_the_feed_is_in_english_under_en(client, taken_up):
    _root, found = entries(client.get("/en" + FEED))

    assert (
        found[0]
        .find("atom:link", ATOM)
        .get("href")
        .startswith("http://testserver/en/eksempler/bogpakker/")
    )


def test_the_spread_page_announces_the_feed(client):
    page = client.get(reverse("adoptions:spread")).content.decode()

    head = page[: page.index("</head>")]
    assert f'<link rel="alternate" type="application/atom+xml" href="{FEED}"' in head


# Nobody's data, anywhere


def test_no_open_data_tells_who_told_of_an_adoption_or_what_is_not_published(client, taken_up):
    urls = [
        CSV,
        EXCEL,
        JSON,
        ADOPTIONS_CSV,
        ADOPTIONS_EXCEL,
        FEED,
        ADOPTIONS,
        reverse("api:adoption-detail", kwargs={"pk": taken_up["aarhus"].pk}),
        reverse("api:example-detail", kwargs={"slug": "bogpakker"}),
    ]
    secret = [ADOPTER_EMAIL, ADOPTER_LOGIN, ADOPTER_NAME, CURATOR_EMAIL, NOTE]
    unpublished = ["Ventende Bibliotek", "Skjult Bibliotek", "Kladde om bogpakker"]
    for url in urls:
        response = client.get(url)
        text = body(response) if response.streaming else response.content.decode()
        assert [word for word in secret + unpublished if word in text] == [], url


# The data page and the catalogue


def test_the_data_page_links_the_adoption_downloads_and_explains_their_columns(client):
    from opendata.adoption_exports import COLUMNS

    page = client.get(reverse("opendata:about")).content.decode()

    for url in (ADOPTIONS_CSV, ADOPTIONS_EXCEL, FEED, ADOPTIONS):
        assert f'href="{url}"' in page
    assert page.count(f'href="{FEED}" download') == 0
    for column in COLUMNS:
        assert f"<code>{column}</code>" in page


def test_publishing_an_adoption_changes_the_dataset(client, taken_up):
    from opendata import catalogue

    before = catalogue.dates()[1]
    AdoptionFactory(initiative=taken_up["example"])

    assert catalogue.dates()[1] > before
