"""What the API says about each thing: only what anonymous visitors see on its page.

Field names are part of the interface: scripts are written against them, so
they are never renamed, only added to. A field of an example has its name in
the model and in the CSV and JSON exports (opendata/exports.py); related
things are objects with their slug (or code), `url` is a record's address in
the API and `html_url` its page on the portal. A value that is not given is
null, never "", so that a script has one thing to test for.

Nothing personal is here, nor read: no contact person, submitter, curator or
e-mail address (accounts/privacy.py), not even an organisation's public one.
"""

from urllib.parse import urlencode

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from initiatives import knowledge
from initiatives.models import Attachment, Initiative
from opendata import licence
from partnerships.models import Membership, Organisation, Partnership, Region


class Code(serializers.ChoiceField):
    """A choice's stable code; null where none is chosen (if it can be left out)."""

    def __init__(self, choices, *, allow_null=True, **kwargs):
        super().__init__(choices, read_only=True, allow_null=allow_null, **kwargs)

    def to_representation(self, value):
        return value or None


class Text(serializers.CharField):
    """Text that may be left empty: null then."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


class SiteAddress(serializers.URLField):
    """The thing's page on the portal, absolute: the canonical address to link to."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The page on the portal (absolute URL).")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return settings.SITE_URL + value.get_absolute_url()


class ApiAddress(serializers.URLField):
    """The thing in this API, absolute."""

    def __init__(self, view_name, lookup="slug", **kwargs):
        self.view_name, self.lookup = view_name, lookup
        kwargs.setdefault("help_text", "This record in the API (absolute URL).")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return reverse(
            self.view_name,
            kwargs={self.lookup: getattr(value, self.lookup)},
            request=self.context.get("request"),
        )


class ExamplesAddress(serializers.URLField):
    """The examples list in this API filtered to this thing, e.g. ?category=<slug>."""

    view_name = "api:example-list"

    def __init__(self, parameter, attribute="slug", **kwargs):
        self.parameter, self.attribute = parameter, attribute
        kwargs.setdefault(
            "help_text", f"The published examples with this {parameter} (absolute URL)."
        )
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        query = urlencode({self.parameter: getattr(value, self.attribute)})
        return reverse(self.view_name, request=self.context.get("request")) + "?" + query


class AdoptionsAddress(ExamplesAddress):
    """The adoptions list in this API filtered to this thing, e.g. ?example=<slug>."""

    view_name = "api:adoption-list"

    def __init__(self, parameter, attribute="slug", **kwargs):
        kwargs.setdefault(
            "help_text", f"The published adoptions of this {parameter} (absolute URL)."
        )
        super().__init__(parameter, attribute, **kwargs)


class LicenceSerializer(serializers.Serializer):
    """The portal's one licence for what its contributors wrote (opendata/licence.py)."""

    name = serializers.CharField(read_only=True)
    url = serializers.URLField(read_only=True)

    def to_representation(self, instance):
        return {"name": licence.NAME, "url": licence.URL}


# References: what a record says about the things it points to.


class TermSerializer(serializers.Serializer):
    """A category or target group as a record names it."""

    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True, help_text="The name in Danish.")
    name_en = Text(help_text="The name in English, where the curators gave one.")


class MunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True, help_text="The official three-digit code.")
    name = serializers.CharField(read_only=True)
    region = Code(Region.choices, allow_null=False)


class OrganisationRefSerializer(serializers.Serializer):
    """An organisation as a record names it.

    One that no curator has confirmed yet has no page, so it is given by name only
    (slug and addresses null), as the example's page shows it.
    """

    slug = serializers.SlugField(read_only=True, allow_null=True)
    name = serializers.CharField(read_only=True)
    url = serializers.URLField(read_only=True, allow_null=True)
    html_url = serializers.URLField(read_only=True, allow_null=True)

    def to_representation(self, instance):
        if not instance.confirmed:
            return {"slug": None, "name": instance.name, "url": None, "html_url": None}
        return {
            "slug": instance.slug,
            "name": instance.name,
            "url": reverse(
                "api:organisation-detail",
                kwargs={"slug": instance.slug},
                request=self.context.get("request"),
            ),
            "html_url": settings.SITE_URL + instance.get_absolute_url(),
        }


class PartnershipRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = ApiAddress("api:partnership-detail")
    html_url = SiteAddress()


# Examples


class LinkSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True, help_text="The web address.")


class AttachmentSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    licence = Code(
        Attachment.Licence.choices,
        allow_null=False,
        help_text="The licence the file may be reused under.",
    )
    evaluation = serializers.BooleanField(
        read_only=True, help_text="Whether the file evaluates the example."
    )
    url = SiteAddress(help_text="Where the file is downloaded (absolute URL).")


LEVELS = (
    "A: documented and tested, B: documented, C: described in outline, D: not described; "
    "null: not assessed yet."
)


