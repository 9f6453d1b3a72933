"""Help while writing (issue 18): personal data and the LIX beside the form's text fields.

The contributor sees, beside each text field, what looks like personal data,
after each save and (with JavaScript) as they type, through the check
endpoint; the summary and the description show their LIX. Nothing here stops
a save: the curator decides. The browser side is tests/browser/test_writing_help.py.
"""

from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from adoptions.models import Adoption
from initiatives import writing
from initiatives.forms import InitiativeForm
from initiatives.models import Initiative
from portal.lib.lix import readability
from portal.lib.personaldata import MESSAGES
from tests.factories import AdoptionFactory, InitiativeFactory
from tests.initiatives.test_submission import form_data

pytestmark = pytest.mark.django_db

SUBMIT = reverse("initiatives:submit")
CHECK = reverse("initiatives:writing_check")
CPR_TEXT = "Pigen Lise har cpr 010203-1234."
# Hand-counted: 12 words, 2 sentences, 7 long: 12/2 + 100·7/12 = 64.33
HARD_TEXT = (
    "Biblioteket samarbejder med frivillige organisationer. "
    "Sammen skaber de fællesskaber for ensomme borgere."
)
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}


class _Element(HTMLParser):
    """The element with the id `element_id`: its attributes, text and the tags inside it."""

    def __init__(self, html, element_id):
        super().__init__()
        self.element_id, self.depth, self.attrs = element_id, 0, None
        self.parts, self.inside = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.inside.append((tag, dict(attrs)))
            self.depth += tag not in VOID
        elif dict(attrs).get("id") == self.element_id:
            self.depth, self.attrs = 1, dict(attrs)

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)

    @property
    def text(self):
        return " ".join(" ".join(self.parts).split())

    def having(self, tag, **attrs):
        return [a for t, a in self.inside if t == tag and attrs.items() <= a.items()]


def help_beside(response, name):
    """The text of the writing help beside field `name`."""
    element = _Element(response.text, f"id_{name}_writing")
    assert element.attrs is not None, f"no writing help beside {name}"
    return element.text


def warned(response, name):
    return bool(
        _Element(response.text, f"id_{name}_writing").having(
            "div", **{"class": "writing-help__warnings"}
        )
    )


def summary_links(response):
    return [a["href"] for a in _Element(response.text, "writing-summary").having("a")]


@pytest.fixture
def signed_in(client, verified_user):
    client.force_login(verified_user)
    return client


def check(client, **texts):
    """The endpoint's answer for every text field of the example form, empty unless given."""
    data = dict.fromkeys(writing.checked_fields(InitiativeForm.base_fields), "")
    return client.post(CHECK, {**data, **texts})


# After a save (no JavaScript needed)


def test_a_draft_saved_with_a_cpr_number_shows_the_warning_beside_its_field(signed_in, taxonomy):
    response = signed_in.post(
        SUBMIT, form_data(taxonomy, action="draft", summary=CPR_TEXT), follow=True
    )
    initiative = Initiative.objects.get()
    assert response.request["PATH_INFO"] == reverse(
        "initiatives:edit", kwargs={"slug": initiative.slug}
    )
    beside = help_beside(response, "summary")
    assert "010203-1234" in beside
    assert str(MESSAGES["cpr"]) in beside
    assert not warned(response, "description")


def test_warnings_do_not_stop_a_save(signed_in, taxonomy):
    signed_in.post(SUBMIT, form_data(taxonomy, action="draft", summary=CPR_TEXT))
    assert Initiative.objects.get().summary == CPR_TEXT


def test_a_save_with_warnings_lists_them_at_the_top_with_links_to_the_fields(signed_in, taxonomy):
    response = signed_in.post(
        SUBMIT, form_data(taxonomy, action="draft", summary=CPR_TEXT), follow=True
    )
    # The name and the CPR number.
    assert summary_links(response) == ["#id_summary", "#id_summary"]


def test_without_warnings_there_is_no_summary(signed_in, verified_user):
    example = InitiativeFactory(submitted_by=verified_user)
    response = signed_in.get(reverse("initiatives:edit", kwargs={"slug": example.slug}))
    assert _Element(response.text, "writing-summary").text == ""
    assert 'id="writing-announcer"' in response.text


