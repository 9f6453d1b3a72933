"""The read-only API under /api/v1/: published examples and their adoptions, organisations,
partnerships, taxonomy.

Django REST framework's classes, not the house's function views: its
viewsets, paginator and throttle are what drf-spectacular reads to describe
the API in OpenAPI. The examples list reads its parameters with the list
page's Listing, so an address gives the same examples in the same order as
the page with the same parameters.

Everything is public and read-only: no session is read, no cookie is
needed, any site may call it from a browser (CORS), and each client address
gets API_THROTTLE_RATE requests.
"""

import re

from django.conf import settings
from django.db.models import Prefetch
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions, generics, mixins, pagination, viewsets
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from adoptions.models import Adoption
from initiatives.filters import SORTS, InitiativeFilter, MultipleFilter
from initiatives.listing import Listing
from initiatives.models import Category, Initiative, TargetGroup
from opendata import serializers as api
from partnerships.models import Membership, Municipality, Organisation, Partnership

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# What the list page's filters mean, for the OpenAPI description; the names and
# the allowed values come from InitiativeFilter itself.
FILTER_HELP = {
    "category": "Category slug (/api/v1/categories/).",
    "target_group": "Target group slug (/api/v1/target-groups/).",
    "region": "Region; nationwide examples are in every region.",
    "municipality": "Three-digit municipality code (/api/v1/municipalities/); "
    "nationwide examples are in every municipality.",
    "format": "Format.",
    "status": "Lifecycle status.",
    "evidence": "Evidence level.",
    "known": "How much is known: <dimension>:<level> means that level or a better one "
    "(A best). Choices for one dimension are alternatives; different dimensions must all hold.",
    "transfer": "Transferability, as the curators judge it.",
    "cost": "Cost level beyond the staff's hours.",
    "volunteers": "With or without volunteers.",
    "partnership": "Partnership slug (/api/v1/partnerships/).",
    "organisation": "Organisation slug (/api/v1/organisations/): examples it leads or joins.",
}


class ClientRateThrottle(AnonRateThrottle):
    """AnonRateThrottle (per client address) at the rate the settings give now.

    DRF copies the rates when it is first imported, so a rate changed later (by
    a test) would not apply.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class ApiSchema(AutoSchema):
    """drf-spectacular's schema, with the errors every operation can answer."""

    def get_response_serializers(self):
        found = super().get_response_serializers()
        return {
            200: found,
            404: OpenApiResponse(api.ErrorSerializer, description="No such record or page."),
            429: OpenApiResponse(
                api.ErrorSerializer,
                description="Too many requests from this client; try again after Retry-After.",
            ),
        }


class ListingSchema(ApiSchema):
    """The examples list's parameters, read from the list page's filterset when asked for."""

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self.view.action == "list":
            parameters = [*parameters, *listing_parameters()]
        return parameters


def listing_parameters():
    """The examples list page's GET parameters, described from its filterset."""
    parameters = [
        OpenApiParameter(
            "q", str, description="Free-text search, as on the list page (up to 200 characters)."
        )
    ]
    for name, flt in InitiativeFilter.base_filters.items():
        choices = flt.extra.get("choices")
        if callable(choices):
            choices = choices()
        many = isinstance(flt, MultipleFilter)
        parameters.append(
            OpenApiParameter(
                name,
                str,
                many=many,
                explode=True if many else None,
                enum=[str(value) for value, _label in choices] if choices else None,
                description=FILTER_HELP.get(name, "")
                + (" Repeat it for several." if many else "")
                + " Unknown values are ignored and named in `notices`.",
            )
        )
    parameters.append(
        OpenApiParameter(
            "sort",
            str,
            enum=list(SORTS),
            description="Order: newest first by default, best match first when searching.",
        )
    )
    return parameters


class Pagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ListingPagination(Pagination):
    """The page, with a sentence for each parameter that was not understood."""

    def get_paginated_response(self, data, notices=()):
        response = super().get_paginated_response(data)
        results = response.data.pop("results")
        response.data["notices"] = [str(notice) for notice in notices]
        response.data["results"] = results
        return response

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["properties"] = {
            **{k: v for k, v in described["properties"].items() if k != "results"},
            "notices": {
                "type": "array",
                "items": {"type": "string"},
                "description": "A sentence (in Danish) for each parameter value that was not "
                "understood and so ignored.",
            },
            "results": described["properties"]["results"],
        }
        described["required"] = [*described["required"], "notices"]
        return described


class BrowsableAPI(BrowsableAPIRenderer):
    """DRF's HTML pages of the API, without the inline style the CSP refuses.

    That style colours code in Markdown descriptions, which this API has none of.
    """

    def get_context(self, data, accepted_media_type, renderer_context):
        context = super().get_context(data, accepted_media_type, renderer_context)
        context["code_style"] = None
        return context


