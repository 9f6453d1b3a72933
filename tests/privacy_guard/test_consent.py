"""The consent question: asked when an example for children or vulnerable adults has photos,
answered before it can be sent for review, and read by the curators."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives.models import Initiative, InvalidTransition
from tests.factories import AttachmentFactory, TargetGroupFactory, complete_draft
from tests.initiatives.test_submission import PNG, SUBMIT, form_data

pytestmark = pytest.mark.django_db

State = Initiative.State


@pytest.fixture
def signed_in(client, verified_user):
    client.force_login(verified_user)
    return client


@pytest.fixture
def children(taxonomy):
    taxonomy["group"].vulnerable = True
    taxonomy["group"].save()
    return taxonomy


def with_photo(**kwargs):
    return form_data(
        **kwargs,
        **{
            "attachments-0-title": "Billeder fra lektiecaféen",
            "attachments-0-file": SimpleUploadedFile("lektiecafe.png", PNG),
        },
    )


def test_photos_of_a_vulnerable_group_need_an_answer_before_review(signed_in, children):
    response = signed_in.post(SUBMIT, with_photo(taxonomy=children), follow=True)

    example = Initiative.objects.get()
    assert example.state == State.DRAFT
    assert list(example.missing_for_review()) == ["photo_consent"]
    assert response.context["consent_field"] is not None
    assert 'id="id_photo_consent_0"' in response.text
    assert any(anchor == "id_photo_consent_0" for *_, anchor in response.context["missing"])


def test_the_answer_is_saved_and_the_example_can_be_sent(signed_in, children):
    signed_in.post(SUBMIT, with_photo(taxonomy=children))
    example = Initiative.objects.get()
    photo = example.attachments.get()
    data = form_data(
        children,
        photo_consent="yes",
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": photo.pk,
            "attachments-0-initiative": example.pk,
            "attachments-0-title": photo.title,
            "links-TOTAL_FORMS": "0",
        },
    )
    signed_in.post(reverse("initiatives:edit", kwargs={"slug": example.slug}), data)

    example.refresh_from_db()
    assert example.photo_consent == Initiative.PhotoConsent.YES
    assert example.state == State.SUBMITTED


def test_no_question_without_photos(signed_in, children):
    response = signed_in.post(SUBMIT, form_data(children), follow=True)
    assert Initiative.objects.get().state == State.SUBMITTED
    assert response.status_code == 200


def test_no_question_when_no_target_group_is_vulnerable(signed_in, taxonomy):
    signed_in.post(SUBMIT, with_photo(taxonomy=taxonomy))
    assert Initiative.objects.get().state == State.SUBMITTED


def test_a_pdf_is_no_photo():
    example = complete_draft(target_groups=[TargetGroupFactory(vulnerable=True)])
    AttachmentFactory(initiative=example)
    assert not example.needs_photo_consent()


def test_sending_without_the_answer_is_refused_by_the_workflow_itself(contributor):
    example = complete_draft()
    example.target_groups.add(TargetGroupFactory(vulnerable=True))
    AttachmentFactory(
        initiative=example, file=SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff" + b"0" * 20)
    )
    with pytest.raises(InvalidTransition):
        example.submit(by=contributor)


def test_the_curator_reads_the_answer_on_the_change_page(client, curator):
    example = complete_draft(photo_consent=Initiative.PhotoConsent.NOT_RECOGNISABLE)
    client.force_login(curator)
    response = client.get(reverse("admin:initiatives_initiative_change", args=[example.pk]))
    assert str(example.get_photo_consent_display()) in response.text
