"""Schemathesis runs the OpenAPI document against the app (through WSGI, in the test
database): no server error, and every response of the status, media type and schema the
document says. XML responses are checked to be well-formed with the right root element.

At most 30 examples per operation keep the run short; the examples in the document (a
real jurisdiction, service and key) make part of them reach the success paths."""

import pytest
import schemathesis
from defusedxml import ElementTree
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from vietnam_provinces import Province as SourceProvince
from vietnam_provinces import Ward as SourceWard

from config.wsgi import application
from core.services import places_sync
from open311 import openapi
from open311.models import ApiKey
from open311.services import key_hash

ROOTS = {"Errors": "errors"}


KEY = "schemathesis-test-key-not-a-secret-0000000000"


def _document() -> dict:
    document = openapi.document()
    document["servers"] = [{"url": "/open311/v2"}]
    submission = document["paths"]["/requests.json"]["post"]["requestBody"]["content"]
    properties = submission["application/x-www-form-urlencoded"]["schema"]["properties"]
    for name, example in (
        ("api_key", KEY),
        ("attribute[ward]", "00167"),
        ("email", "lan@example.vn"),
        ("description", "Đèn đường hỏng."),
    ):
        properties[name] = {**properties[name], "example": example}
    return document


schema = schemathesis.openapi.from_dict(_document())
schema.app = application


@pytest.fixture
def api_data(db, file_petition):
    # Hà Nội with two wards: enough for both kinds of council, quick to load.
    wards = [w for w in SourceWard.iter_by_province(1) if w.code in (4, 167)]
    places_sync(provinces=[SourceProvince.from_code(1)], wards=wards)
    file_petition()
    ApiKey.objects.create(
        name="Schemathesis", prefix=KEY[:8], key_hash=key_hash(KEY), is_trusted=True
    )
    # As Django's test client does: the request cycle must not close the connection that
    # holds the test's transaction.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def xml_is_well_formed(ctx, response, case):
    if response.headers.get("content-type", [""])[0].startswith("text/xml"):
        root = ElementTree.fromstring(response.content)
        assert root.tag in {
            "errors",
            "discovery",
            "services",
            "service_definition",
            "service_requests",
        }, root.tag


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_openapi_document(api_data, case):
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
        additional_checks=[xml_is_well_formed],
    )
