"""The two formats of GeoReport v2: JSON and XML, chosen by the URL's suffix, and the
spec's error body (a list of {code, description}) in either."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

from django.http import HttpResponse

JSON = "json"
XML = "xml"
CONTENT_TYPES = {JSON: "application/json; charset=utf-8", XML: "text/xml; charset=utf-8"}

# XML names the items of each list after the list (the spec's examples).
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
    "keywords": "keyword",
}


# Characters XML 1.0 cannot carry at all (stored text could hold one, typed on a phone).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_XML.sub("", str(value))


def _append(parent: ElementTree.Element, tag: str, value) -> None:
    element = ElementTree.SubElement(parent, tag)
    _fill(element, tag, value)


def _fill(element: ElementTree.Element, tag: str, value) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _append(element, key, item)
    elif isinstance(value, list):
        for item in value:
            _append(element, ITEM_TAGS.get(tag, "item"), item)
    else:
        element.text = _text(value)


def to_xml(root: str, value) -> bytes:
    element = ElementTree.Element(root)
    _fill(element, root, value)
    return ElementTree.tostring(element, encoding="utf-8", xml_declaration=True)


def render(fmt: str, root: str, value, *, status: int = 200) -> HttpResponse:
    """``value`` as JSON, or as XML under a ``root`` element."""
    body = to_xml(root, value) if fmt == XML else json.dumps(value, ensure_ascii=False).encode()
    response = HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])
    response["Access-Control-Allow-Origin"] = "*"  # public data, readable from any site
    return response


def render_errors(fmt: str, status: int, *descriptions: str) -> HttpResponse:
    errors = [{"code": status, "description": str(text)} for text in descriptions]
    return render(fmt, "errors", errors, status=status)
