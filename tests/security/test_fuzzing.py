"""Fuzzing with hypothesis: whatever is in the address of a public page, or in any
field of the submission form, the answer is never a server error, a page keeps its
layout, and a form that fails validation gives back everything that was typed.

Derandomized and without an example database, so CI runs the same inputs every time.
tests/initiatives/test_list.py and test_submission.py check the chosen cases
(unknown filter values, each validation error); this module looks for the rest.
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from initiatives.models import Initiative
from tests.factories import AttachmentFactory, InitiativeFactory, MembershipFactory
from tests.initiatives.test_submission import form_data
from tests.security.helpers import FormValues, body

pytestmark = pytest.mark.django_db

FUZZ = hypothesis_settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

LIST_PARAMETERS = [
    "q",
    "category",
    "target_group",
    "region",
    "municipality",
    "format",
    "status",
    "evidence",
    "volunteers",
    "partnership",
    "organisation",
    "sort",
    "page",
]

# What people and robots put in an address: text of any kind, control characters and
# NUL, numbers far beyond any page, values that look like the real ones.
values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "1e309",
            "NaN",
            "∞",
            "\x00",
            "%00",
            "' OR 1=1 --",
            "../" * 5,
            "københavn",
            "yes",
            "no",
            "relevance",
            "title",
            "newest",
            "physical",
            "hovedstaden",
            "101",
            "a" * 5000,
        ]
    ),
)


def parameters(names):
    """A query as a list of (name, value) pairs: names repeated, unknown names added."""
    name = st.one_of(st.sampled_from(names), st.text(min_size=1, max_size=12))
    return st.lists(st.tuples(name, values), max_size=8)


def get(client, path, pairs):
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return client.get(path, data)


def assert_a_page_in_the_layout(response):
    assert response.status_code < 500
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        text = body(response)
        assert 'class="site-header"' in text and "</html>" in text


@pytest.fixture
def examples(db):
    published = InitiativeFactory(published=True, title="Læseklub for ældre", uses_volunteers=True)
    MembershipFactory(organisation=published.lead_organisation)
    published.partnership = published.lead_organisation.memberships.get().partnership
    published.save()
    return {"published": published, "attachment": AttachmentFactory(initiative=published)}


def test_the_examples_list_survives_any_query(client, examples):
    @FUZZ
    @given(pairs=parameters(LIST_PARAMETERS))
    def check(pairs):
        response = get(client, reverse("initiatives:list"), pairs)
        assert response.status_code == 200
        assert_a_page_in_the_layout(response)

    check()


def test_the_examples_list_survives_any_query_through_htmx(client, examples):
    @hypothesis_settings(FUZZ, max_examples=10)
    @given(pairs=parameters(LIST_PARAMETERS))
    def check(pairs):
        response = client.get(
            reverse("initiatives:list"),
            dict(pairs),
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200

    check()


@pytest.mark.parametrize(
    ("page", "names"),
    [
        ("home", []),
        ("partnerships:list", ["kind", "page"]),
        ("partnerships:organisation_list", ["kind", "page"]),
        ("detail", []),
        ("partnership", []),
        ("organisation", []),
        ("attachment", []),
        ("about", []),
        ("/en/eksempler/", LIST_PARAMETERS),
    ],
)
def test_every_public_page_survives_any_query(client, examples, page, names):
    published = examples["published"]
    path = {
        "detail": published.get_absolute_url(),
        "partnership": published.partnership.get_absolute_url(),
        "organisation": published.lead_organisation.get_absolute_url(),
        "attachment": examples["attachment"].get_absolute_url(),
    }.get(page) or (page if page.startswith("/") else reverse(page))

    @hypothesis_settings(FUZZ, max_examples=12)
    @given(pairs=parameters(names or ["page", "q", "next"]))
    def check(pairs):
        response = get(client, path, pairs)
        assert response.status_code == 200
        assert_a_page_in_the_layout(response)

    check()


@pytest.mark.parametrize(
    "query",
    ["%ff%fe", "q=%ZZ", "q=%C3%28", "&&&==", "page=%00", "q=" + "%00" * 50, "sort[]=1&;=;"],
)
def test_a_malformed_query_string_is_not_an_error(client, examples, query):
    response = client.get(reverse("initiatives:list"), QUERY_STRING=query)
    assert response.status_code == 200
    assert_a_page_in_the_layout(response)


# The submission form

SINGLE_LINE = [
    "title",
    "contact_name",
    "new_lead_organisation",
    "links-0-title",
    "attachments-0-title",
]
MULTI_LINE = [
    "summary",
    "description",
    "evaluation_summary",
    "outcomes",
    "how_to_start",
    "resources",
    "costs",
    "new_partner_organisations",
]
CHOICES = [
    "category",
    "format",
    "status",
    "evidence",
    "target_groups",
    "municipalities",
    "lead_organisation",
    "partner_organisations",
    "partnership",
    "nationwide",
    "uses_volunteers",
    "not_a_duplicate",
    "action",
    "form_key",
]
OTHERS = [
    "start_date",
    "end_date",
    "evaluation_url",
    "contact_email",
    "website",
    "links-0-url",
    "links-TOTAL_FORMS",
    "links-INITIAL_FORMS",
    "attachments-TOTAL_FORMS",
    "attachments-0-licence",
    "attachments-0-DELETE",
    "links-0-id",
]
FIELDS = SINGLE_LINE + MULTI_LINE + CHOICES + OTHERS

form_values = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=20),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\r\n",
            "0",
            "-1",
            "2020-02-30",
            "99999",
            "a" * 700,
            "javascript:alert(1)",
            "<script>alert(1)</script>",
        ]
    ),
)


def as_a_browser_sends_it(name, value):
    """What a browser's form control holds after its value was written into the page."""
    if name in SINGLE_LINE:
        return value.replace("\r", "").replace("\n", "")
    return value.replace("\r\n", "\n").replace("\r", "\n")


