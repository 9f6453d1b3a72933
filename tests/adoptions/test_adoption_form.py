"""Recording "Vi har også gjort det" on a published example: the form, its checks, and sending."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from adoptions.models import Adoption
from partnerships.models import Organisation
from tests.factories import InitiativeFactory, OrganisationFactory, municipality

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
State = Adoption.State


@pytest.fixture
def example():
    return InitiativeFactory(published=True, title="Biblioteket Kommer")


@pytest.fixture
def add_url(example):
    return reverse("adoptions:add", kwargs={"slug": example.slug})


@pytest.fixture
def signed_in(client, verified_user):
    client.force_login(verified_user)
    return client


def form_data(**overrides):
    data = {
        "new_organisation": "Skive Bibliotek",
        "municipality": municipality("779").pk,
        "started_month": "3",
        "started_year": "2024",
        "adaptation": "Vi kører det med frivillige fra læseklubben i stedet for personale.",
        "result": "Tolv ældre får besøg hver måned.",
        "url": "skivebib.example/kommer",
        "attachment_licence": "cc-by-4.0",
        "form_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def errors(response):
    return response.context["form"].errors


def test_an_anonymous_visitor_is_sent_to_log_in_and_back(client, add_url):
    response = client.get(add_url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={add_url}"


def test_the_form_names_the_example_and_says_a_curator_reads_it(signed_in, add_url, example):
    response = signed_in.get(add_url)
    assert response.status_code == 200
    assert "Vi har også gjort det" in response.text
    assert f'href="{example.get_absolute_url()}"' in response.text
    assert "redaktør" in response.text


@pytest.mark.parametrize("state", ["draft", "submitted", "changes_requested", "archived"])
def test_an_example_that_is_not_published_cannot_be_adopted(signed_in, verified_user, state):
    example = InitiativeFactory(state=state, submitted_by=verified_user)
    response = signed_in.get(reverse("adoptions:add", kwargs={"slug": example.slug}))
    assert response.status_code == 404


def test_sending_creates_an_adoption_waiting_for_a_curator(
    signed_in, add_url, example, verified_user
):
    response = signed_in.post(add_url, form_data())
    assert response.status_code == 302
    assert response["Location"] == example.get_absolute_url()
    adoption = Adoption.objects.get()
    assert adoption.state == State.SUBMITTED
    assert adoption.submitted_by == verified_user
    assert adoption.submitted_at is not None
    assert adoption.initiative == example
    assert adoption.municipality == municipality("779")
    assert adoption.started == datetime.date(2024, 3, 1)
    assert adoption.url == "https://skivebib.example/kommer"


def test_a_new_organisation_is_created_unconfirmed(signed_in, add_url):
    signed_in.post(add_url, form_data(new_organisation="Lemvig Bibliotek"))
    organisation = Organisation.objects.get(name="Lemvig Bibliotek")
    assert organisation.confirmed is False
    assert Adoption.objects.get().organisation == organisation


def test_a_listed_organisation_may_be_chosen(signed_in, add_url):
    library = OrganisationFactory(name="Roskilde Bibliotekerne")
    signed_in.post(add_url, form_data(new_organisation="", organisation=library.pk))
    assert Adoption.objects.get().organisation == library


def test_the_example_page_says_it_is_sent_to_the_editors(signed_in, add_url):
    response = signed_in.post(add_url, form_data(), follow=True)
    assert "sendt til redaktørerne" in response.text


def test_an_organisation_must_be_chosen_or_named(signed_in, add_url):
    response = signed_in.post(add_url, form_data(new_organisation=""))
    assert response.status_code == 200
    assert "organisation" in errors(response)
    assert not Adoption.objects.exists()


def test_a_chosen_and_a_named_organisation_together_are_refused(signed_in, add_url):
    library = OrganisationFactory()
    response = signed_in.post(add_url, form_data(organisation=library.pk))
    assert "new_organisation" in errors(response)


def test_nationwide_needs_no_municipality(signed_in, add_url):
    signed_in.post(add_url, form_data(municipality="", nationwide="on"))
    adoption = Adoption.objects.get()
    assert adoption.nationwide is True
    assert adoption.municipality is None


def test_neither_a_municipality_nor_nationwide_is_refused(signed_in, add_url):
    response = signed_in.post(add_url, form_data(municipality=""))
    assert response.status_code == 200
    assert errors(response)["municipality"] == ["Vælg kommunen, eller sæt kryds ved landsdækkende."]


def test_a_municipality_and_nationwide_together_are_refused(signed_in, add_url):
    response = signed_in.post(add_url, form_data(nationwide="on"))
    assert "nationwide" in errors(response)
    assert not Adoption.objects.exists()


def test_a_start_in_a_month_that_has_not_begun_is_refused(signed_in, add_url):
    next_month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    response = signed_in.post(
        add_url,
        form_data(started_month=str(next_month.month), started_year=str(next_month.year)),
    )
    assert response.status_code == 200
    form = response.context["form"]
    if next_month.year > timezone.localdate().year:  # December: next year is not a choice
        assert "started_year" in form.errors
    else:
        assert [e.code for e in form.errors.as_data()["started_month"]] == ["future"]
    assert not Adoption.objects.exists()


def test_this_month_is_a_possible_start(signed_in, add_url):
    today = timezone.localdate()
    signed_in.post(add_url, form_data(started_month=str(today.month), started_year=str(today.year)))
    assert Adoption.objects.get().started == today.replace(day=1)


def test_the_adaptation_is_required_and_the_result_is_not(signed_in, add_url):
    response = signed_in.post(add_url, form_data(adaptation="", result=""))
    assert list(errors(response)) == ["adaptation"]


def test_a_failed_form_keeps_what_was_typed_and_lists_the_problems(signed_in, add_url):
    response = signed_in.post(add_url, form_data(adaptation="", started_year=""))
    assert "Tolv ældre får besøg hver måned." in response.text
    assert 'id="error-summary"' in response.text
    assert 'href="#id_adaptation"' in response.text
    assert 'href="#id_started_year"' in response.text


def test_an_attachment_is_stored_with_its_title_and_licence(signed_in, add_url):
    upload = SimpleUploadedFile("guide.pdf", PDF, content_type="application/pdf")
    signed_in.post(
        add_url,
        form_data(attachment=upload, attachment_title="Sådan gør vi", attachment_licence="cc0"),
    )
    adoption = Adoption.objects.get()
    assert adoption.attachment.name.endswith(".pdf")
    assert (adoption.attachment_title, adoption.attachment_licence) == ("Sådan gør vi", "cc0")


def test_a_web_page_named_pdf_is_refused_as_an_attachment(signed_in, add_url):
    upload = SimpleUploadedFile("guide.pdf", b"<html><script>alert(1)</script></html>")
    response = signed_in.post(add_url, form_data(attachment=upload, attachment_title="Guide"))
    assert response.status_code == 200
    assert [e.code for e in errors(response).as_data()["attachment"]] == ["type"]
    assert "Vælg den igen" in response.text  # the browser cannot refill a file input
    assert not Adoption.objects.exists()


def test_a_file_over_ten_megabytes_is_refused(signed_in, add_url):
    upload = SimpleUploadedFile("stor.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = signed_in.post(add_url, form_data(attachment=upload, attachment_title="Stor"))
    assert [e.code for e in errors(response).as_data()["attachment"]] == ["too_big"]


def test_a_file_needs_a_title(signed_in, add_url):
    upload = SimpleUploadedFile("guide.pdf", PDF)
    response = signed_in.post(add_url, form_data(attachment=upload))
    assert "attachment_title" in errors(response)


def test_the_file_input_accepts_only_the_types_examples_accept(signed_in, add_url):
    response = signed_in.get(add_url)
    assert 'accept=".pdf,.png,' in response.text


def test_a_double_click_sends_one_adoption(signed_in, add_url, example):
    data = form_data()
    first = signed_in.post(add_url, data)
    second = signed_in.post(add_url, data)
    assert Adoption.objects.count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"] == example.get_absolute_url()


def test_too_many_sends_are_refused_with_429_keeping_what_was_typed(signed_in, add_url, settings):
    settings.SUBMISSION_RATE_LIMITS = {
        **settings.SUBMISSION_RATE_LIMITS,
        "send_for_review": (1, 3600),
    }
    signed_in.post(add_url, form_data())
    response = signed_in.post(add_url, form_data(adaptation="Den anden historie"))
    assert response.status_code == 429
    assert "Den anden historie" in response.text
    assert Adoption.objects.count() == 1


def test_a_filled_honeypot_is_refused(signed_in, add_url):
    response = signed_in.post(add_url, form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert not Adoption.objects.exists()


def test_the_form_page_takes_a_fixed_number_of_queries(
    signed_in, add_url, django_assert_max_num_queries
):
    OrganisationFactory.create_batch(5)
    # session, user, verified address, example, organisations, municipalities, margin
    with django_assert_max_num_queries(7):
        assert signed_in.get(add_url).status_code == 200
