import datetime

import factory
from django.utils import timezone

from accounts.models import User
from adoptions.models import Adoption
from initiatives import search
from initiatives.knowledge import DIMENSIONS, Level
from initiatives.models import Attachment, Category, Initiative, Link, SynonymGroup, TargetGroup
from partnerships.models import Meeting, Membership, Municipality, Organisation, Partnership


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    email = factory.Sequence(lambda n: f"bruger{n}@bibliotek.example")
    first_name = "Karen"
    last_name = factory.Sequence(lambda n: f"Bibliotekar {n}")
    password = factory.django.Password("hemmeligt-kodeord-42")


def with_second_factor(user):
    """Give `user` an authenticator app, as staff must have before the admin; return its secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret):
    """The six digits the authenticator app shows now."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def complete_draft(**kwargs):
    """A draft with everything a curator needs, ready to be sent for review."""
    kwargs = {
        "nationwide": True,
        "contact_email": "kontakt@bibliotek.example",
        "how_to_start": "Find to frivillige og et lokale.",
        "cost_level": Initiative.CostLevel.FREE,
        # The knowledge declaration: C needs no justification.
        **{dimension.field: Level.C for dimension in DIMENSIONS},
        **kwargs,
    }
    draft = InitiativeFactory(**kwargs)
    draft.target_groups.add(TargetGroupFactory())
    return draft


def municipality(code):
    """The real municipality with this code (all 98 are loaded by a migration)."""
    return Municipality.objects.get(code=code)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Bibliotek nr. {n}")
    kind = Organisation.Kind.LIBRARY


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnerskab {n}")
    purpose = "At modvirke ensomhed blandt udsatte børn og unge."
    status = Partnership.Status.ACTIVE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Møde {n}")
    date = factory.LazyFunction(lambda: timezone.localdate())


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Kategori {n}")


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Målgruppe {n}")


class SynonymGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SynonymGroup

    words = factory.Sequence(lambda n: f"ord{n}, glose{n}")


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Læseklub {n}")
    summary = "Biblioteket samler ensomme ældre om en bog hver måned."
    description = "Vi mødes, læser og taler sammen."
    format = Initiative.Format.PHYSICAL
    status = Initiative.Status.RUNNING
    category = factory.SubFactory(CategoryFactory)
    lead_organisation = factory.SubFactory(OrganisationFactory)
    submitted_by = factory.SubFactory(UserFactory)

    class Params:
        submitted = factory.Trait(
            state=Initiative.State.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )
        published = factory.Trait(
            state=Initiative.State.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)

    @factory.post_generation
    def partner_organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_organisations.set(extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # The portal rebuilds the search document after commit, and a test's
        # transaction never commits: build it now, relations included.
        if create:
            search.rebuild([instance.pk])


class LinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Link

    initiative = factory.SubFactory(InitiativeFactory)
    title = "Mere om projektet"
    url = "https://example.org/projekt"


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    initiative = factory.SubFactory(InitiativeFactory)
    title = "Folder"
    file = factory.django.FileField(filename="folder.pdf", data=b"%PDF-1.4\n%%EOF\n")


class AdoptionFactory(factory.django.DjangoModelFactory):
    """A published adoption in Skive of a published example; the spread follows by signal."""

    class Meta:
        model = Adoption

    initiative = factory.SubFactory(InitiativeFactory, published=True)
    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.LazyFunction(lambda: municipality("779"))
    started = datetime.date(2025, 9, 1)
    adaptation = "Vi kører det med frivillige fra læseklubben i stedet for personale."
    submitted_by = factory.SubFactory(UserFactory)
    submitted_at = factory.LazyFunction(timezone.now)
    state = Adoption.State.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        submitted = factory.Trait(state=Adoption.State.SUBMITTED, published_at=None)
        nationwide_spread = factory.Trait(nationwide=True, municipality=None)
