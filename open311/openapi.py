"""The OpenAPI 3 description of the Open311 API, served at /open311/v2/openapi.json and
run by schemathesis in the test suite (tests/open311/test_schemathesis.py).

Every endpoint exists twice, once per format suffix (.json, .xml), as GeoReport v2 has it;
both are described, with the same schemas (XML names from the spec's examples)."""

from __future__ import annotations

from django.conf import settings

from open311 import views
from petitions.choices import Status

FORMATS = {"json": "application/json", "xml": "text/xml"}
REF = "#/components/schemas/"


def _string(description: str = "", **extra) -> dict:
    return {"type": "string", **({"description": description} if description else {}), **extra}


def _nullable(schema: dict) -> dict:
    return {**schema, "nullable": True}


def _list(item: str, wrapper: str, tag: str) -> dict:
    return {
        "type": "array",
        "items": {"$ref": REF + item, "xml": {"name": tag}},
        "xml": {"name": wrapper, "wrapped": True},
    }


SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["code", "description"],
        "properties": {"code": {"type": "integer"}, "description": _string()},
        "xml": {"name": "error"},
    },
    "Errors": _list("Error", "errors", "error"),
    "Discovery": {
        "type": "object",
        "required": ["changeset", "contact", "key_service", "endpoints"],
        "properties": {
            "changeset": _string(format="date-time"),
            "contact": _string(),
            "key_service": _string(),
            "endpoints": {
                "type": "array",
                "xml": {"wrapped": True},
                "items": {
                    "type": "object",
                    "xml": {"name": "endpoint"},
                    "required": ["specification", "url", "changeset", "type", "formats"],
                    "properties": {
                        "specification": _string(),
                        "url": _string(),
                        "changeset": _string(format="date-time"),
                        "type": _string(enum=["production", "test"]),
                        "formats": {
                            "type": "array",
                            "xml": {"wrapped": True},
                            "items": _string(xml={"name": "format"}),
                        },
                    },
                },
            },
        },
        "xml": {"name": "discovery"},
    },
    "Service": {
        "type": "object",
        "required": ["service_code", "service_name", "metadata", "type"],
        "properties": {
            "service_code": _string("A topic (its slug)."),
            "service_name": _string(),
            "description": _string(),
            "metadata": {"type": "boolean"},
            "type": _string(enum=["realtime", "batch", "blackbox"]),
            "keywords": _string(),
            "group": _string(),
        },
    },
    "Services": _list("Service", "services", "service"),
    "ServiceDefinition": {
        "type": "object",
        "required": ["service_code", "attributes"],
        "properties": {
            "service_code": _string(),
            "attributes": {
                "type": "array",
                "xml": {"wrapped": True},
                "items": {
                    "type": "object",
                    "xml": {"name": "attribute"},
                    "required": ["variable", "code", "datatype", "required", "order"],
                    "properties": {
                        "variable": {"type": "boolean"},
                        "code": _string(),
                        "datatype": _string(
                            enum=[
                                "string",
                                "number",
                                "datetime",
                                "text",
                                "singlevaluelist",
                                "multivaluelist",
                            ]
                        ),
                        "required": {"type": "boolean"},
                        "datatype_description": _string(),
                        "order": {"type": "integer"},
                        "description": _string(),
                        "values": {
                            "type": "array",
                            "xml": {"wrapped": True},
                            "items": {
                                "type": "object",
                                "xml": {"name": "value"},
                                "required": ["key", "name"],
                                "properties": {"key": _string(), "name": _string()},
                            },
                        },
                    },
                },
            },
        },
        "xml": {"name": "service_definition"},
    },
    "ServiceRequest": {
        "type": "object",
        "required": [
            "service_request_id",
            "status",
            "service_code",
            "agency_responsible",
            "requested_datetime",
            "updated_datetime",
            "extended_attributes",
        ],
        "properties": {
            "service_request_id": _string("The petition's tracking code."),
            "status": _string(enum=["open", "closed"]),
            "status_notes": _string("The council's public note, or the start of its answer."),
            "service_name": _string(),
            "service_code": _string(),
            "description": _nullable(
                _string("Only once the council has published the petition; else null.")
            ),
            "agency_responsible": _string("The People's Council holding the petition."),
            "service_notice": _string("What happens next."),
            "requested_datetime": _string(format="date-time"),
            "updated_datetime": _string("The last public event.", format="date-time"),
            "expected_datetime": _nullable(
                _string("The end of the deadline day, while open.", format="date-time")
            ),
            "address": _nullable(_string("Only once published.")),
            "address_id": _nullable(_string()),
            "zipcode": _nullable(_string()),
            "lat": _nullable({"type": "number"}),
            "long": _nullable({"type": "number"}),
            "media_url": _nullable(_string()),
            "extended_attributes": {
                "type": "object",
                "description": "Extensions (in the manner of mySociety's): the finer state.",
                "required": ["x_status", "x_status_label", "title", "jurisdiction_id", "ward"],
                "properties": {
                    "x_status": _string(enum=[status.value for status in Status]),
                    "x_status_label": _string("The state in Vietnamese."),
                    "x_status_explanation": _string(),
                    "title": _string(),
                    "jurisdiction_id": _string(),
                    "ward": _string("The official code of the ward or commune."),
                    "ward_name": _string(),
                    "is_published": {"type": "boolean"},
                    "url": _string("The public status page."),
                },
            },
        },
        "xml": {"name": "request"},
    },
    "ServiceRequests": _list("ServiceRequest", "service_requests", "request"),
    "Submitted": {
        "type": "object",
        "description": "service_request_id (trusted partner) or token (waits for the code).",
        "properties": {
            "service_request_id": _string(),
            "token": _string(),
            "service_notice": _string(),
            "account_id": _nullable(_string()),
        },
        "xml": {"name": "request"},
    },
    "SubmittedList": _list("Submitted", "service_requests", "request"),
    "Token": {
        "type": "object",
        "required": ["token", "service_request_id"],
        "properties": {
            "token": _string(),
            "service_request_id": _nullable(_string("Null until the resident confirms.")),
        },
        "xml": {"name": "request"},
    },
    "Tokens": _list("Token", "service_requests", "request"),
}

