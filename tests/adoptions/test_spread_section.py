"""An example's "Spread" section: who took it up, their stories, and where it runs.

The pages are read in English (/en/), so the tests need no Danish catalogue.
"""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from adoptions import spread
from initiatives import facetindex
from initiatives.models import Initiative
from tests.factories import (
    AdoptionFactory,
    InitiativeFactory,
    OrganisationFactory,
    UserFactory,
    municipality,
)

pytestmark = pytest.mark.django_db


def page(client, initiative):
    with translation.override("en"):
        url = initiative.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def section(html):
    """The Spread section's HTML, or "" when the page has none."""
    found = re.search(r'<section id="spread".*?</section>', html, re.S)
    return found.group(0) if found else ""


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def story_ids(html):
    return [int(pk) for pk in re.findall(r'<article id="adoption-(\d+)"', html)]


@pytest.fixture
def example():
    return InitiativeFactory(published=True, municipalities=[municipality("101")])


def test_it_counts_the_organisations_and_the_municipalities(client, example):
    library, association = OrganisationFactory(), OrganisationFactory()
    AdoptionFactory(initiative=example, organisation=library, municipality=municipality("779"))
    AdoptionFactory(initiative=example, organisation=library, municipality=municipality("751"))
    AdoptionFactory(initiative=example, organisation=association, municipality=municipality("851"))

    summary = text(section(page(client, example)))

    assert "Taken up by 2 organisations in 3 municipalities." in summary


def test_one_organisation_in_one_municipality_is_said_in_the_singular(client, example):
    AdoptionFactory(initiative=example)

    assert "Taken up by 1 organisation in 1 municipality." in text(section(page(client, example)))


def test_adoptions_across_the_country_are_said_apart(client, example):
    AdoptionFactory(initiative=example)
    AdoptionFactory(initiative=example, nationwide_spread=True)

    summary = text(section(page(client, example)))

    assert "Taken up by 2 organisations in 1 municipality. One of them runs it nationwide." in (
        summary
    )


def test_only_nationwide_adoptions_name_no_municipality(client, example):
    AdoptionFactory(initiative=example, nationwide_spread=True)

    assert "Taken up nationwide by 1 organisation." in text(section(page(client, example)))


def test_the_stories_come_newest_first(client, example):
    oldest = AdoptionFactory(initiative=example, started=datetime.date(2021, 3, 1))
    newest = AdoptionFactory(initiative=example, started=datetime.date(2025, 1, 1))
    middle = AdoptionFactory(initiative=example, started=datetime.date(2023, 6, 1))

    assert story_ids(page(client, example)) == [newest.pk, middle.pk, oldest.pk]


def test_stories_of_the_same_month_come_the_last_told_first(client, example):
    first = AdoptionFactory(initiative=example)
    second = AdoptionFactory(initiative=example)

    assert story_ids(page(client, example)) == [second.pk, first.pk]


def test_a_story_tells_who_where_since_when_how_and_what_came_of_it(client, example):
    adoption = AdoptionFactory(
        initiative=example,
        organisation=OrganisationFactory(name="Skive Bibliotek"),
        started=datetime.date(2024, 9, 1),
        adaptation="Vi kører det fra bogbussen.",
        result="Tolv faste deltagere.",
        url="https://skivebibliotek.example/bogbus",
    )

    html = section(page(client, example))
    story = re.search(rf'<article id="adoption-{adoption.pk}".*?</article>', html, re.S).group(0)

    with translation.override("en"):
        assert f'href="{adoption.organisation.get_absolute_url()}"' in story
    for words in [
        "Skive Bibliotek",
        "Skive · since September 2024",
        "Vi kører det fra bogbussen.",
        "Tolv faste deltagere.",
    ]:
        assert words in text(story)
    assert 'href="https://skivebibliotek.example/bogbus"' in story


def test_an_organisation_waiting_for_a_curator_is_named_without_a_link(client, example):
    waiting = OrganisationFactory(name="Nyt Læsehus", confirmed=False)
    AdoptionFactory(initiative=example, organisation=waiting)

    html = section(page(client, example))

    assert "Nyt Læsehus" in html
    assert f"/organisationer/{waiting.slug}/" not in html


def test_a_story_links_its_attachment(client, example):
    adoption = AdoptionFactory(
        initiative=example,
        attachment=SimpleUploadedFile("plakat.pdf", b"%PDF-1.4\n%%EOF\n"),
        attachment_title="Vores plakat",
    )

    html = section(page(client, example))

    with translation.override("en"):
        url = reverse("adoptions:attachment", kwargs={"pk": adoption.pk})
    assert f'<a href="{url}">Vores plakat</a>' in html
    assert "Licence: CC BY 4.0" in text(html)


