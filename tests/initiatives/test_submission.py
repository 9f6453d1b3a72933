"""Sharing a good example: the form, drafts, validation that keeps input, review e-mails."""

import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives.models import Attachment, Initiative
from partnerships.models import Organisation
from tests.factories import (
    InitiativeFactory,
    municipality,
)

pytestmark = pytest.mark.django_db

SUBMIT = reverse("initiatives:submit")
State = Initiative.State

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def form_data(taxonomy, **overrides):
    data = {
        "title": "Lektiecafé på biblioteket",
        "summary": "Frivillige hjælper børn med lektier to gange om ugen.",
        "description": "Vi åbner et lokale, frivillige hjælper, biblioteket byder på saft.",
        "category": taxonomy["category"].pk,
        "format": "physical",
        "status": "running",
        "target_groups": [taxonomy["group"].pk],
        "municipalities": [municipality("265").pk],
        "lead_organisation": taxonomy["organisation"].pk,
        "evidence": "described",
        "how_to_start": "Find to frivillige og et lokale.",
        "cost_level": "free",
        # The knowledge declaration: C and D need no justification.
        "known_target_group": "C",
        "known_method": "C",
        "known_implementation": "C",
        "known_effect": "D",
        "known_economy": "C",
        "contact_name": "Mette",
        "contact_email": "mette@roskilde.example",
        "action": "submit",
        "links-TOTAL_FORMS": "2",
        "links-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "2",
        "attachments-INITIAL_FORMS": "0",
        # A browser sends the licence select's default even for an empty row.
        "attachments-0-licence": "cc-by-4.0",
        "attachments-1-licence": "cc-by-4.0",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def signed_in(client, verified_user):
    client.force_login(verified_user)
    return client


def test_a_verified_contributor_sends_a_complete_example_for_review(signed_in, taxonomy, curator):
    response = signed_in.post(SUBMIT, form_data(taxonomy))
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:mine")
    initiative = Initiative.objects.get()
    assert initiative.state == State.SUBMITTED
    assert initiative.submitted_at is not None
    assert list(initiative.municipalities.values_list("code", flat=True)) == ["265"]


def test_sending_for_review_e_mails_the_curators(
    signed_in, taxonomy, curator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(SUBMIT, form_data(taxonomy))
    assert [message.to for message in mail.outbox] == [[curator.email]]
    message = mail.outbox[0]
    assert "Lektiecafé på biblioteket" in message.subject
    assert "/admin/initiatives/initiative/" in message.body


def test_save_as_draft_keeps_it_private_and_sends_no_mail(
    signed_in, taxonomy, curator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(SUBMIT, form_data(taxonomy, action="draft"))
    initiative = Initiative.objects.get()
    assert initiative.state == State.DRAFT
    assert response["Location"] == reverse("initiatives:edit", kwargs={"slug": initiative.slug})
    assert mail.outbox == []


def test_a_draft_may_be_incomplete(signed_in, taxonomy):
    data = form_data(taxonomy, action="draft", description="", target_groups=None)
    assert signed_in.post(SUBMIT, data).status_code == 302
    assert Initiative.objects.get().state == State.DRAFT


def test_preview_saves_a_draft_and_shows_it_as_it_will_look(signed_in, taxonomy):
    response = signed_in.post(SUBMIT, form_data(taxonomy, action="preview"), follow=True)
    initiative = Initiative.objects.get()
    assert initiative.state == State.DRAFT
    assert response.request["PATH_INFO"] == initiative.get_absolute_url()
    assert "Lektiecafé på biblioteket" in response.text
    assert reverse("initiatives:send", kwargs={"slug": initiative.slug}) in response.text


def test_send_from_the_preview(signed_in, taxonomy, verified_user):
    signed_in.post(SUBMIT, form_data(taxonomy, action="preview"))
    initiative = Initiative.objects.get()
    response = signed_in.post(reverse("initiatives:send", kwargs={"slug": initiative.slug}))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.state == State.SUBMITTED


def test_sending_an_incomplete_draft_saves_it_and_redirects_to_the_edit_page(signed_in, taxonomy):
    data = form_data(taxonomy, description="", target_groups=None, municipalities=None)
    response = signed_in.post(SUBMIT, data)
    initiative = Initiative.objects.get()
    assert initiative.state == State.DRAFT
    # A redirect, so reloading the page that follows cannot save the example again.
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:edit", kwargs={"slug": initiative.slug})


def test_after_an_incomplete_send_the_edit_page_says_what_is_missing(signed_in, taxonomy):
    data = form_data(taxonomy, description="", target_groups=None, municipalities=None)
    response = signed_in.post(SUBMIT, data, follow=True)
    assert "Din kladde er gemt" in response.text
    missing = {label for label, _message, _anchor in response.context["missing"]}
    assert missing == {"Beskrivelse", "Målgrupper", "Kommuner"}


def test_a_reload_after_an_incomplete_send_does_not_list_the_example_twice(signed_in, taxonomy):
    data = form_data(taxonomy, description="")
    response = signed_in.post(SUBMIT, data, follow=True)
    signed_in.get(response.redirect_chain[-1][0])  # the reload
    mine = signed_in.get(reverse("initiatives:mine"))
    assert len(mine.context["initiatives"]) == 1


def test_new_organisations_are_created_unconfirmed(signed_in, taxonomy):
    data = form_data(
        taxonomy,
        lead_organisation=None,
        new_lead_organisation="Lejre Lektiecafé",
        new_partner_organisations="Ungdomsskolen Lejre\n\nFOF Lejre",
    )
    signed_in.post(SUBMIT, data)
    initiative = Initiative.objects.get()
    assert initiative.lead_organisation.name == "Lejre Lektiecafé"
    assert sorted(o.name for o in initiative.partner_organisations.all()) == [
        "FOF Lejre",
        "Ungdomsskolen Lejre",
    ]
    assert not Organisation.objects.filter(name="FOF Lejre").get().confirmed


def test_links_and_attachments_are_saved_under_unguessable_names(signed_in, taxonomy):
    data = form_data(
        taxonomy,
        **{
            "links-0-title": "Kommunens side",
            "links-0-url": "https://roskilde.example/lektiecafe",
            "attachments-0-title": "Folder",
            "attachments-0-licence": "cc-by-4.0",
            "attachments-0-file": SimpleUploadedFile("folder.pdf", PDF),
            "attachments-1-title": "Aftale",
            "attachments-1-licence": "cc-by-4.0",
            "attachments-1-file": SimpleUploadedFile("aftale.docx", docx()),
        },
    )
    assert signed_in.post(SUBMIT, data).status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.links.get().url == "https://roskilde.example/lektiecafe"
    names = sorted(a.file.name for a in initiative.attachments.all())
    assert all(name.startswith("attachments/") and len(name) > 40 for name in names)
    assert sorted(name.rsplit(".", 1)[1] for name in names) == ["docx", "pdf"]
    assert "folder" not in "".join(names)


def test_an_attachment_is_stored_under_the_type_its_content_proves(signed_in, taxonomy):
    data = form_data(
        taxonomy,
        **{
            "attachments-0-title": "Billede",
            "attachments-0-licence": "cc-by-4.0",
            "attachments-0-file": SimpleUploadedFile("billede.html", PNG),
        },
    )
    signed_in.post(SUBMIT, data)
    assert Attachment.objects.get().file.name.endswith(".png")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.pdf", b"MZ\x90\x00 this is an executable"),
        ("side.pdf", b"<html><script>alert(1)</script></html>"),
        ("tom.pdf", b""),
        ("arkiv.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_an_attachment_whose_content_is_not_accepted_is_refused(signed_in, taxonomy, name, content):
    data = form_data(
        taxonomy,
        **{
            "attachments-0-title": "Fil",
            "attachments-0-licence": "cc-by-4.0",
            "attachments-0-file": SimpleUploadedFile(name, content),
        },
    )
    response = signed_in.post(SUBMIT, data)
    assert response.status_code == 200
    assert response.context["attachments"].forms[0].errors
    assert not Initiative.objects.exists()


def test_an_attachment_over_the_size_limit_is_refused(signed_in, taxonomy, settings):
    from initiatives import uploads

    big = PDF + b"0" * (uploads.MAX_SIZE + 1)
    data = form_data(
        taxonomy,
        **{
            "attachments-0-title": "Stor fil",
            "attachments-0-licence": "cc-by-4.0",
            "attachments-0-file": SimpleUploadedFile("stor.pdf", big),
        },
    )
    response = signed_in.post(SUBMIT, data)
    assert "10" in str(response.context["attachments"].forms[0].errors["file"])
    assert not Initiative.objects.exists()


# Validation never loses what was typed


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("summary", ""),
        ("category", ""),
        ("contact_email", "ikke-en-adresse"),
        ("evaluation_url", "ikke en adresse"),
        ("start_date", "2020-13-45"),
        ("end_date", "2019-01-01"),
    ],
)
def test_each_error_is_shown_by_its_field_and_keeps_the_rest(signed_in, taxonomy, field, value):
    data = form_data(taxonomy, **{"start_date": "2020-05-01", field: value})
    response = signed_in.post(SUBMIT, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    anchors = [anchor for _label, _message, anchor in response.context["error_summary"]]
    assert f"id_{field}" in anchors
    for kept in ["summary", "description", "contact_name"]:
        if kept != field:
            assert form[kept].value() == data[kept]
    assert form["target_groups"].value() == [str(taxonomy["group"].pk)]
    assert not Initiative.objects.exists()


def test_chosen_files_are_named_as_lost_when_the_form_fails(signed_in, taxonomy):
    data = form_data(
        taxonomy,
        title="",
        **{
            "attachments-0-title": "Folder",
            "attachments-0-licence": "cc-by-4.0",
            "attachments-0-file": SimpleUploadedFile("folder.pdf", PDF),
        },
    )
    response = signed_in.post(SUBMIT, data)
    assert response.context["files_lost"]
    assert response.context["attachments"].forms[0]["title"].value() == "Folder"


def test_the_error_summary_links_to_each_field(signed_in, taxonomy):
    response = signed_in.post(SUBMIT, form_data(taxonomy, title="", contact_email="x"))
    anchors = [anchor for _label, _message, anchor in response.context["error_summary"]]
    assert anchors == ["id_title", "id_contact_email"]
    assert 'href="#id_title"' in response.text


def test_the_honeypot_stops_a_bot_and_saves_nothing(signed_in, taxonomy):
    response = signed_in.post(SUBMIT, form_data(taxonomy, website="http://spam.example"))
    assert response.status_code == 200
    assert not Initiative.objects.exists()


def test_a_near_duplicate_is_pointed_out_before_sending(signed_in, taxonomy):
    existing = InitiativeFactory(
        title="Lektiecafé på biblioteket",
        summary="Frivillige hjælper børn med lektier.",
        published=True,
    )
    response = signed_in.post(SUBMIT, form_data(taxonomy))
    assert response.status_code == 200
    assert response.context["form"].duplicates == [existing]
    assert existing.get_absolute_url() in response.text
    assert not Initiative.objects.exclude(pk=existing.pk).exists()


def test_a_near_duplicate_can_be_sent_when_the_contributor_says_it_is_different(
    signed_in, taxonomy
):
    InitiativeFactory(title="Lektiecafé på biblioteket", published=True)
    response = signed_in.post(SUBMIT, form_data(taxonomy, not_a_duplicate="on"))
    assert response.status_code == 302
    assert Initiative.objects.filter(state=State.SUBMITTED).count() == 1


def test_a_different_title_gets_no_duplicate_hint(signed_in, taxonomy):
    InitiativeFactory(title="Bogbus i Vestjylland", summary="En bus med bøger.", published=True)
    assert signed_in.post(SUBMIT, form_data(taxonomy)).status_code == 302


# Editing and the round-trip


def test_the_submitter_edits_a_draft(signed_in, taxonomy, verified_user):
    draft = InitiativeFactory(submitted_by=verified_user, title="Gammel titel")
    url = reverse("initiatives:edit", kwargs={"slug": draft.slug})
    response = signed_in.post(url, form_data(taxonomy, title="Ny titel", action="draft"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Ny titel"


def test_changes_requested_edit_and_send_again(
    signed_in, taxonomy, verified_user, curator, django_capture_on_commit_callbacks
):
    signed_in.post(SUBMIT, form_data(taxonomy))
    initiative = Initiative.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        from initiatives import services

        services.moderate(initiative, step="request_changes", by=curator, note="Tilføj økonomi.")
    assert "Tilføj økonomi." in mail.outbox[-1].body
    edit = signed_in.get(reverse("initiatives:edit", kwargs={"slug": initiative.slug}))
    assert "Tilføj økonomi." in edit.text
    url = reverse("initiatives:edit", kwargs={"slug": initiative.slug})
    signed_in.post(url, form_data(taxonomy, costs="To timer om ugen."))
    initiative.refresh_from_db()
    assert (initiative.state, initiative.costs) == (State.SUBMITTED, "To timer om ugen.")


def test_my_examples_lists_state_last_change_and_the_curators_note(signed_in, verified_user):
    InitiativeFactory(
        submitted_by=verified_user,
        title="Sendt tilbage",
        state=State.CHANGES_REQUESTED,
        moderation_note="Beskriv målgruppen.",
    )
    InitiativeFactory(submitted_by=verified_user, title="Udgivet", published=True)
    InitiativeFactory(title="En andens")
    response = signed_in.get(reverse("initiatives:mine"))
    text = response.text
    assert "Sendt tilbage" in text and "Beskriv målgruppen." in text
    assert "Udgivet" in text and "En andens" not in text
    published = Initiative.objects.get(title="Udgivet")
    assert f'href="{published.get_absolute_url()}"' in text


# E-mails to the submitter on each review


@pytest.mark.parametrize(
    ("transition", "note", "words"),
    [
        ("publish", "", "udgivet"),
        ("request_changes", "Tilføj økonomi.", "Tilføj økonomi."),
        ("reject", "Hører ikke hjemme her.", "Hører ikke hjemme her."),
    ],
)
def test_the_submitter_gets_a_danish_e_mail_with_a_link_on_each_review(
    curator, verified_user, django_capture_on_commit_callbacks, transition, note, words
):
    from initiatives import services

    initiative = InitiativeFactory(submitted=True, submitted_by=verified_user, title="Bogtur")
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(initiative, step=transition, by=curator, note=note)
    (message,) = mail.outbox
    assert message.to == [verified_user.email]
    assert "Bogtur" in message.subject
    assert words in message.subject + message.body
    assert "http://" in message.body


def test_archiving_sends_no_e_mail(curator, django_capture_on_commit_callbacks):
    from initiatives import services

    initiative = InitiativeFactory(published=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(initiative, step="archive", by=curator)
    assert mail.outbox == []


def test_a_half_filled_link_row_says_what_it_lacks(signed_in, taxonomy):
    data = form_data(taxonomy, **{"links-0-url": "https://roskilde.example"})
    response = signed_in.post(SUBMIT, data)
    assert "title" in response.context["links"].forms[0].errors
    assert not Initiative.objects.exists()


def test_an_attachment_row_with_a_title_but_no_file_says_so(signed_in, taxonomy):
    data = form_data(taxonomy, **{"attachments-0-title": "Folder"})
    response = signed_in.post(SUBMIT, data)
    assert "file" in response.context["attachments"].forms[0].errors


def test_saving_a_draft_again_keeps_an_organisation_that_waits_for_confirmation(
    signed_in, taxonomy, verified_user
):
    signed_in.post(
        SUBMIT,
        form_data(
            taxonomy, action="draft", lead_organisation=None, new_lead_organisation="Ny Forening"
        ),
    )
    draft = Initiative.objects.get()
    edit = reverse("initiatives:edit", kwargs={"slug": draft.slug})
    lead = draft.lead_organisation
    assert not lead.confirmed
    assert signed_in.get(edit).context["form"]["lead_organisation"].value() == lead.pk
    signed_in.post(edit, form_data(taxonomy, action="draft", lead_organisation=lead.pk))
    draft.refresh_from_db()
    assert draft.lead_organisation == lead


def test_files_saved_with_an_incomplete_send_are_not_called_lost(signed_in, taxonomy):
    data = form_data(
        taxonomy,
        description="",
        **{
            "attachments-0-title": "Folder",
            "attachments-0-file": SimpleUploadedFile("folder.pdf", PDF),
        },
    )
    response = signed_in.post(SUBMIT, data, follow=True)
    assert not response.context["files_lost"]
    assert Attachment.objects.get().title == "Folder"


def test_a_refused_file_gets_one_error_naming_its_row(signed_in, taxonomy):
    data = form_data(
        taxonomy,
        **{
            "attachments-1-title": "Folder",
            "attachments-1-file": SimpleUploadedFile("folder.pdf", b"<html></html>"),
        },
    )
    response = signed_in.post(SUBMIT, data)
    errors = response.context["attachments"].forms[1].errors["file"]
    assert len(errors) == 1
    [(label, _message, anchor)] = response.context["error_summary"]
    assert label == "Bilag 2, fil"
    assert anchor == "id_attachments-1-file"


# The search document follows a submission


def test_a_new_lead_organisation_is_in_the_search_document(
    signed_in, taxonomy, django_capture_on_commit_callbacks
):
    data = form_data(taxonomy, lead_organisation="", new_lead_organisation="Fanø Læsehus")
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(SUBMIT, data)
    assert "fanø læsehus" in Initiative.objects.get().search_text


def test_a_submission_rebuilds_the_search_document_once(
    signed_in, taxonomy, django_capture_on_commit_callbacks, monkeypatch
):
    from initiatives import search

    rebuilt = []
    monkeypatch.setattr(search, "rebuild", lambda pks: rebuilt.append(list(pks)))
    data = form_data(
        taxonomy, new_partner_organisations="Ældre Sagen Fanø", new_lead_organisation=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(SUBMIT, data)
    assert rebuilt == [[Initiative.objects.get().pk]]
