"""What search engines, social media and catalogues read: sitemap, robots.txt, head tags, JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from partnerships.models import Organisation
from tests.factories import InitiativeFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SITE = "https://gode-eksempler.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def sitemap_locations(client):
    """Every address in every section of the sitemap, following the index."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = []
    for section in index.findall("s:sitemap/s:loc", SITEMAP):
        path = section.text.split("testserver", 1)[1]
        urlset = ET.fromstring(client.get(path).content)
        locations += [loc.text for loc in urlset.findall("s:url/s:loc", SITEMAP)]
    return locations


def test_the_sitemap_lists_every_published_example_in_both_languages(client):
    published = [InitiativeFactory(published=True) for _ in range(3)]
    locations = sitemap_locations(client)
    for example in published:
        assert f"{SITE}/eksempler/{example.slug}/" in locations
        assert f"{SITE}/en/eksempler/{example.slug}/" in locations


def test_the_sitemap_lists_no_unpublished_example(client):
    draft = InitiativeFactory(title="Kladde")
    waiting = InitiativeFactory(title="Til gennemsyn", submitted=True)
    locations = "\n".join(sitemap_locations(client))
    assert draft.slug not in locations
    assert waiting.slug not in locations


def test_the_sitemap_lists_confirmed_organisations_partnerships_and_the_main_pages(client):
    confirmed = OrganisationFactory()
    unconfirmed = OrganisationFactory(confirmed=False)
    partnership = PartnershipFactory()
    locations = sitemap_locations(client)
    assert f"{SITE}{confirmed.get_absolute_url()}" in locations
    assert f"{SITE}{unconfirmed.get_absolute_url()}" not in locations
    assert f"{SITE}{partnership.get_absolute_url()}" in locations
    for path in ("/", "/eksempler/", "/data/", "/en/om/"):
        assert f"{SITE}{path}" in locations


def test_each_sitemap_address_names_its_other_language(client):
    example = InitiativeFactory(published=True)
    urlset = ET.fromstring(client.get("/sitemap-eksempler.xml").content)
    [entry] = [
        url
        for url in urlset.findall("s:url", SITEMAP)
        if url.findtext("s:loc", namespaces=SITEMAP) == f"{SITE}/eksempler/{example.slug}/"
    ]
    alternates = {
        link.get("hreflang"): link.get("href") for link in entry.findall("x:link", SITEMAP)
    }
    assert alternates == {
        "da": f"{SITE}/eksempler/{example.slug}/",
        "en": f"{SITE}/en/eksempler/{example.slug}/",
        "x-default": f"{SITE}/eksempler/{example.slug}/",
    }
    assert entry.findtext("s:lastmod", namespaces=SITEMAP) == example.updated_at.date().isoformat()