def _level(dimension):
    """How much is known of one of the five dimensions (initiatives/knowledge.py)."""
    return Code(
        knowledge.Level.choices, help_text=f"How much is known of the {dimension}. {LEVELS}"
    )


def _why():
    return Text(help_text="What the knowledge level rests on.")


class ExampleSummarySerializer(serializers.Serializer):
    """A good example as the list gives it; its detail has every public field."""

    slug = serializers.SlugField(read_only=True)
    url = ApiAddress("api:example-detail")
    html_url = SiteAddress()
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    category = TermSerializer(read_only=True)
    target_groups = TermSerializer(many=True, read_only=True)
    format = Code(Initiative.Format.choices)
    status = Code(Initiative.Status.choices, help_text="The example's lifecycle.")
    evidence = Code(Initiative.Evidence.choices, allow_null=False)
    cost_level = Code(
        Initiative.CostLevel.choices, help_text="What it costs beyond the staff's hours."
    )
    transferability = Code(
        Initiative.Transferability.choices,
        help_text="The curators' judgement of how well it runs elsewhere.",
    )
    uses_volunteers = serializers.BooleanField(read_only=True)
    nationwide = serializers.BooleanField(
        read_only=True, help_text="Runs, or can run, in the whole country."
    )
    municipalities = MunicipalitySerializer(many=True, read_only=True)
    lead_organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
    partnership = PartnershipRefSerializer(read_only=True, allow_null=True)
    published_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    known_target_group = _level("target group")
    known_method = _level("method")
    known_implementation = _level("implementation")
    known_effect = _level("effect")
    known_economy = _level("economy")


class SpreadSerializer(serializers.Serializer):
    """How far an example has spread: where others took it up (its published adoptions)."""

    reuse_count = serializers.IntegerField(
        read_only=True,
        help_text="How many times others have taken it up: its published adoptions, "
        "nationwide ones included.",
    )
    reused_in = MunicipalitySerializer(
        many=True,
        read_only=True,
        help_text="The municipalities where others have taken it up, in alphabetical order.",
    )
    adoptions_url = AdoptionsAddress("example", help_text="Its published adoptions (absolute URL).")


class ExampleSerializer(ExampleSummarySerializer):
    """Every public field of a good example, after the five dimensions of the Vidensportal."""

    description = Text(help_text="What is done, step by step (method).")
    start_date = serializers.DateField(read_only=True, allow_null=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)
    partner_organisations = OrganisationRefSerializer(many=True, read_only=True)
    # Effect
    evaluation_summary = Text()
    evaluation_url = Text(help_text="A link to the evaluation.")
    outcomes = Text()
    # Implementation and economy
    resources = Text(help_text="The resources needed.")
    how_to_start = Text(help_text="How to get started.")
    costs = Text(help_text="The money and staff hours it takes.")
    staff_hours = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Estimated staff hours a month while it runs."
    )
    # Transferability
    transfer_preconditions = Text(help_text="What must be in place before others can start.")
    transfer_adaptable = Text(help_text="What others can change to fit their place and people.")
    transfer_essential = Text(help_text="What the example does not work without.")
    transfer_pitfalls = Text(help_text="What went wrong, or nearly did, and how to avoid it.")
    links = LinkSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    known_target_group_why = _why()
    known_method_why = _why()
    known_implementation_why = _why()
    known_effect_why = _why()
    known_economy_why = _why()
    licence = LicenceSerializer(
        source="*", read_only=True, help_text="The licence the example's text is shared under."
    )
    spread = SpreadSerializer(
        source="*", read_only=True, help_text="Where others have taken the example up."
    )


# Organisations and partnerships


class OrganisationSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    url = ApiAddress("api:organisation-detail")
    html_url = SiteAddress()
    name = serializers.CharField(read_only=True)
    kind = Code(Organisation.Kind.choices, allow_null=False)
    municipality = MunicipalitySerializer(read_only=True, allow_null=True)
    website = Text()
    examples_url = ExamplesAddress("organisation", help_text="The examples it leads or joins.")
    adoptions_url = AdoptionsAddress(
        "organisation", help_text="The examples it has taken up from others (absolute URL)."
    )


class OrganisationMembershipSerializer(serializers.Serializer):
    partnership = PartnershipRefSerializer(read_only=True)
    role = Code(Membership.Role.choices, allow_null=False)
    joined = serializers.DateField(read_only=True, allow_null=True)


class OrganisationDetailSerializer(OrganisationSerializer):
    description = Text()
    partnerships = OrganisationMembershipSerializer(source="memberships", many=True, read_only=True)


class PartnershipSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    url = ApiAddress("api:partnership-detail")
    html_url = SiteAddress()
    name = serializers.CharField(read_only=True)
    purpose = serializers.CharField(read_only=True)
    status = Code(Partnership.Status.choices, allow_null=False)
    start_date = serializers.DateField(read_only=True, allow_null=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)
    website = Text()
    examples_url = ExamplesAddress("partnership")