# JSON first: it is what a client gets unless it asks for HTML, as browsers do.
RENDERERS = [JSONRenderer, BrowsableAPI]


class OpenData:
    """What every view of the API shares: anonymous, throttled, readable from any site.

    Its responses stay out of the portal's page cache, which keys a page by its
    address alone: here one address has a JSON and an HTML (browsable) answer,
    told apart by the Accept header. Shared caches in front may keep them for
    PUBLIC_CACHE_SECONDS, as they honour Vary: Accept.
    """

    authentication_classes = []
    throttle_classes = [ClientRateThrottle]
    schema = ApiSchema()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return open_to_all(request, response)


def open_to_all(request, response):
    """CORS for every site, and caching for shared caches only (see OpenData)."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "Retry-After"
    if request.method == "OPTIONS":
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
        response["Access-Control-Max-Age"] = "86400"
    if request.method in {"GET", "HEAD"} and response.status_code == 200:
        # Not "public": the page cache keeps only responses that say so.
        patch_cache_control(response, max_age=0, s_maxage=settings.PUBLIC_CACHE_SECONDS)
    return response


class ListOnly(OpenData, mixins.ListModelMixin, viewsets.GenericViewSet):
    renderer_classes = RENDERERS
    pagination_class = Pagination


class ReadOnly(OpenData, viewsets.ReadOnlyModelViewSet):
    renderer_classes = RENDERERS
    pagination_class = Pagination
    lookup_field = "slug"
    lookup_value_converter = "slug"
    detail_serializer_class = None

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return self.serializer_class


class ExampleViewSet(ReadOnly):
    """Published good examples.

    The list takes the examples list page's parameters and gives the same
    examples in the same order; a search gives at most its 1000 newest matches,
    ranked. Several values of one filter: an example with any of them matches
    (the knowledge filter: any within a dimension); different filters must all
    match. The detail has every public field.
    """

    serializer_class = api.ExampleSummarySerializer
    detail_serializer_class = api.ExampleSerializer
    pagination_class = ListingPagination
    schema = ListingSchema()

    def list(self, request, *args, **kwargs):
        listing = Listing(request.query_params)
        page = self.paginate_queryset(examples_for_list(listing))
        data = self.get_serializer(page, many=True).data
        return self.paginator.get_paginated_response(data, notices=listing.notices)

    def get_queryset(self):
        return (
            Initiative.objects.published()
            .select_related("category", "lead_organisation", "partnership")
            .prefetch_related(
                "target_groups",
                "municipalities",
                "partner_organisations",
                "links",
                "attachments",
                "reused_in",
            )
            .defer(*UNREAD)
        )


# Never read for the API: personal data, moderation, and the search columns.
UNREAD = (
    "contact_name",
    "contact_email",
    "moderation_note",
    # What the privacy guard found is personal data itself, and for curators only.
    "privacy_warnings",
    "privacy_checked_note",
    "search_names",
    "search_text",
    "search_parts",
    "search_vector",
)
# What the list's rows read: no long texts.
LIST_FIELDS = (
    "slug",
    "title",
    "summary",
    "format",
    "status",
    "evidence",
    "cost_level",
    "transferability",
    "uses_volunteers",
    "nationwide",
    "published_at",
    "updated_at",
    "known_target_group",
    "known_method",
    "known_implementation",
    "known_effect",
    "known_economy",
    "category",
    "lead_organisation",
    "partnership",
)


def examples_for_list(listing):
    """The listing's examples (a search bounded as the list page bounds it), with their names."""
    return (
        listing.results()
        .select_related("category", "lead_organisation", "partnership")
        .prefetch_related("target_groups", "municipalities")
        .only(*LIST_FIELDS)
    )


