"""The pagination bar (templates/_pagination.html) names its links in words (issue 15)."""

import pytest
from django.urls import reverse

from tests.database import made_once
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def eighty_one_examples(django_db_setup, django_db_blocker):
    with made_once(django_db_blocker):
        InitiativeFactory.create_batch(81, published=True)
        yield


@pytest.fixture
def third_of_five_pages(client, eighty_one_examples):
    """The examples list's page 3 of 5 (twenty to a page), newest first."""

    def get(language_prefix=""):
        return client.get(language_prefix + reverse("initiatives:list"), {"page": "3"}).text

    return get


def test_the_bar_says_forrige_and_naeste_in_danish(third_of_five_pages):
    html = third_of_five_pages()
    assert 'rel="prev" href="?page=2">Forrige</a>' in html
    assert 'rel="next" href="?page=4">Næste</a>' in html


def test_the_bar_says_previous_and_next_in_english(third_of_five_pages):
    html = third_of_five_pages("/en")
    assert 'rel="prev" href="?page=2">Previous</a>' in html
    assert 'rel="next" href="?page=4">Next</a>' in html


def test_each_page_number_link_is_named_side_and_its_number(third_of_five_pages):
    html = third_of_five_pages()
    for number in (1, 2, 4, 5):
        assert f'aria-label="Side {number}" href="?page={number}">{number}</a>' in html


def test_each_page_number_link_is_named_page_and_its_number_in_english(third_of_five_pages):
    assert 'aria-label="Page 4" href="?page=4">4</a>' in third_of_five_pages("/en")


def test_the_current_page_is_marked_and_named_but_not_a_link(third_of_five_pages):
    html = third_of_five_pages()
    assert (
        '<span class="visually-hidden">Side </span>'
        '<span class="page-link" aria-current="page">3</span>'
    ) in html
    assert 'href="?page=3"' not in html
