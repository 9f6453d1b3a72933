"""CSV and JSON exports: exactly the rows the list shows, Danish letters intact, nobody's data."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Initiative
from tests.factories import CategoryFactory, InitiativeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("initiatives:list")
CSV = reverse("opendata:csv")
EXCEL = reverse("opendata:excel_csv")
JSON = reverse("opendata:json")
CONTACT_NAME = "Hanne Kontaktperson"
CONTACT_EMAIL = "hanne.privat@kommune.example"


@pytest.fixture
def collection():
    """25 published examples in two categories (more than a page of the list), and a draft."""
    homework = CategoryFactory(name="Lektiehjælp", slug="lektiehjaelp")
    reading = CategoryFactory(name="Læsefremme", slug="laesefremme")
    now = timezone.now()
    for n in range(25):
        InitiativeFactory(
            title=f"Lektiecafé {n:02d}" if n % 3 else f"Læsekreds på Ærø {n:02d}",
            summary="Frivillige hjælper børn med lektierne på biblioteket."
            if n % 3
            else "Ældre læser og taler om en bog på Østerbro.",
            category=homework if n % 3 else reading,
            format=Initiative.Format.DIGITAL if n % 2 else Initiative.Format.PHYSICAL,
            contact_name=CONTACT_NAME,
            contact_email=CONTACT_EMAIL,
            published=True,
            published_at=now - timedelta(days=n),
        )
    InitiativeFactory(title="Kladde om lektiehjælp", category=homework)


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def csv_rows(response, delimiter=","):
    return list(
        csv.DictReader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=delimiter)
    )


def json_examples(response):
    return json.loads(body(response))["examples"]


def listed(client, query):
    """The slugs the list page shows for `query`, page after page."""
    slugs, page = [], 1
    while True:
        response = client.get(LIST, {**query, "page": page})
        slugs += [initiative.slug for initiative in response.context["page"]]
        if not response.context["page"].has_next():
            return slugs
        page += 1


QUERIES = [
    {},
    {"category": "lektiehjaelp"},
    {"category": "lektiehjaelp", "format": "digital"},
    {"q": "lektierne"},
    {"q": "bog", "sort": "title"},
    {"format": "physical", "sort": "title"},
]


@pytest.mark.usefixtures("collection")
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()))
def test_the_csv_holds_the_rows_the_list_shows_in_its_order(client, query):
    shown = listed(client, query)
    assert shown
    assert [row["slug"] for row in csv_rows(client.get(CSV, query))] == shown


@pytest.mark.usefixtures("collection")
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()))
def test_the_json_holds_the_rows_the_list_shows_in_its_order(client, query):
    assert [row["slug"] for row in json_examples(client.get(JSON, query))] == listed(client, query)


@pytest.mark.usefixtures("collection")
def test_the_semicolon_csv_holds_the_same_rows_for_danish_excel(client):
    query = {"category": "laesefremme"}
    assert csv_rows(client.get(EXCEL, query), delimiter=";") == csv_rows(client.get(CSV, query))


@pytest.mark.usefixtures("collection")
def test_the_csv_starts_with_a_byte_order_mark_so_that_excel_reads_utf8(client):
    assert body(client.get(CSV)).startswith("\ufeff".encode())


@pytest.mark.usefixtures("collection")
def test_danish_letters_survive_the_csv_and_the_json(client):
    titles = {row["title"] for row in csv_rows(client.get(CSV))}
    assert "Læsekreds på Ærø 00" in titles
    assert "Ældre læser og taler om en bog på Østerbro." in {
        row["summary"] for row in json_examples(client.get(JSON))
    }


@pytest.mark.usefixtures("collection")
def test_no_export_holds_contact_details_or_who_submitted(client):
    submitters = {
        initiative.submitted_by.email
        for initiative in Initiative.objects.select_related("submitted_by")
    }
    for url in (CSV, EXCEL, JSON):
        text = body(client.get(url)).decode("utf-8-sig")
        assert CONTACT_NAME not in text
        assert CONTACT_EMAIL not in text
        assert not [email for email in submitters if email in text]


@pytest.mark.usefixtures("collection")
def test_unpublished_examples_are_never_exported(client):
    text = body(client.get(CSV, {"q": "lektiehjælp"})).decode("utf-8-sig")
    assert "Kladde om lektiehjælp" not in text


@pytest.mark.usefixtures("collection")
def test_each_export_states_its_licence(client):
    assert {row["licence"] for row in csv_rows(client.get(CSV))} == {"CC BY 4.0"}
    document = json.loads(body(client.get(JSON)))
    assert document["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert (
        client.get(CSV)["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    )


@pytest.mark.usefixtures("collection")
def test_the_json_names_the_parameters_it_was_made_for(client):
    document = json.loads(body(client.get(JSON, {"format": "digital", "nonsense": "1"})))
    assert document["parameters"] == {"format": ["digital"]}


def test_lists_become_one_cell_in_the_csv_and_lists_in_the_json(client):
    InitiativeFactory(
        partner_organisations=[
            OrganisationFactory(name="Dansk Røde Kors"),
            OrganisationFactory(name="Red Barnet"),
        ],
        published=True,
    )
    [row] = csv_rows(client.get(CSV))
    assert row["partner_organisations"] == "Dansk Røde Kors | Red Barnet"
    [example] = json_examples(client.get(JSON))
    assert example["partner_organisations"] == ["Dansk Røde Kors", "Red Barnet"]


def test_an_export_is_a_download_named_after_the_day(client):
    response = client.get(CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="gode-eksempler-{timezone.localdate().isoformat()}.csv"'
    )


def test_an_empty_list_exports_its_header_and_no_rows(client):
    lines = body(client.get(CSV, {"q": "zzzyyyxxx"})).decode("utf-8-sig").splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("slug,url,title,")
    assert json_examples(client.get(JSON, {"q": "zzzyyyxxx"})) == []


def test_one_client_cannot_download_without_end(client, settings, monkeypatch):
    from opendata import views

    monkeypatch.setattr(views, "EXPORTS_PER_CLIENT", 2)
    assert [client.get(CSV).status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.usefixtures("collection")
def test_the_list_links_its_exports_with_its_own_parameters(client):
    response = client.get(LIST, {"category": "lektiehjaelp", "format": "digital", "page": "1"})
    page = response.content.decode()
    for url in (CSV, EXCEL, JSON):
        assert f'href="{url}?category=lektiehjaelp&amp;format=digital"' in page


@pytest.mark.usefixtures("collection")
def test_the_export_queries_do_not_grow_with_the_rows(client, django_assert_num_queries):
    body(client.get(CSV, {"format": "digital"}))  # reads the filters' choices once
    # One query for the rows and one for each related list (target groups, places,
    # partners, places others took it up), per chunk of 500 rows.
    with django_assert_num_queries(5):
        body(client.get(CSV))


class Worker:
    def __init__(self):
        self.reports = 0

    def notify(self):
        self.reports += 1


@pytest.mark.usefixtures("collection")
def test_a_long_download_tells_gunicorn_it_is_alive_chunk_by_chunk(client, monkeypatch):
    from opendata import exports
    from portal.lib import liveness

    monkeypatch.setattr(exports, "CHUNK", 10)
    worker = Worker()
    monkeypatch.setattr(liveness, "_worker", worker)
    assert len(csv_rows(client.get(CSV))) == 25
    assert worker.reports == 3  # 10 + 10 + 5 rows


def test_a_capped_search_exports_the_examples_the_list_counts_not_one_more(client, monkeypatch):
    from initiatives.search import Search

    monkeypatch.setattr(Search, "CANDIDATES", 3)
    for n in range(5):
        InitiativeFactory(title=f"Lektiecafé {n}", published=True)
    query = {"q": "lektiecafé"}
    response = client.get(LIST, query)
    assert response.context["capped"]
    shown = listed(client, query)
    assert len(shown) == 3
    assert [row["slug"] for row in csv_rows(client.get(CSV, query))] == shown
    assert [row["slug"] for row in json_examples(client.get(JSON, query))] == shown
