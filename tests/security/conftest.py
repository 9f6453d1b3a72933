import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from adoptions.models import Adoption
from tests.factories import (
    AdoptionFactory,
    AttachmentFactory,
    CategoryFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    TargetGroupFactory,
    UserFactory,
    complete_draft,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def people(verified_user, curator, superuser):
    """Everyone the access rules tell apart, each with a verified e-mail address."""
    other = UserFactory(email="anden.bidragyder@bibliotek.example")
    for user in (other, curator, superuser):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return {
        "anonymous": None,
        "contributor": verified_user,
        "other": other,
        "curator": curator,
        "superuser": superuser,
    }


@pytest.fixture
def client_for(people):
    """A test client signed in as one of `people` (or anonymous)."""

    def make(who, **kwargs):
        client = Client(**kwargs)
        if people[who] is not None:
            client.force_login(people[who])
        return client

    return make


@pytest.fixture
def world(people):
    """The contributor's published example and their draft, each with a file, and their context."""
    contributor = people["contributor"]
    published = InitiativeFactory(
        published=True,
        submitted_by=contributor,
        title="Offentlig læseklub",
        contact_name="Kontakt Personsen",
        contact_email="kontakt.person@roskilde.example",
        target_groups=[TargetGroupFactory()],
    )
    membership = MembershipFactory(organisation=published.lead_organisation)
    published.partnership = membership.partnership
    published.save()
    draft = complete_draft(submitted_by=contributor, title="Hemmelig kladde")
    adoption = {  # the contributor's, of the published example, each with a file
        "published": AdoptionFactory(
            initiative=published,
            submitted_by=contributor,
            attachment=SimpleUploadedFile("c.pdf", PDF),
            attachment_title="Plakat",
        ),
        "sent back": AdoptionFactory(
            initiative=published,
            submitted_by=contributor,
            state=Adoption.State.CHANGES_REQUESTED,
            published_at=None,
            moderation_note="Skriv hvornår I startede.",
            attachment=SimpleUploadedFile("d.pdf", PDF),
            attachment_title="Aftale",
        ),
    }
    return {
        "adoption": adoption,
        "published": published,
        "draft": draft,
        "attachment": {
            "published": AttachmentFactory(
                initiative=published, file=SimpleUploadedFile("a.pdf", PDF)
            ),
            "draft": AttachmentFactory(initiative=draft, file=SimpleUploadedFile("b.pdf", PDF)),
        },
        "partnership": membership.partnership,
        "organisation": published.lead_organisation,
    }


@pytest.fixture
def taxonomy(db):
    """The category, target group and organisation the submission form chooses
    (as tests/initiatives/conftest.py, which is not visible from here)."""
    return {
        "category": CategoryFactory(name="Lektiehjælp og læring"),
        "group": TargetGroupFactory(name="Børnefamilier"),
        "organisation": OrganisationFactory(name="Roskilde Bibliotekerne"),
    }
