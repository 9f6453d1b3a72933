"""Stored and reflected XSS: script tags, event-handler attributes and javascript:/data:
addresses in every text and URL field, on every page that shows them, in the search
highlights, the admin and the e-mails.

A payload is safe when the page's HTML, parsed as a browser would, holds no script
or event handler of ours and no link to a javascript: or data: address
(helpers.injected). tests/initiatives/test_search.py checks one escaped snippet;
this module covers the rest.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives import search, services
from initiatives.models import Initiative, Link
from partnerships.models import Organisation
from tests.factories import (
    AttachmentFactory,
    CategoryFactory,
    InitiativeFactory,
    LinkFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    TargetGroupFactory,
    complete_draft,
    municipality,
)
from tests.initiatives.test_submission import form_data
from tests.security.helpers import body, injected

pytestmark = pytest.mark.django_db

State = Initiative.State

PAYLOADS = [
    '<script>alert(1)</script>"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>`\" onmouseover=alert(1) x=`'><script>alert(1)</script>",
]
PAYLOAD_IDS = ["script-img", "svg-backtick"]
# Addresses that keep a URL's shape but try to break out of the href.
STORED_URLS = [
    'https://example.org/"><script>alert(1)</script>',
    "https://example.org/' onmouseover='alert(1)",
]
DANGEROUS_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
]
TEXT_FIELDS = [
    "summary",
    "description",
    "evaluation_summary",
    "outcomes",
    "how_to_start",
    "resources",
    "costs",
    "contact_name",
]


def poisoned_world(payload, people, number):
    """Everything a visitor or curator sees, with `payload` in every text and URL field."""
    contributor, curator = people["contributor"], people["curator"]
    for user in (contributor, curator):
        user.first_name, user.last_name = payload[:150], payload[:150]
        user.save()
    texts = dict.fromkeys(TEXT_FIELDS, f"bogklub {payload}")
    organisation = OrganisationFactory(
        name=f"Org {number} {payload}", description=payload, website=STORED_URLS[0]
    )
    partnership = PartnershipFactory(
        name=f"Partnerskab {number} {payload}",
        purpose=payload,
        description=payload,
        basis=payload,
        goals=payload,
        website=STORED_URLS[1],
    )
    MembershipFactory(partnership=partnership, organisation=organisation)
    MeetingFactory(partnership=partnership, title=payload, summary=payload)
    common = {
        "category": CategoryFactory(name=f"K{number} {payload}"[:100], description=payload),
        "target_groups": [TargetGroupFactory(name=f"M{number} {payload}"[:100])],
        "lead_organisation": organisation,
        "partner_organisations": [OrganisationFactory(name=f"Partner {number} {payload}")],
        "partnership": partnership,
        "municipalities": [municipality("265")],
        "submitted_by": contributor,
        "contact_email": "kontakt@roskilde.example",
        "cost_level": "free",
        "evaluation_url": STORED_URLS[0],
        **texts,
    }
    published = InitiativeFactory(
        title=f"Offentlig {payload}", published=True, featured=True, **common
    )
    sent_back = InitiativeFactory(
        title=f"Tilbagesendt {payload}",
        state=State.CHANGES_REQUESTED,
        moderation_note=payload,
        **common,
    )
    for initiative in (published, sent_back):
        LinkFactory(initiative=initiative, title=payload, url=STORED_URLS[0])
        LinkFactory(initiative=initiative, title=payload, url=STORED_URLS[1])
        AttachmentFactory(initiative=initiative, title=payload)
    # A change, so that the history pages have a diff to show.
    published.description = f"ændret {payload}"
    published.save()
    search.rebuild([published.pk])  # save() rebuilds it after a commit that tests never make
    return {"published": published, "sent_back": sent_back, "organisation": organisation}


def public_pages(world, payload):
    published, organisation = world["published"], world["organisation"]
    examples = reverse("initiatives:list")
    return [
        reverse("home"),
        examples,
        # The search highlights the payload's words in the snippet.
        f"{examples}?q=bogklub+script+alert+img+onerror+svg+onload+onmouseover",
        f"{examples}?category={published.category.slug}&target_group="
        f"{published.target_groups.get().slug}&organisation={organisation.slug}",
        published.get_absolute_url(),
        organisation.get_absolute_url(),
        reverse("partnerships:organisation_list"),
        published.partnership.get_absolute_url(),
        reverse("partnerships:list"),
    ]


def reflected_pages(payload):
    """Pages that echo what is in the address (notices, chips, the search box)."""
    examples = reverse("initiatives:list")
    return [
        (examples, {"q": payload}),
        (examples, {"q": f"bogklub {payload}"}),
        (examples, {"category": payload, "region": payload, "volunteers": payload}),
        (examples, {"sort": payload, "page": payload}),
        (reverse("partnerships:organisation_list"), {"kind": payload, "page": payload}),
        (reverse("account_login"), {"next": payload}),
        (reverse("account_login"), {"next": "javascript:alert(1)"}),
        (reverse("account_signup"), {"next": payload}),
    ]


def admin_pages(world):
    published = world["published"]
    changelist = "admin:initiatives_initiative_changelist"
    return [
        reverse(changelist),
        reverse(changelist) + "?q=script",
        reverse("admin:initiatives_initiative_change", args=[published.pk]),
        reverse("admin:initiatives_initiative_history", args=[published.pk]),
        reverse("admin:initiatives_initiative_change", args=[world["sent_back"].pk]),
        reverse("admin:initiatives_initiative_moderate", args=[world["sent_back"].pk, "reject"]),
        reverse("admin:initiatives_link_changelist"),
        reverse("admin:initiatives_attachment_changelist"),
        reverse("admin:initiatives_category_changelist"),
        reverse("admin:initiatives_targetgroup_changelist"),
        reverse("admin:partnerships_organisation_changelist"),
        reverse("admin:partnerships_organisation_change", args=[world["organisation"].pk]),
        reverse("admin:partnerships_partnership_changelist"),
        reverse("admin:partnerships_partnership_change", args=[published.partnership.pk]),
        reverse("admin:partnerships_meeting_changelist"),
        reverse("admin:accounts_user_changelist"),
    ]


def findings(client, pages):
    found = {}
    for page in pages:
        path, params = page if isinstance(page, tuple) else (page, None)
        response = client.get(path, params)
        assert response.status_code == 200, path
        if hits := injected(body(response)):
            found[path, str(params)] = hits
    return found


@pytest.fixture(params=range(len(PAYLOADS)), ids=PAYLOAD_IDS)
def payload_world(request, people):
    payload = PAYLOADS[request.param]
    return payload, poisoned_world(payload, people, request.param)


def test_no_payload_runs_on_a_public_page(client_for, payload_world):
    payload, world = payload_world
    assert findings(client_for("anonymous"), public_pages(world, payload)) == {}


def test_no_payload_runs_for_a_signed_in_contributor(client_for, payload_world):
    payload, world = payload_world
    pages = [
        *public_pages(world, payload),
        reverse("initiatives:mine"),
        reverse("initiatives:edit", kwargs={"slug": world["sent_back"].slug}),
        world["sent_back"].get_absolute_url(),
        reverse("accounts:profile"),
        reverse("accounts:my_data"),
    ]
    assert findings(client_for("contributor"), pages) == {}


def test_no_payload_runs_in_the_admin(client_for, payload_world):
    _payload, world = payload_world
    assert findings(client_for("curator"), admin_pages(world)) == {}


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
def test_nothing_in_the_address_is_reflected_as_markup(client, payload):
    assert findings(client, reflected_pages(payload)) == {}


def test_the_search_highlight_marks_words_without_letting_markup_through(client, people):
    world = poisoned_world(PAYLOADS[0], people, 0)
    response = client.get(reverse("initiatives:list"), {"q": "bogklub"})
    [shown] = response.context["page"]
    assert shown == world["published"]
    assert "<mark>" in str(shown.snippet)
    assert injected(body(response)) == []


@pytest.mark.postgres
def test_control_characters_typed_into_a_summary_never_become_markup(
    client, people, django_capture_on_commit_callbacks
):
    InitiativeFactory(
        title="Læseklub",
        summary="Bogklub \x03</p>\x02 for alle",
        description="Bogklub for alle.",
        published=True,
    )
    response = client.get(reverse("initiatives:list"), {"q": "bogklub"})
    text = body(response)
    # Only the searched word is marked, as often as it occurs; the typed markers are gone.
    assert text.count("<mark>") == text.count("</mark>") == text.count("<mark>Bogklub</mark>")
    assert "\x02" not in text and "\x03" not in text


# URL fields refuse javascript: and data: addresses on every way in.


@pytest.fixture
def signed_in(client, verified_user):
    client.force_login(verified_user)
    return client


def test_the_submission_form_refuses_a_dangerous_address(signed_in, taxonomy):
    refused = []
    for url in DANGEROUS_URLS:
        for field in ["evaluation_url", "links-0-url"]:
            data = form_data(taxonomy, action="draft", **{field: url, "links-0-title": "Se her"})
            response = signed_in.post(reverse("initiatives:submit"), data)
            form = response.context["links"].forms[0] if field.startswith("links-") else None
            errors = (form or response.context["form"]).errors
            if response.status_code == 200 and field.rsplit("-", 1)[-1] in errors:
                refused.append((field, url))
    assert len(refused) == 2 * len(DANGEROUS_URLS)
    assert not Initiative.objects.exists()


def test_the_admin_refuses_a_dangerous_address_in_every_url_field(client_for):
    client = client_for("curator")
    initiative = InitiativeFactory(published=True)
    posts = [
        (path, data)
        for url in DANGEROUS_URLS
        for path, data in [
            (
                reverse("admin:initiatives_link_add"),
                {"initiative": initiative.pk, "title": "Se her", "url": url, "position": 0},
            ),
            (
                reverse("admin:partnerships_organisation_add"),
                {"name": "Ny forening", "kind": Organisation.Kind.LIBRARY, "website": url},
            ),
        ]
    ]
    for path, data in posts:
        response = client.post(path, data)
        assert response.status_code == 200, path
        assert response.context["adminform"].form.errors, (path, data)
    assert not initiative.links.exists()
    assert not Organisation.objects.filter(name="Ny forening").exists()


def test_the_models_refuse_a_dangerous_address_whatever_path_saves_them():
    # Forms are one way in; the model's own validation is what any later path runs.
    initiative = InitiativeFactory()
    for url in DANGEROUS_URLS:
        assert_every_url_field_refuses(initiative, url)


def assert_every_url_field_refuses(initiative, url):
    candidates = {
        "evaluation_url": Initiative(
            title="x", summary="x", category=initiative.category, evaluation_url=url
        ),
        "url": Link(initiative=initiative, title="x", url=url),
        "website": Organisation(name="Ny forening", website=url),
    }
    for field, instance in candidates.items():
        with pytest.raises(ValidationError) as refusal:
            instance.full_clean()
        assert field in refusal.value.error_dict, (field, url)


# E-mails are plain text: no HTML part, nothing escaped, no header broken by a line break.


def test_the_moderation_e_mails_are_plain_text_whatever_the_title(
    people, django_capture_on_commit_callbacks
):
    contributor, curator = people["contributor"], people["curator"]
    title = "<script>alert(1)</script> \"Læs\" & 'skriv'\r\nBcc: angriber@example.org"
    examples = [
        complete_draft(title=title, summary=PAYLOADS[0], state=state, submitted_by=contributor)
        for state in [State.DRAFT, State.SUBMITTED, State.SUBMITTED, State.SUBMITTED]
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(examples[0], by=contributor)
        for example, step in zip(
            examples[1:], ["publish", "request_changes", "reject"], strict=True
        ):
            # The address in the title is a privacy warning; the e-mails are what is tested.
            services.moderate(
                example, step=step, by=curator, note=PAYLOADS[1], privacy_note=PAYLOADS[0]
            )
    assert len(mail.outbox) == 5  # two curators (the superuser moderates too), three submitters
    for message in mail.outbox:
        assert message.content_subtype == "plain"
        assert not getattr(message, "alternatives", [])
        assert "\n" not in message.subject and "\r" not in message.subject
        assert "angriber@example.org" not in message.to + message.cc + message.bcc
        assert "<script>alert(1)</script>" in message.subject
        assert "&lt;" not in message.subject + message.body
        assert "&quot;" not in message.subject + message.body


def test_the_admin_moderation_page_escapes_the_titles_it_lists(client_for, people):
    world = poisoned_world(PAYLOADS[1], people, 1)
    Initiative.objects.filter(pk=world["sent_back"].pk).update(state=State.SUBMITTED)
    response = client_for("curator").post(
        reverse("admin:initiatives_initiative_changelist"),
        {"action": "reject_selected", ACTION_CHECKBOX_NAME: [world["sent_back"].pk]},
    )
    assert response.status_code == 200
    assert injected(body(response)) == []


def test_the_sent_message_escapes_the_title(signed_in, verified_user, people):
    draft = InitiativeFactory(
        title=PAYLOADS[0],
        submitted_by=verified_user,
        nationwide=True,
        contact_email="kontakt@roskilde.example",
        target_groups=[TargetGroupFactory()],
    )
    EmailAddress.objects.filter(user=verified_user).update(verified=True)
    url = reverse("initiatives:send", kwargs={"slug": draft.slug})
    response = signed_in.post(url, follow=True)
    assert response.status_code == 200
    assert injected(body(response)) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body(response)
