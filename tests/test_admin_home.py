"""The admin home: where a curator's day starts (issue #15)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Initiative
from tests.factories import InitiativeFactory, UserFactory, with_second_factor

pytestmark = pytest.mark.django_db

HOME = "admin:index"
QUEUE = reverse("admin:initiatives_initiative_changelist", query={"state__exact": "submitted"})


def test_the_home_page_says_how_many_examples_wait_for_review(client, curator):
    InitiativeFactory.create_batch(2, submitted=True)
    InitiativeFactory(published=True)
    client.force_login(curator)

    response = client.get(reverse(HOME))

    assert response.context["review_count"] == 2
    assert "2 eksempler venter på gennemsyn" in response.text


def test_the_count_links_to_the_review_queue(client, curator):
    InitiativeFactory(submitted=True)
    client.force_login(curator)

    response = client.get(reverse(HOME))

    assert f'<a href="{QUEUE.replace("&", "&amp;")}">' in response.text


def test_the_home_page_says_when_nothing_waits(client, curator):
    InitiativeFactory(published=True)
    client.force_login(curator)

    response = client.get(reverse(HOME))

    assert "Ingen eksempler venter på gennemsyn." in response.text


def test_the_queue_costs_one_count_of_the_waiting_examples(client, curator):
    InitiativeFactory(submitted=True)
    client.force_login(curator)

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse(HOME))

    table = Initiative._meta.db_table
    on_examples = [q["sql"] for q in queries if table in q["sql"]]
    assert len(on_examples) == 1
    assert "COUNT(" in on_examples[0].upper() and "submitted" in on_examples[0]


def test_staff_who_may_not_see_examples_are_not_shown_the_queue(client):
    staff = UserFactory(is_staff=True)
    with_second_factor(staff)
    InitiativeFactory(submitted=True)
    client.force_login(staff)

    response = client.get(reverse(HOME))

    assert "review_count" not in response.context
    assert "venter på gennemsyn" not in response.text


def test_each_heading_is_shown_once(client, superuser):
    client.force_login(superuser)

    response = client.get(reverse(HOME))

    headings = [str(app["name"]) for app in response.context["app_list"]]
    assert len(headings) == len(set(headings))


def test_users_and_their_email_addresses_share_the_accounts_heading(client, superuser):
    client.force_login(superuser)

    response = client.get(reverse(HOME))

    accounts = [app for app in response.context["app_list"] if app["name"] == "Konti"]
    assert [str(model["name"]) for model in accounts[0]["models"]] == ["Brugere", "Emailadresser"]


def test_the_navigation_beside_other_pages_shows_each_heading_once(client, superuser):
    client.force_login(superuser)

    response = client.get(reverse("admin:partnerships_organisation_changelist"))

    headings = [str(app["name"]) for app in response.context["available_apps"]]
    assert len(headings) == len(set(headings))
