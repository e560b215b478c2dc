"""Open311 GeoReport v2 endpoints (http://wiki.open311.org/GeoReport_v2), in JSON and XML.

Interfaces only: each view validates its parameters, calls a selector or a service and
renders. Every failure answers the spec's error body: 400 for bad input, 403 for a
missing or unknown api_key, 404 for an unknown jurisdiction, service or request (and 429
when a key submits more than its hourly share)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, time
from functools import wraps

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.models import Council
from core.ratelimit import allow
from open311 import formats, representations, selectors, services
from petitions.forms import phone_validator
from petitions.selectors import normalize_code

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_PAGE = 10_000
MAX_IDS = 100
MAX_DESCRIPTION = 4000  # the spec's limit
MAX_TITLE = 200
MAX_FIELD = 255
# Anything a person cannot type (NUL and the other control characters) is refused early:
# databases and XML both reject it.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")
CODE = re.compile(r"^[A-Z0-9]{1,20}$")
TOKEN = re.compile(r"^[a-f0-9]{32}$")


class ApiError(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def open311_view(methods: tuple[str, ...] = ("GET",)) -> Callable:
    def decorate(view: Callable) -> Callable:
        @csrf_exempt
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapper(request: HttpRequest, *args, fmt: str, **kwargs) -> HttpResponse:
            try:
                _refuse_control_characters(request, kwargs)
                return view(request, fmt, *args, **kwargs)
            except ApiError as error:
                return formats.render_errors(fmt, error.status, error.description)

        return wrapper

    return decorate


def _refuse_control_characters(request: HttpRequest, kwargs: dict) -> None:
    values = [*kwargs.values()]
    for query in (request.GET, request.POST):
        for key, items in query.lists():
            values.append(key)
            values.extend(items)
    if any(CONTROL.search(str(value)) for value in values):
        raise ApiError(400, _("The request contains characters that are not allowed."))


# --- parameters -------------------------------------------------------------------------


def _jurisdiction(request: HttpRequest, *, required: bool) -> Council | None:
    value = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or ""
    if not value:
        if required:
            raise ApiError(400, _("jurisdiction_id is required."))
        return None
    council = selectors.council_by_jurisdiction(value)
    if council is None:
        raise ApiError(404, _("jurisdiction_id was not found."))
    return council


def _datetime(name: str, value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parse_datetime(value)
        if parsed is None and (day := parse_date(value)) is not None:
            parsed = datetime.combine(day, time.min)
    except ValueError:
        parsed = None
    message = _(
        "%(name)s must be a date and time in W3C format, e.g. 2026-01-31T08:00:00+07:00."
    ) % {"name": name}
    if parsed is None:
        raise ApiError(400, message)
    try:
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        # In UTC: the database refuses offsets beyond ±15:59 that Python accepts.
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ApiError(400, message) from None


def _integer(request: HttpRequest, name: str, default: int, maximum: int) -> int:
    value = request.GET.get(name, "")
    if value == "":
        return default
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= maximum:
        raise ApiError(
            400,
            _("%(name)s must be a whole number from 1 to %(max)s.")
            % {"name": name, "max": maximum},
        )
    return int(value)


def _list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


# --- endpoints --------------------------------------------------------------------------


@open311_view()
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    return formats.render(fmt, "discovery", representations.discovery(request))


@open311_view()
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    council = _jurisdiction(request, required=True)
    services_ = [representations.service(topic) for topic in selectors.council_topics(council)]
    return formats.render(fmt, "services", services_)


@open311_view()
def service_definition(request: HttpRequest, fmt: str, service_code: str) -> HttpResponse:
    council = _jurisdiction(request, required=True)
    topic = selectors.council_topic(council, service_code) if SLUG.match(service_code) else None
    if topic is None:
        raise ApiError(404, _("service_code was not found in this jurisdiction."))
    definition = representations.service_definition(topic, selectors.council_wards(council))
    return formats.render(fmt, "service_definition", definition)


@open311_view(("GET", "POST"))
def request_list(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _submit(request, fmt)
    council = _jurisdiction(request, required=False)
    page = _integer(request, "page", 1, MAX_PAGE)
    page_size = _integer(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    codes = None
    if ids := request.GET.get("service_request_id", ""):
        codes = [normalize_code(code) for code in _list(ids)][:MAX_IDS]
    topics = None
    if service_codes := _list(request.GET.get("service_code", "")):
        if council is None:
            raise ApiError(400, _("service_code needs a jurisdiction_id."))
        offered = {topic.slug: topic for topic in selectors.council_topics(council)}
        unknown = [code for code in service_codes if code not in offered]
        if unknown:
            raise ApiError(
                400, _("service_code was not found: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        topics = [offered[code] for code in service_codes]
    status_groups = _list(request.GET.get("status", ""))
    if any(group not in ("open", "closed") for group in status_groups):
        raise ApiError(400, _("status must be open, closed or both (open,closed)."))
    start = _datetime("start_date", request.GET.get("start_date", ""))
    end = _datetime("end_date", request.GET.get("end_date", ""))
    if start and end and start > end:
        raise ApiError(400, _("start_date must come before end_date."))
    queryset = selectors.public_requests(
        council=council,
        topics=topics,
        status_groups=status_groups,
        start=start,
        end=end,
        codes=codes,
    )
    offset = (page - 1) * page_size
    rows = [representations.service_request(p) for p in queryset[offset : offset + page_size]]
    return formats.render(fmt, "service_requests", rows)


@open311_view()
def request_detail(request: HttpRequest, fmt: str, service_request_id: str) -> HttpResponse:
    code = normalize_code(service_request_id)
    petition = selectors.public_request(code) if CODE.match(code) else None
    if petition is None:
        raise ApiError(404, _("service_request_id was not found."))
    return formats.render(fmt, "service_requests", [representations.service_request(petition)])


@open311_view()
def token_detail(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    row = representations.token(token) if TOKEN.match(token) else None
    if row is None:
        raise ApiError(404, _("token was not found."))
    return formats.render(fmt, "service_requests", [row])


def openapi_document(request: HttpRequest) -> HttpResponse:
    from open311 import openapi

    return formats.render(formats.JSON, "openapi", openapi.document())


@open311_view(("GET", "POST"))
def not_found(request: HttpRequest, fmt: str, **kwargs) -> HttpResponse:
    """Any other path under /open311/v2/: the spec's 404, not the site's page."""
    raise ApiError(404, _("There is no such endpoint."))


# --- submitting -------------------------------------------------------------------------


def _submit(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    api_key = services.api_key_authenticate(data.get("api_key", ""))
    if api_key is None:
        raise ApiError(403, _("api_key is missing or not valid."))
    if not allow("open311-submit", str(api_key.pk), limit=api_key.hourly_limit, period=3600):
        raise ApiError(429, _("This api_key has sent too many requests; try again later."))
    council = _jurisdiction(request, required=True)
    service_code = data.get("service_code", "")
    if not service_code:
        raise ApiError(400, _("service_code is required."))
    topic = selectors.council_topic(council, service_code) if SLUG.match(service_code) else None
    if topic is None:
        raise ApiError(400, _("service_code was not found in this jurisdiction."))
    values = _submission(data, council, api_key.name)
    try:
        petition, token = services.request_submit(
            api_key=api_key, council=council, topic=topic, **values
        )
    except ValidationError as error:
        raise ApiError(400, " ".join(error.messages)) from None
    row = representations.submitted(petition, token)
    return formats.render(fmt, "service_requests", [row], status=201)


def _submission(data, council: Council, partner: str) -> dict:
    errors = []
    description = data.get("description", "").strip()
    if not description:
        errors.append(_("description is required."))
    elif len(description) > MAX_DESCRIPTION:
        errors.append(
            _("description must be at most %(max)s characters.") % {"max": MAX_DESCRIPTION}
        )
    ward_code = data.get("attribute[ward]", "").strip()
    ward = selectors.council_wards(council).filter(code=ward_code).first() if ward_code else None
    if ward is None:
        errors.append(_("attribute[ward] must be the code of a ward of this jurisdiction."))
    title = data.get("attribute[title]", "").strip() or description[:80]
    if len(title) > MAX_TITLE:
        errors.append(
            _("attribute[title] must be at most %(max)s characters.") % {"max": MAX_TITLE}
        )
    email = data.get("email", "").strip()
    phone = "".join(data.get("phone", "").split()).replace(".", "").replace("-", "")
    if not (email or phone):
        errors.append(_("email or phone of the resident is required, to reach them."))
    for name, value, validator in (
        ("email", email, validate_email),
        ("phone", phone, phone_validator),
    ):
        if value:
            try:
                validator(value)
            except ValidationError:
                errors.append(_("%(name)s is not valid.") % {"name": name})
    name = " ".join(
        part
        for part in (data.get("last_name", "").strip(), data.get("first_name", "").strip())
        if part
    )
    location = data.get("address_string", "").strip()
    if len(name) > 150 or len(location) > MAX_FIELD:
        errors.append(_("first_name, last_name or address_string is too long."))
    if errors:
        raise ApiError(400, " ".join(errors))
    return {
        "ward": ward,
        "title": title,
        "description": description,
        "contact_name": name or _("Resident (through %(partner)s)") % {"partner": partner[:100]},
        "contact_email": email,
        "contact_phone": phone,
        "location": location,
    }
