"""Schemathesis sends the API requests made from its own OpenAPI description.

Every operation gets a few generated requests (and schemathesis's edge cases);
each answer must not be a server error and must match what the description
promises: status code, content type, headers and body.
"""

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from initiatives.models import Initiative
from portal.wsgi import application
from tests.factories import (
    AdoptionFactory,
    AttachmentFactory,
    InitiativeFactory,
    LinkFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    municipality,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def in_the_tests_transaction(environ, start_response):
    """The portal's WSGI application, leaving the test's database transaction open.

    The handler closes the connection at the start and end of a request, which
    would end the transaction every test runs in; Django's test client keeps it
    open the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = application(environ, start_response)
        try:
            body = b"".join(response)
        finally:
            response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return [body]


# Read when the tests are collected; it needs no database. (Schemathesis's lazy
# from_fixture() does not run on pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", in_the_tests_transaction)


@pytest.fixture
def portal(db, settings):
    """A portal with a few published examples, and a rate no test run reaches."""
    # Schemathesis sends far more requests than a client may.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }
    waiting = OrganisationFactory(confirmed=False)
    memberships = []
    for n in range(3):
        example = InitiativeFactory(
            published=True,
            slug=f"eksempel-{n}",
            municipalities=[municipality("101")],
            partner_organisations=[waiting],
            known_effect="B",
            transferability=Initiative.Transferability.MEDIUM,
        )
        LinkFactory(initiative=example)
        AttachmentFactory(initiative=example)
        memberships.append(MembershipFactory(organisation=example.lead_organisation))
    MembershipFactory(partnership=memberships[0].partnership, organisation=waiting)
    MeetingFactory(partnership=memberships[0].partnership)
    draft = InitiativeFactory(slug="kladde")
    adoption = AdoptionFactory(
        initiative=example,
        organisation=waiting,
        attachment=SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n"),
        attachment_title="Plan",
    )
    AdoptionFactory(initiative=example, nationwide_spread=True)
    AdoptionFactory(initiative=example, submitted=True)
    AdoptionFactory(initiative=draft)
    return {
        "examples": "eksempel-0",
        "organisations": memberships[0].organisation.slug,
        "partnerships": memberships[0].partnership.slug,
        "adoptions": adoption.pk,
    }


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_as_its_description_says(portal, case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.parametrize("collection", ["examples", "organisations", "partnerships"])
def test_a_real_records_detail_answers_as_the_description_says(portal, collection):
    # Generated slugs seldom name a record; these do.
    operation = schema[f"/api/v1/{collection}/{{slug}}/"]["GET"]
    case = operation.Case(path_parameters={"slug": portal[collection]})

    response = case.call_and_validate(checks=CHECKS)

    assert response.status_code == 200


def test_a_real_adoptions_detail_answers_as_the_description_says(portal):
    operation = schema["/api/v1/adoptions/{id}/"]["GET"]
    case = operation.Case(path_parameters={"id": portal["adoptions"]})

    response = case.call_and_validate(checks=CHECKS)

    assert response.status_code == 200
