import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["about", "accessibility", "contact"])
def test_site_pages_answer_in_the_layout(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response.text.count("<h1") == 1


def test_the_accessibility_statement_lives_at_the_required_address(client):
    assert reverse("accessibility") == "/tilgaengelighed/"
    assert 'href="/tilgaengelighed/"' in client.get(reverse("home")).text


def test_contact_page_shows_the_configured_address(client, settings):
    settings.CONTACT_EMAIL = "redaktion@example.dk"
    assert "mailto:redaktion@example.dk" in client.get(reverse("contact")).text


def test_the_404_page_is_in_the_layout_and_offers_a_search(client):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert 'class="site-header"' in response.text
    assert 'name="q"' in response.text


def test_the_403_page_is_in_the_layout(client, verified_user):
    from tests.factories import InitiativeFactory

    example = InitiativeFactory(published=True, submitted_by=verified_user)
    client.force_login(verified_user)
    response = client.get(reverse("initiatives:edit", kwargs={"slug": example.slug}))
    assert response.status_code == 403
    assert 'class="site-header"' in response.text


def test_the_500_page_renders_without_a_request():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b'class="site-header"' in response.content


def test_a_failed_csrf_check_is_explained_in_the_layout():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@b.dk", "password": "x"})
    assert response.status_code == 403
    assert 'class="site-header"' in response.text


def in_english(url):
    return "/en" + url


def test_the_language_switch_leads_to_the_same_page_and_filters(client):
    url = reverse("initiatives:list") + "?category=laesefremme&region=sjaelland"
    danish = client.get(url)
    assert f'href="{in_english(url).replace("&", "&amp;")}"' in danish.text
    english = client.get(in_english(url))
    assert '<html lang="en">' in english.text
    assert f'href="{url.replace("&", "&amp;")}"' in english.text


def test_switching_language_needs_no_form_and_sets_no_cookie(client):
    response = client.get(reverse("home"))
    assert 'class="language-switch"' in response.text
    assert "csrfmiddlewaretoken" not in response.text
    assert not response.cookies


def test_dates_follow_the_language(client):
    import datetime

    from tests.factories import InitiativeFactory

    example = InitiativeFactory(published=True, start_date=datetime.date(2009, 1, 1))
    assert "1. januar 2009" in client.get(example.get_absolute_url()).text
    assert "Jan. 1, 2009" in client.get(in_english(example.get_absolute_url())).text


def test_danish_content_is_marked_danish_on_english_pages(client):
    from tests.factories import InitiativeFactory

    example = InitiativeFactory(published=True, title="Læsekreds")
    text = client.get(in_english(example.get_absolute_url())).text
    assert '<html lang="en">' in text
    assert '<div lang="da">' in text


def test_danish_pages_do_not_repeat_the_language(client):
    from tests.factories import InitiativeFactory

    example = InitiativeFactory(published=True)
    # <html> only; hreflang="da" names the Danish address, not the language of content.
    assert client.get(example.get_absolute_url()).text.count(' lang="da"') == 1


def test_account_pages_have_the_account_menu(client, verified_user):
    client.force_login(verified_user)
    for name in ["initiatives:mine", "accounts:profile", "account_change_password"]:
        assert 'class="list-unstyled account-menu"' in client.get(reverse(name)).text, name


def test_log_in_and_sign_up_use_the_narrow_layout(client):
    for name in ["account_login", "account_signup"]:
        assert 'class="account-page__narrow"' in client.get(reverse(name)).text, name