JURISDICTION = {
    "name": "jurisdiction_id",
    "in": "query",
    "description": "A People's Council: hdnd-<ward code> (e.g. hdnd-00167) or "
    "hdnd-tinh-<province code> (e.g. hdnd-tinh-01).",
    "schema": _string(example="hdnd-00167"),
}
ERRORS = {
    400: "Bad input (a malformed date, an unknown service_code, a missing parameter…).",
    403: "api_key missing or not valid.",
    404: "Unknown jurisdiction, service or request.",
    429: "This api_key has submitted too many requests this hour.",
}


def _responses(fmt: str, success: int, schema: str, description: str, errors) -> dict:
    media = FORMATS[fmt]
    responses = {
        str(success): {
            "description": description,
            "content": {media: {"schema": {"$ref": REF + schema}}},
        }
    }
    for status in errors:
        responses[str(status)] = {
            "description": ERRORS[status],
            "content": {media: {"schema": {"$ref": REF + "Errors"}}},
        }
    return responses


def _query(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "description": description, "schema": schema}


def _path(name: str, description: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": _string(),
    }


LIST_PARAMETERS = [
    JURISDICTION,
    _query(
        "service_request_id",
        "Comma-separated ids (at most 100); every other filter is then ignored.",
        _string(),
    ),
    _query("service_code", "Comma-separated service codes (needs jurisdiction_id).", _string()),
    _query("status", "open, closed, or open,closed.", _string(example="open")),
    _query("start_date", "Requested at or after (W3C date-time).", _string(format="date-time")),
    _query("end_date", "Requested at or before (W3C date-time).", _string(format="date-time")),
    _query(
        "page",
        "Page number (pagination extension).",
        {"type": "integer", "minimum": 1, "maximum": views.MAX_PAGE, "default": 1},
    ),
    _query(
        "page_size",
        "Requests per page (pagination extension).",
        {
            "type": "integer",
            "minimum": 1,
            "maximum": views.MAX_PAGE_SIZE,
            "default": views.DEFAULT_PAGE_SIZE,
        },
    ),
]