class OrganisationViewSet(ReadOnly):
    """Organisations a curator has confirmed (the others have no public page).

    The list can be narrowed to one kind with `kind`; an unknown kind is ignored.
    """

    serializer_class = api.OrganisationSerializer
    detail_serializer_class = api.OrganisationDetailSerializer

    def get_queryset(self):
        organisations = Organisation.objects.confirmed().for_list().order_by("name", "pk")
        if self.action != "retrieve":
            return organisations
        memberships = Membership.objects.select_related("partnership")
        return organisations.prefetch_related(
            Prefetch("memberships", queryset=memberships.order_by("partnership__name"))
        )

    def filter_queryset(self, queryset):
        kind = self.request.query_params.get("kind", "")
        if self.action == "list" and kind in Organisation.Kind.values:
            return queryset.filter(kind=kind)
        return queryset

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "kind", str, enum=Organisation.Kind.values, description="Only this kind."
            )
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class PartnershipViewSet(ReadOnly):
    """Partnerships, with their confirmed members and their meetings."""

    serializer_class = api.PartnershipSerializer
    detail_serializer_class = api.PartnershipDetailSerializer

    def get_queryset(self):
        partnerships = Partnership.objects.order_by("name", "pk")
        if self.action != "retrieve":
            return partnerships
        members = (
            Membership.objects.filter(organisation__confirmed=True)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        return partnerships.prefetch_related(
            Prefetch("memberships", queryset=members, to_attr="public_members"), "meetings"
        )


class AdoptionViewSet(ReadOnly):
    """Published adoptions of published examples: who took up which example, where and how.

    Newest first. The list can be narrowed to one example, municipality or
    organisation; a value that names none gives an empty list.
    """

    serializer_class = api.AdoptionSerializer
    detail_serializer_class = api.AdoptionDetailSerializer
    lookup_field = "pk"
    lookup_value_converter = "int"

    def get_queryset(self):
        return (
            Adoption.objects.of_public_examples()
            .select_related("initiative", "organisation", "municipality")
            .only(*ADOPTION_FIELDS)
            .order_by("-published_at", "-pk")
        )

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        for parameter, (lookup, pattern) in ADOPTION_FILTERS.items():
            value = self.request.query_params.get(parameter, "")
            if not value:
                continue
            if not pattern.fullmatch(value):
                return queryset.none()
            queryset = queryset.filter(**{lookup: value})
        # An organisation no curator has confirmed has no public slug (OrganisationRefSerializer).
        if self.request.query_params.get("organisation"):
            queryset = queryset.filter(organisation__confirmed=True)
        return queryset

    @extend_schema(
        parameters=[
            OpenApiParameter("example", str, description="Example slug (/api/v1/examples/)."),
            OpenApiParameter(
                "municipality",
                str,
                description="Three-digit municipality code (/api/v1/municipalities/); "
                "nationwide adoptions are in no municipality.",
            ),
            OpenApiParameter(
                "organisation",
                str,
                description="Organisation slug (/api/v1/organisations/): what it took up.",
            ),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


# What an adoption in the API reads: never who sent it in or the curator's note.
ADOPTION_FIELDS = (
    "nationwide",
    "started",
    "adaptation",
    "result",
    "url",
    "attachment",
    "attachment_title",
    "attachment_licence",
    "published_at",
    "initiative__slug",
    "initiative__title",
    "organisation__slug",
    "organisation__name",
    "organisation__confirmed",
    "municipality__code",
    "municipality__name",
    "municipality__region",
)
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
ADOPTION_FILTERS = {
    "example": ("initiative__slug", SLUG),
    "municipality": ("municipality__code", re.compile(r"[0-9]{3}")),
    "organisation": ("organisation__slug", SLUG),
}


class CategoryViewSet(ListOnly):
    """The kinds of initiative, in the curators' order."""

    serializer_class = api.CategorySerializer
    queryset = Category.objects.in_order()


class TargetGroupViewSet(ListOnly):
    """Who the examples are for, in the curators' order."""

    serializer_class = api.TargetGroupSerializer
    queryset = TargetGroup.objects.in_order()


class MunicipalityViewSet(ListOnly):
    """Denmark's 98 municipalities, with their official codes and regions."""

    serializer_class = api.MunicipalityListSerializer
    queryset = Municipality.objects.order_by("name")


class Root(OpenData, generics.GenericAPIView):
    """The API's endpoints, its OpenAPI description and its documentation."""

    renderer_classes = RENDERERS
    serializer_class = api.RootSerializer

    def get(self, request):
        return Response(self.get_serializer().to_representation(None))


class NotFound(OpenData, APIView):
    """Any other address under /api/v1/: a JSON 404, or a redirect to the address with a slash.

    Django's own answers (its 404 page, CommonMiddleware's redirect) would come
    without the CORS header, and a browser would hide them from the calling page.
    """

    renderer_classes = RENDERERS
    schema = None

    def get(self, request, rest=""):
        if not request.path.endswith("/"):
            try:
                match = resolve(request.path + "/")
            except Resolver404:
                match = None
            if match is not None and match.url_name != NOT_FOUND:
                query = request.META.get("QUERY_STRING", "")
                location = request.path + "/" + (f"?{query}" if query else "")
                return Response(status=301, headers={"Location": location})
        raise exceptions.NotFound


NOT_FOUND = "not_found"


class OpenApi(OpenData, SpectacularJSONAPIView):
    """The OpenAPI 3 description of the API, in English."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        # Descriptions come from the models' help texts too, which are Danish by default.
        with translation.override("en"):
            return super().get(request, *args, **kwargs)


class Docs(OpenData, SpectacularSwaggerSplitView):
    """Swagger UI, from drf-spectacular-sidecar's files, its start script a file of its own."""

    url_name = "api:openapi"
    template_name = "opendata/api_docs.html"