def test_any_value_in_any_field_of_the_submission_form_loses_nothing(
    client, verified_user, taxonomy
):
    client.force_login(verified_user)
    submit = reverse("initiatives:submit")
    typed = {name: f"Tekst i {name} med æøå" for name in SINGLE_LINE + MULTI_LINE}
    typed["links-0-url"] = "https://roskilde.example/lektiecafe"

    @hypothesis_settings(FUZZ, max_examples=40)
    @given(
        fuzzed=st.dictionaries(st.sampled_from(FIELDS), form_values, min_size=1, max_size=4),
        failing=st.booleans(),
    )
    def check(fuzzed, failing):
        cache.clear()  # the limit on new examples per hour
        data = form_data(taxonomy, **typed)
        if failing:
            data["contact_email"] = "ikke en adresse"
        data.update(fuzzed)
        with transaction.atomic():
            response = client.post(submit, data)
            transaction.set_rollback(True)
        assert response.status_code in {200, 302, 429}
        if response.status_code == 302:
            return
        assert_a_page_in_the_layout(response)
        shown = FormValues(body(response))
        # A tampered management form (no browser sends one) leaves out the rows.
        rows = not any(name.endswith("_FORMS") for name in fuzzed)
        lost = {
            name: (data[name], shown.text(name))
            for name in SINGLE_LINE + MULTI_LINE
            if name in data
            and (rows or "-" not in name)
            # crispy's templates collapse whitespace between tags, so a textarea holding
            # only line breaks comes back as one space: nothing visible is lost.
            and data[name].strip()
            and "\x00" not in data[name]
            and as_a_browser_sends_it(name, shown.text(name) or "")
            != as_a_browser_sends_it(name, data[name])
        }
        assert lost == {}
        assert not Initiative.objects.exists()

    check()