def test_who_sent_the_adoption_is_not_shown(client, example):
    sender = UserFactory(first_name="Hemmelig", last_name="Afsender", email="afsender@x.example")
    AdoptionFactory(initiative=example, submitted_by=sender)

    html = page(client, example)

    assert "Hemmelig" not in html
    assert "afsender@x.example" not in html
    assert sender.username not in html


def test_an_adoption_waiting_for_a_curator_is_not_shown(client, example):
    shown = AdoptionFactory(initiative=example)
    waiting = AdoptionFactory(
        initiative=example, submitted=True, adaptation="Endnu ikke godkendt tekst."
    )

    html = page(client, example)

    assert story_ids(html) == [shown.pk]
    assert "Endnu ikke godkendt tekst." not in html
    assert f"adoption-{waiting.pk}" not in html


def test_the_page_shows_at_most_twenty_stories_and_says_how_many_there_are(client, example):
    AdoptionFactory.create_batch(22, initiative=example)

    html = section(page(client, example))

    assert len(story_ids(html)) == spread.STORIES_SHOWN == 20
    assert "These are the 20 newest of 22 stories." in text(html)


def test_a_short_list_of_stories_says_nothing_about_more(client, example):
    AdoptionFactory.create_batch(2, initiative=example)

    assert "newest of" not in section(page(client, example))


def test_the_places_are_grouped_by_region_and_told_own_or_taken_up(client):
    example = InitiativeFactory(
        published=True, municipalities=[municipality("101"), municipality("751")]
    )
    AdoptionFactory(initiative=example, municipality=municipality("751"))
    AdoptionFactory(initiative=example, municipality=municipality("779"))

    html = section(page(client, example))
    places = text(html[html.index('<h3 id="places-title"') :])

    assert places == (
        "Where it runs Region Hovedstaden København (where it began) "
        "Region Midtjylland Aarhus (where it began, and taken up) Skive (taken up)"
    )


def test_a_nationwide_example_says_it_can_run_everywhere(client):
    example = InitiativeFactory(published=True, nationwide=True)
    AdoptionFactory(initiative=example)

    assert "The example itself is nationwide" in text(section(page(client, example)))


def test_an_example_nobody_took_up_asks_whether_you_have(client, example):
    html = section(page(client, example))

    assert "No organisation has told us yet that it has taken this example up." in text(html)
    assert "How others did it" not in html


def test_the_section_leads_to_the_form_and_the_reuse_kit(client, example):
    html = section(page(client, example))

    with translation.override("en"):
        add = reverse("adoptions:add", kwargs={"slug": example.slug})
        kit = reverse("adoptions:kit", kwargs={"slug": example.slug})
    assert f'href="{add}"' in html
    assert f'href="{kit}"' in html


def test_the_header_says_how_often_it_was_taken_up_and_links_to_the_section(client, example):
    AdoptionFactory.create_batch(3, initiative=example)

    html = page(client, example)

    assert '<a href="#spread">Taken up 3 times</a>' in html


def test_a_draft_shows_no_spread_even_to_its_contributor(client):
    contributor = UserFactory()
    draft = InitiativeFactory(submitted_by=contributor)
    client.force_login(contributor)

    html = page(client, draft)

    assert draft.title in html
    assert section(html) == ""


@pytest.mark.parametrize("adoptions", [1, 15])
def test_the_page_queries_do_not_grow_with_the_adoptions(
    client, example, django_assert_num_queries, adoptions
):
    places = [municipality(code) for code in ("779", "751", "851", "461", "265")]
    for n in range(adoptions):
        AdoptionFactory(initiative=example, municipality=places[n % len(places)])
    facetindex.current()  # built once per change, not per request
    # the example and its five prefetched relations; the stories, the organisations
    # and the places taken up
    with django_assert_num_queries(9):
        html = page(client, example)
    assert len(story_ids(html)) == adoptions


def test_an_example_nobody_took_up_costs_no_query_for_its_spread(
    client, example, django_assert_num_queries
):
    facetindex.current()
    with django_assert_num_queries(6):  # the example and its five prefetched relations
        page(client, example)


def test_where_it_runs_reads_its_adopted_places_in_one_query(example, django_assert_num_queries):
    AdoptionFactory(initiative=example, municipality=municipality("751"))
    initiative = Initiative.objects.prefetch_related("municipalities").get(pk=example.pk)

    with django_assert_num_queries(1):
        places = spread.municipalities_of(initiative)

    assert [(region, [m.code for m, _own, _adopted in rows]) for region, rows in places] == [
        ("Region Hovedstaden", ["101"]),
        ("Region Midtjylland", ["751"]),
    ]