SUBMISSION = {
    "type": "object",
    "required": ["api_key", "jurisdiction_id", "service_code", "description", "attribute[ward]"],
    "properties": {
        "api_key": _string("Issued to partner systems by the site's administrators."),
        "jurisdiction_id": JURISDICTION["schema"],
        "service_code": _string(example="dat-dai-nha-o"),
        "description": _string(maxLength=views.MAX_DESCRIPTION),
        "attribute[ward]": _string("The official code of a ward of the jurisdiction."),
        "attribute[title]": _string(maxLength=views.MAX_TITLE),
        "email": _string("The resident's e-mail (or phone): one of them is required."),
        "phone": _string("A Vietnamese phone number."),
        "first_name": _string(),
        "last_name": _string(),
        "address_string": _string(maxLength=views.MAX_FIELD),
        "lat": {"type": "number", "description": "Accepted and ignored."},
        "long": {"type": "number", "description": "Accepted and ignored."},
        "device_id": _string("Accepted and ignored."),
        "account_id": _string("Accepted and ignored."),
        "media_url": _string("Accepted and ignored."),
    },
}


def _operations(fmt: str) -> dict:
    suffix = f".{fmt}"
    return {
        f"/discovery{suffix}": {
            "get": {
                "operationId": f"discovery_{fmt}",
                "summary": "Where the API is and what it speaks.",
                "responses": _responses(fmt, 200, "Discovery", "The discovery document.", ()),
            }
        },
        f"/services{suffix}": {
            "get": {
                "operationId": f"services_{fmt}",
                "summary": "The topics a council takes petitions about.",
                "parameters": [{**JURISDICTION, "required": True}],
                "responses": _responses(fmt, 200, "Services", "The services.", (400, 404)),
            }
        },
        f"/services/{{service_code}}{suffix}": {
            "get": {
                "operationId": f"service_definition_{fmt}",
                "summary": "The attributes a submission of this service takes.",
                "parameters": [
                    {**JURISDICTION, "required": True},
                    _path("service_code", "A topic's slug, e.g. dat-dai-nha-o."),
                ],
                "responses": _responses(
                    fmt, 200, "ServiceDefinition", "The definition.", (400, 404)
                ),
            }
        },
        f"/requests{suffix}": {
            "get": {
                "operationId": f"requests_{fmt}",
                "summary": "Confirmed petitions, newest first, a page at a time.",
                "parameters": LIST_PARAMETERS,
                "responses": _responses(fmt, 200, "ServiceRequests", "The requests.", (400, 404)),
            },
            "post": {
                "operationId": f"submit_{fmt}",
                "summary": "File a petition for a partner's resident (needs an api_key).",
                "requestBody": {
                    "required": True,
                    "content": {"application/x-www-form-urlencoded": {"schema": SUBMISSION}},
                },
                "responses": _responses(fmt, 201, "SubmittedList", "Filed.", (400, 403, 404, 429)),
            },
        },
        f"/requests/{{service_request_id}}{suffix}": {
            "get": {
                "operationId": f"request_{fmt}",
                "summary": "One confirmed petition by its tracking code.",
                "parameters": [_path("service_request_id", "The tracking code.")],
                "responses": _responses(fmt, 200, "ServiceRequests", "The request.", (400, 404)),
            }
        },
        f"/tokens/{{token}}{suffix}": {
            "get": {
                "operationId": f"token_{fmt}",
                "summary": "The service_request_id of a submission, once confirmed.",
                "parameters": [_path("token", "The token POST requests answered.")],
                "responses": _responses(fmt, 200, "Tokens", "The token.", (400, 404)),
            }
        },
    }


def document() -> dict:
    paths: dict = {}
    for fmt in FORMATS:
        paths.update(_operations(fmt))
    paths["/openapi.json"] = {
        "get": {
            "operationId": "openapi",
            "summary": "This document.",
            "responses": {
                "200": {
                    "description": "OpenAPI 3 document.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Cử tri số — Open311 GeoReport v2",
            "version": "2",
            "description": (
                "Petitions to People's Councils through Open311 GeoReport v2 "
                "(http://wiki.open311.org/GeoReport_v2). A jurisdiction is a council, a "
                "service a topic, a request a confirmed petition. Only public data: never "
                "the petitioner's name, e-mail or phone. See the README for the details."
            ),
        },
        "servers": [{"url": settings.SITE_URL + "/open311/v2"}],
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