def test_a_form_sent_back_with_errors_shows_the_warnings_of_what_was_typed(signed_in, taxonomy):
    data = form_data(taxonomy, title="", outcomes="Ring på 23 45 67 89.")
    response = signed_in.post(SUBMIT, data)
    assert response.status_code == 200
    assert "23 45 67 89" in help_beside(response, "outcomes")


def test_each_text_field_is_described_by_its_help_text_and_its_writing_help(
    signed_in, verified_user
):
    example = InitiativeFactory(submitted_by=verified_user)
    html = signed_in.get(reverse("initiatives:edit", kwargs={"slug": example.slug})).text
    assert 'aria-describedby="id_summary_helptext id_summary_writing" data-writing' in html
    assert 'aria-describedby="id_outcomes_writing" data-writing' in html
    assert 'aria-describedby="id_contact_name_writing" data-writing' in html
    # Not a text: checked by its own validation.
    assert "id_contact_email_writing" not in html


def test_the_saved_summary_and_description_show_their_lix(signed_in, verified_user):
    example = InitiativeFactory(submitted_by=verified_user, description=HARD_TEXT)
    response = signed_in.get(reverse("initiatives:edit", kwargs={"slug": example.slug}))
    assert "LIX 64" in help_beside(response, "description")
    assert "LIX" in help_beside(response, "summary")
    assert "LIX" not in help_beside(response, "outcomes")


def test_an_attached_file_with_personal_data_is_named_beside_the_attachments(
    signed_in, verified_user
):
    example = InitiativeFactory(submitted_by=verified_user)
    # As initiatives.privacy saves what it read in an attachment.
    found = {"field": "attachment", "attachment": 1, "title": "Tilmelding.pdf"}
    Initiative.objects.filter(pk=example.pk).update(
        privacy_warnings=[{**found, "kind": "cpr", "text": "010203-1234"}]
    )
    response = signed_in.get(reverse("initiatives:edit", kwargs={"slug": example.slug}))
    files = response.text.split('class="writing-help__warnings writing-files"')[1]
    assert "Tilmelding.pdf" in files.split("</div>")[0]
    assert "010203-1234" in files.split("</div>")[0]


def test_sending_an_example_with_warnings_says_a_curator_will_check_them(signed_in, taxonomy):
    response = signed_in.post(SUBMIT, form_data(taxonomy, summary=CPR_TEXT))
    assert Initiative.objects.get().state == Initiative.State.SUBMITTED
    assert str(writing.SENT_WITH_WARNINGS) in [str(m) for m in get_messages(response.wsgi_request)]


def test_sending_an_example_without_warnings_says_nothing_of_them(signed_in, taxonomy):
    response = signed_in.post(SUBMIT, form_data(taxonomy))
    sent = [str(m) for m in get_messages(response.wsgi_request)]
    assert str(writing.SENT_WITH_WARNINGS) not in sent


# The check endpoint (as the contributor types)


@pytest.mark.parametrize(
    ("field", "text", "kind"),
    [
        ("summary", "Hendes CPR er 010203-1234.", "cpr"),
        ("how_to_start", "Ring på 23 45 67 89 for at høre mere.", "phone"),
        ("outcomes", "Skriv til lise@example.dk bagefter.", "email"),
        ("description", "Eleven Ahmed kom hver dag.", "name"),
        ("known_effect_why", "Hendes CPR er 010203-1234.", "cpr"),
        ("transfer_pitfalls", "Pigen Lise på 9 år blev genkendt.", "name"),
    ],
)
def test_the_endpoint_shows_each_kind_beside_the_field_it_is_in(signed_in, field, text, kind):
    response = check(signed_in, **{field: text})
    assert response.status_code == 200
    assert str(MESSAGES[kind]) in help_beside(response, field)
    others = set(writing.checked_fields(InitiativeForm.base_fields)) - {field}
    assert [name for name in others if warned(response, name)] == []


def test_an_e_mail_address_is_no_warning_in_the_contact_field(signed_in):
    response = check(
        signed_in,
        contact_name="Mette Hansen, mette@roskilde.example",
        outcomes="Skriv til mette@roskilde.example.",
    )
    assert not warned(response, "contact_name")
    assert str(MESSAGES["email"]) in help_beside(response, "outcomes")


