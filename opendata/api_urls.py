"""The read-only API, /api/v1/: one address for every language."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from opendata import api

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("examples", api.ExampleViewSet, basename="example")
router.register("organisations", api.OrganisationViewSet, basename="organisation")
router.register("partnerships", api.PartnershipViewSet, basename="partnership")
router.register("categories", api.CategoryViewSet, basename="category")
router.register("target-groups", api.TargetGroupViewSet, basename="target-group")
router.register("municipalities", api.MunicipalityViewSet, basename="municipality")
router.register("adoptions", api.AdoptionViewSet, basename="adoption")

urlpatterns = [
    path("", api.Root.as_view(), name="root"),
    path("openapi.json", api.OpenApi.as_view(), name="openapi"),
    path("docs/", api.Docs.as_view(), name="docs"),
    *router.urls,
    # Anything else, line breaks and all (which "." would not match).
    re_path(r"^(?P<rest>[\s\S]*)$", api.NotFound.as_view(), name=api.NOT_FOUND),
]