def test_the_sitemap_pages_through_the_examples_not_all_at_once(client, monkeypatch):
    from opendata.sitemaps import ExampleSitemap

    monkeypatch.setattr(ExampleSitemap, "limit", 2)
    examples = [InitiativeFactory(published=True) for _ in range(3)]
    second = client.get("/sitemap-eksempler.xml", {"p": 2}).content.decode()
    assert examples[2].slug in second
    assert examples[0].slug not in second


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_from_forms_and_downloads(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    for path in ("/admin/", "/konto/", "/eksempler/eksport", "/en/eksempler/eksport"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /eksempler/" not in lines


def head(response):
    page = response.content.decode()
    return page[: page.index("</head>")]


def meta(response, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', head(response))
    return found and found.group(1)


def link(response, rel, extra=""):
    found = re.search(rf'<link rel="{rel}"{extra} href="([^"]*)"', head(response))
    return found and found.group(1).replace("&amp;", "&")


def test_a_page_names_its_canonical_address_and_its_languages(client):
    example = InitiativeFactory(published=True)
    response = client.get(f"/en{example.get_absolute_url()}", {"utm_source": "nyhedsbrev"})
    assert link(response, "canonical") == f"{SITE}/en/eksempler/{example.slug}/"
    assert link(response, "alternate", ' hreflang="da"') == f"{SITE}/eksempler/{example.slug}/"
    assert link(response, "alternate", ' hreflang="x-default"') == (
        f"{SITE}/eksempler/{example.slug}/"
    )


def test_the_lists_canonical_address_keeps_what_it_shows_in_a_fixed_order(client):
    response = client.get(
        reverse("initiatives:list"),
        {"format": "digital", "q": "læsning", "junk": "1", "category": "ukendt", "page": "1"},
    )
    assert link(response, "canonical") == f"{SITE}/eksempler/?q=l%C3%A6sning&format=digital"


def test_an_example_is_shared_with_its_title_summary_and_a_picture(client):
    example = InitiativeFactory(title="Bogpakker til familier", published=True)
    response = client.get(example.get_absolute_url())
    assert meta(response, "property", "og:title") == "Bogpakker til familier"
    assert meta(response, "property", "og:description") == example.summary
    assert meta(response, "property", "og:type") == "article"
    assert meta(response, "property", "og:url") == f"{SITE}/eksempler/{example.slug}/"
    assert meta(response, "property", "og:image").startswith(f"{SITE}/static/img/og-image")
    assert meta(response, "property", "og:locale") == "da_DK"
    assert meta(response, "name", "twitter:card") == "summary_large_image"


def test_the_sharing_picture_exists(client):
    from django.contrib.staticfiles import finders

    assert finders.find("img/og-image.png")


def test_a_draft_asks_search_engines_to_stay_away(client, contributor):
    draft = InitiativeFactory(submitted_by=contributor)
    client.force_login(contributor)
    response = client.get(draft.get_absolute_url())
    assert '<meta name="robots" content="noindex">' in head(response)
    assert "application/ld+json" not in head(response)


def json_ld(response):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head(response), re.S)
    return [json.loads(block) for block in found]


def test_an_example_describes_itself_in_json_ld_with_its_licence(client):
    library = OrganisationFactory(name="Roskilde Bibliotekerne", kind=Organisation.Kind.LIBRARY)
    example = InitiativeFactory(
        lead_organisation=library,
        contact_name="Hanne Hansen",
        contact_email="hanne@kommune.example",
        nationwide=True,
        published=True,
    )
    [described] = json_ld(client.get(example.get_absolute_url()))
    assert described["@type"] == "CreativeWork"
    assert described["name"] == example.title
    assert described["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert described["creator"] == [
        {
            "@type": "Library",
            "name": "Roskilde Bibliotekerne",
            "url": f"{SITE}{library.get_absolute_url()}",
        }
    ]
    assert {"@type": "Country", "name": "Danmark"} in described["spatialCoverage"]
    assert "hanne" not in json.dumps(described).lower()


def test_json_ld_cannot_be_ended_early_by_a_title(client):
    example = InitiativeFactory(title="</script><script>alert(1)</script>", published=True)
    response = client.get(example.get_absolute_url())
    assert "<script>alert(1)" not in response.content.decode()
    assert json_ld(response)[0]["name"] == example.title


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        (Organisation.Kind.LIBRARY, "Library"),
        (Organisation.Kind.MUNICIPALITY, "GovernmentOrganization"),
        (Organisation.Kind.NGO, "NGO"),
        (Organisation.Kind.OTHER, "Organization"),
    ],
)
def test_an_organisation_page_describes_it_by_its_kind(client, kind, schema_type):
    organisation = OrganisationFactory(kind=kind)
    [described] = json_ld(client.get(organisation.get_absolute_url()))
    assert described["@type"] == schema_type
    assert described["name"] == organisation.name


def test_the_data_page_describes_the_exports_as_a_dataset(client):
    [described] = json_ld(client.get(reverse("opendata:about")))
    assert described["@type"] == "Dataset"
    assert described["license"] == "https://creativecommons.org/licenses/by/4.0/"
    urls = {download["contentUrl"] for download in described["distribution"]}
    assert f"{SITE}{reverse('opendata:csv')}" in urls
    assert f"{SITE}{reverse('opendata:json')}" in urls