def test_the_endpoint_lists_the_warnings_for_the_summary_at_the_top(signed_in):
    response = check(signed_in, outcomes="Ring på 23 45 67 89.")
    assert summary_links(response) == ["#id_outcomes"]


def test_the_endpoint_gives_the_lix_the_formula_gives(signed_in):
    response = check(signed_in, description=HARD_TEXT, summary="Jeg læser en bog. Den er god.")
    assert readability(HARD_TEXT).value == 64
    assert "LIX 64" in help_beside(response, "description")
    assert "LIX 4" in help_beside(response, "summary")  # 7 words / 2 sentences = 3.5


def test_the_lix_comes_with_its_band_and_advice(signed_in):
    with translation.override("en"):
        response = signed_in.post(reverse("initiatives:writing_check"), {"description": HARD_TEXT})
    beside = help_beside(response, "description")
    assert "very hard" in beside
    assert "58 % of the words are long" in beside


def test_only_the_summary_and_the_description_show_a_lix(signed_in):
    response = check(signed_in, outcomes=HARD_TEXT, how_to_start=HARD_TEXT)
    assert "LIX" not in help_beside(response, "outcomes")
    assert "LIX" not in help_beside(response, "how_to_start")


def test_the_endpoint_answers_only_for_the_fields_it_was_sent(signed_in):
    response = signed_in.post(
        CHECK, {"summary": "En bog.", "website": "010203-1234", "moderation_note": "010203-1234"}
    )
    assert 'id="id_summary_writing"' in response.text
    assert "_writing" not in response.text.replace('id="id_summary_writing"', "")


def test_the_endpoint_says_what_a_screen_reader_hears_when_the_help_changes(signed_in):
    response = check(signed_in, summary="Hendes CPR er 010203-1234.")
    announced = _Element(response.text, "id_summary_writing").attrs["data-announce"]
    assert str(MESSAGES["cpr"]) in announced


def test_the_endpoint_needs_a_signed_in_contributor(client):
    response = client.post(CHECK, {"summary": CPR_TEXT})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_endpoint_answers_only_posts(signed_in):
    assert signed_in.get(CHECK).status_code == 405


def test_the_endpoint_needs_the_csrf_token(verified_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(verified_user)
    assert client.post(CHECK, {"summary": CPR_TEXT}).status_code == 403


def test_the_endpoint_is_rate_limited(signed_in, settings):
    settings.SUBMISSION_RATE_LIMITS = {**settings.SUBMISSION_RATE_LIMITS, "writing_check": (2, 600)}
    statuses = [signed_in.post(CHECK, {"summary": "En bog."}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


# The adoption form ("Vi har også gjort det")


def test_the_adoption_form_shows_warnings_beside_its_fields(signed_in, verified_user):
    adoption = AdoptionFactory(
        submitted_by=verified_user,
        state=Adoption.State.CHANGES_REQUESTED,
        published_at=None,
        adaptation="Drengen Ahmed hjalp med at bære bøger.",
    )
    response = signed_in.get(reverse("adoptions:edit", kwargs={"pk": adoption.pk}))
    assert str(MESSAGES["name"]) in help_beside(response, "adaptation")
    assert not warned(response, "result")
    assert 'data-writing-check="/genbrug/skriv/tjek/"' in response.text


def test_the_adoption_endpoint_checks_its_own_fields_without_a_lix(signed_in):
    response = signed_in.post(
        reverse("adoptions:writing_check"),
        {"adaptation": "Ring på 23 45 67 89.", "result": HARD_TEXT, "summary": CPR_TEXT},
    )
    assert str(MESSAGES["phone"]) in help_beside(response, "adaptation")
    assert "LIX" not in response.text
    assert "id_summary_writing" not in response.text


# The curators' list


def test_the_curators_list_shows_the_lix_of_summary_and_description(client, curator):
    # 7 words in 2 sentences (the summary's and the description's), none long: 3.5
    InitiativeFactory(submitted=True, summary="Jeg læser en bog.", description="Den er god.")
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_changelist"))
    assert '<td class="field-lix">4 <span class="lix-band">' in response.text