class MemberSerializer(serializers.Serializer):
    organisation = OrganisationRefSerializer(read_only=True)
    role = Code(Membership.Role.choices, allow_null=False)
    joined = serializers.DateField(read_only=True, allow_null=True)


class MeetingSerializer(serializers.Serializer):
    date = serializers.DateField(read_only=True, allow_null=True)
    title = serializers.CharField(read_only=True)
    summary = Text()


class PartnershipDetailSerializer(PartnershipSerializer):
    description = Text()
    basis = Text(help_text="What the partnership rests on, e.g. a political agreement.")
    goals = serializers.ListField(
        source="goal_list",
        child=serializers.CharField(),
        read_only=True,
        help_text="Goals and deliverables, one item each.",
    )
    members = MemberSerializer(source="public_members", many=True, read_only=True)
    meetings = MeetingSerializer(many=True, read_only=True)


# The taxonomy


class CategorySerializer(TermSerializer):
    description = Text()
    examples_url = ExamplesAddress("category")


class TargetGroupSerializer(TermSerializer):
    examples_url = ExamplesAddress("target_group")


class MunicipalityListSerializer(MunicipalitySerializer):
    examples_url = ExamplesAddress(
        "municipality",
        attribute="code",
        help_text="The examples in this municipality, the nationwide ones included.",
    )
    adoptions_url = AdoptionsAddress(
        "municipality",
        attribute="code",
        help_text="The adoptions in this municipality, not the nationwide ones (absolute URL).",
    )


# Adoptions


class ExampleRefSerializer(serializers.Serializer):
    """A good example as an adoption names it."""

    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)
    url = ApiAddress("api:example-detail")
    html_url = SiteAddress()


@extend_schema_field({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "example": "2025-09"})
class Month(serializers.CharField):
    """A date of which only the month counts, as YYYY-MM."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value.strftime("%Y-%m")


class AdoptionFileAddress(serializers.URLField):
    """Where an adoption's file is downloaded, absolute."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Where the file is downloaded (absolute URL).")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return settings.SITE_URL + reverse("adoptions:attachment", kwargs={"pk": value.pk})


class SharedAttachmentSerializer(serializers.Serializer):
    """The file an adoption shares, if its licence lets others reuse it; null otherwise."""

    title = Text(source="attachment_title")
    licence = Code(
        Attachment.Licence.choices,
        source="attachment_licence",
        allow_null=False,
        help_text="The licence the file may be reused under.",
    )
    url = AdoptionFileAddress()

    def to_representation(self, instance):
        if not instance.shares_attachment:
            return None
        return super().to_representation(instance)


class AdoptionSerializer(serializers.Serializer):
    """An organisation that took up a published example: where, since when and how.

    Nothing about who told it or who published it.
    """

    id = serializers.IntegerField(read_only=True)
    url = ApiAddress("api:adoption-detail", lookup="pk")
    html_url = SiteAddress(help_text="The adoption on the example's page (absolute URL).")
    example = ExampleRefSerializer(source="initiative", read_only=True)
    organisation = OrganisationRefSerializer(read_only=True)
    municipality = MunicipalitySerializer(
        read_only=True, allow_null=True, help_text="Where it runs; null if nationwide."
    )
    nationwide = serializers.BooleanField(read_only=True)
    started = Month(help_text="The month it started, as YYYY-MM.")
    adaptation = serializers.CharField(
        read_only=True,
        help_text="What they changed to fit their place and people, and what they kept.",
    )
    result = Text(help_text="What came of it.")
    link = Text(source="url", help_text="A page about it, if there is one.")
    attachment = SharedAttachmentSerializer(source="*", read_only=True, allow_null=True)
    published_at = serializers.DateTimeField(read_only=True)


class AdoptionDetailSerializer(AdoptionSerializer):
    licence = LicenceSerializer(
        source="*", read_only=True, help_text="The licence the adoption's text is shared under."
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)


class RootSerializer(serializers.Serializer):
    """Where everything in the API is (absolute URLs)."""

    examples = serializers.URLField(read_only=True)
    organisations = serializers.URLField(read_only=True)
    partnerships = serializers.URLField(read_only=True)
    categories = serializers.URLField(read_only=True)
    target_groups = serializers.URLField(read_only=True)
    municipalities = serializers.URLField(read_only=True)
    adoptions = serializers.URLField(read_only=True)
    openapi = serializers.URLField(read_only=True, help_text="The OpenAPI 3 description.")
    docs = serializers.URLField(read_only=True, help_text="The documentation to try it in.")

    VIEWS = {
        "examples": "api:example-list",
        "organisations": "api:organisation-list",
        "partnerships": "api:partnership-list",
        "categories": "api:category-list",
        "target_groups": "api:target-group-list",
        "municipalities": "api:municipality-list",
        "adoptions": "api:adoption-list",
        "openapi": "api:openapi",
        "docs": "api:docs",
    }

    def to_representation(self, instance):
        request = self.context.get("request")
        return {name: reverse(view, request=request) for name, view in self.VIEWS.items()}
