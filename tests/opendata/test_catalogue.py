"""The data page and the DCAT-AP-DK record that data catalogues harvest."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

SITE = "https://gode-eksempler.example"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}


@pytest.fixture
def record(client, settings):
    settings.SITE_URL = SITE
    settings.CONTACT_EMAIL = "redaktion@gode-eksempler.example"
    InitiativeFactory(published=True)
    response = client.get("/data/dcat.rdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rdf+xml; charset=utf-8"
    return ET.fromstring(response.content)


def resource(element, path):
    return element.find(path, NS).get(f"{RDF}resource")


def test_the_record_describes_a_catalogue_with_one_dataset_and_the_api(record):
    catalogue = record.find("dcat:Catalog", NS)
    assert resource(catalogue, "dcat:dataset") == f"{SITE}/data/#dataset"
    assert resource(catalogue, "dcat:service") == f"{SITE}/api/v1/"
    assert record.find("foaf:Organization/foaf:name", NS).text == "Gode eksempler"


def test_the_dataset_has_what_dcat_ap_dk_requires(record):
    dataset = record.find("dcat:Dataset", NS)
    assert dataset.findtext(
        "dct:title[@{http://www.w3.org/XML/1998/namespace}lang='da']", namespaces=NS
    )
    assert dataset.findtext("dct:description", namespaces=NS)
    assert resource(dataset, "dct:publisher") == f"{SITE}/#publisher"
    assert resource(dataset, "dct:accrualPeriodicity").endswith("/frequency/CONT")
    assert resource(dataset, "dct:spatial").endswith("/country/DNK")
    assert resource(dataset, "dcat:landingPage") == f"{SITE}/data/"
    assert dataset.findtext("dct:modified", namespaces=NS)
    assert resource(dataset, "dcat:contactPoint/vcard:Organization/vcard:hasEmail") == (
        "mailto:redaktion@gode-eksempler.example"
    )


def test_every_distribution_has_an_address_a_format_and_the_licence(record):
    distributions = record.findall("dcat:Distribution", NS)
    addresses = {resource(d, "dcat:accessURL") for d in distributions}
    assert addresses == {
        f"{SITE}{reverse('opendata:csv')}",
        f"{SITE}{reverse('opendata:excel_csv')}",
        f"{SITE}{reverse('opendata:json')}",
        f"{SITE}{reverse('opendata:feed')}",
        f"{SITE}{reverse('opendata:adoptions_csv')}",
        f"{SITE}{reverse('opendata:adoptions_excel_csv')}",
        f"{SITE}{reverse('opendata:adoptions_feed')}",
        f"{SITE}/api/v1/",
    }
    for distribution in distributions:
        assert (
            resource(distribution, "dct:license") == "https://creativecommons.org/licenses/by/4.0/"
        )
        assert resource(distribution, "dcat:mediaType").startswith("https://www.iana.org/")


def test_the_api_is_described_by_its_openapi_document(record):
    service = record.find("dcat:DataService", NS)
    assert resource(service, "dcat:endpointDescription") == f"{SITE}/api/v1/openapi.json"


def test_the_data_page_lists_the_downloads_and_explains_every_column(client):
    from opendata.exports import COLUMNS

    page = client.get(reverse("opendata:about")).content.decode()
    for url in (reverse("opendata:csv"), reverse("opendata:json"), "/data/dcat.rdf"):
        assert f'href="{url}"' in page
    for column in COLUMNS:
        assert f"<code>{column}</code>" in page


def test_the_data_page_is_in_english_too(client):
    response = client.get("/en/data/")
    assert response.status_code == 200
    assert "<h1>Open data</h1>" in response.content.decode()
