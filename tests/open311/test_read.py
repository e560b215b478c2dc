"""The read endpoints, in JSON and XML: discovery, services, service definitions, and
requests (list with filters and pages, one by id)."""

from datetime import timedelta

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from petitions.choices import Status
from petitions.models import Petition
from tests.open311.conftest import force_status

pytestmark = pytest.mark.django_db

BASE = "/open311/v2/"
CAU_GIAY = "hdnd-00167"
HANOI = "hdnd-tinh-01"


def get(client, path, fmt="json", **params):
    response = client.get(f"{BASE}{path}.{fmt}", params)
    if fmt == "json":
        assert response["Content-Type"] == "application/json; charset=utf-8"
        return response, response.json()
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return response, ElementTree.fromstring(response.content)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_discovery(client, fmt):
    response, body = get(client, "discovery", fmt)
    assert response.status_code == 200
    if fmt == "json":
        endpoint = body["endpoints"][0]
        assert endpoint["url"].endswith("/open311/v2/")
        assert endpoint["formats"] == ["text/xml", "application/json"]
    else:
        assert body.tag == "discovery"
        formats = [f.text for f in body.findall("endpoints/endpoint/formats/format")]
        assert formats == ["text/xml", "application/json"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_services_are_the_topics_a_council_is_competent_for(client, hanoi, fmt):
    _, ward_services = get(client, "services", fmt, jurisdiction_id=CAU_GIAY)
    _, province_services = get(client, "services", fmt, jurisdiction_id=HANOI)
    if fmt == "json":
        ward_codes = {service["service_code"] for service in ward_services}
        province_codes = {service["service_code"] for service in province_services}
        assert ward_services[0]["metadata"] is True and ward_services[0]["type"] == "realtime"
    else:
        assert ward_services.tag == "services"
        ward_codes = {e.text for e in ward_services.findall("service/service_code")}
        province_codes = {e.text for e in province_services.findall("service/service_code")}
        assert ward_services.find("service/metadata").text == "true"
    assert "dat-dai-nha-o" in ward_codes and "y-te" in province_codes
    assert not ward_codes & province_codes


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_service_definition_lists_the_wards(client, hanoi, fmt):
    response, body = get(client, "services/dat-dai-nha-o", fmt, jurisdiction_id=CAU_GIAY)
    assert response.status_code == 200
    if fmt == "json":
        ward = body["attributes"][0]
        assert (ward["code"], ward["required"]) == ("ward", True)
        assert ward["values"] == [{"key": "00167", "name": "Phường Cầu Giấy"}]
        assert body["attributes"][1]["code"] == "title"
    else:
        assert body.tag == "service_definition"
        assert body.find("attributes/attribute/values/value/key").text == "00167"
    # A province council takes petitions from all 126 wards of Hà Nội.
    _, province = get(client, "services/y-te", "json", jurisdiction_id=HANOI)
    assert len(province["attributes"][0]["values"]) == 126


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_and_jurisdiction_are_404(client, hanoi, fmt):
    response, body = get(client, "services/y-te", fmt, jurisdiction_id=CAU_GIAY)
    assert response.status_code == 404
    response, body = get(client, "services", fmt, jurisdiction_id="hdnd-99999")
    assert response.status_code == 404
    if fmt == "json":
        assert body[0]["code"] == 404 and body[0]["description"]
    else:
        assert body.tag == "errors" and body.find("error/code").text == "404"
    response, body = get(client, "services", fmt)
    assert response.status_code == 400


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_request_by_id(client, petition, fmt):
    response, body = get(client, f"requests/{petition.tracking_code}", fmt)
    assert response.status_code == 200
    if fmt == "json":
        (row,) = body
        assert row["service_request_id"] == petition.tracking_code
        assert row["status"] == "open"
        assert row["extended_attributes"]["x_status"] == "received"
        assert row["extended_attributes"]["jurisdiction_id"] == CAU_GIAY
        assert row["agency_responsible"] == "Hội đồng nhân dân phường Cầu Giấy"
        assert row["service_code"] == "dat-dai-nha-o"
        assert row["expected_datetime"].endswith("T23:59:59+07:00")
        assert row["requested_datetime"].endswith("+07:00")
        assert row["description"] is None  # not published
    else:
        assert body.tag == "service_requests"
        assert body.find("request/service_request_id").text == petition.tracking_code
        assert body.find("request/extended_attributes/x_status").text == "received"
        assert body.find("request/description").text is None
    # The display form people read aloud works too.
    response, _ = get(client, f"requests/{petition.display_code}", fmt)
    assert response.status_code == 200


def test_a_published_petition_shows_its_text_and_notes(client, published):
    Petition.objects.filter(pk=published.pk).update(status_note="Đã giao phường xử lý.")
    _, (row,) = get(client, f"requests/{published.tracking_code}")
    assert row["description"] == published.description
    assert row["address"] == "Số 5 phố Duy Tân"
    assert row["status_notes"] == "Đã giao phường xử lý."
    assert row["extended_attributes"]["x_status"] == "in_progress"
    assert row["extended_attributes"]["title"] == "Vỉa hè bị lấn chiếm"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unconfirmed_and_unknown_requests_are_404(client, file_petition, fmt):
    unconfirmed = force_status(file_petition(), Status.UNCONFIRMED)
    for code in (unconfirmed.tracking_code, "NOSUCHCODE22", "%20"):
        response, _ = get(client, f"requests/{code}", fmt)
        assert response.status_code == 404
    _, rows = get(client, "requests", "json")
    assert rows == []


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_request_list_filters_and_pages(client, file_petition, health, fmt):
    now = timezone.now()
    petitions = []
    for days in range(5):
        petition = file_petition(title=f"Kiến nghị {days}")
        Petition.objects.filter(pk=petition.pk).update(submitted_at=now - timedelta(days=days))
        petitions.append(petition)
    force_status(petitions[0], Status.CLOSED)
    province = file_petition(topic=health)

    def codes(**params):
        response, body = get(client, "requests", fmt, **params)
        assert response.status_code == 200, body
        if fmt == "json":
            return [row["service_request_id"] for row in body]
        return [e.text for e in body.findall("request/service_request_id")]

    ward = [p.tracking_code for p in petitions]
    assert codes(jurisdiction_id=CAU_GIAY) == ward  # newest first
    assert codes(jurisdiction_id=HANOI) == [province.tracking_code]
    assert len(codes()) == 6
    assert codes(jurisdiction_id=CAU_GIAY, status="closed") == ward[:1]
    assert codes(jurisdiction_id=CAU_GIAY, status="open") == ward[1:]
    assert codes(jurisdiction_id=CAU_GIAY, status="open,closed") == ward
    assert codes(jurisdiction_id=CAU_GIAY, page_size=2, page=2) == ward[2:4]
    assert codes(jurisdiction_id=CAU_GIAY, page_size=2, page=9) == []
    start = (now - timedelta(days=2, hours=1)).isoformat()
    end = (now - timedelta(hours=12)).isoformat()
    assert codes(jurisdiction_id=CAU_GIAY, start_date=start, end_date=end) == ward[1:3]
    assert codes(jurisdiction_id=HANOI, service_code="y-te") == [province.tracking_code]
    ids = f"{ward[3]},{province.display_code}"
    assert codes(service_request_id=ids) == [province.tracking_code, ward[3]]


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "hôm qua"},
        {"end_date": "2026-13-45T99:00:00Z"},
        {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
        {"status": "pending"},
        {"page": "0"},
        {"page": "-1"},
        {"page_size": "1000"},
        {"page_size": "a"},
        {"page": "99999999999999999999"},
        {"jurisdiction_id": CAU_GIAY, "service_code": "khong-co"},
        {"service_code": "y-te"},
        {"status": "open\x00"},
        {"start_date": "0001-01-01T00:00:00+05:00"},  # before year 1 in UTC
    ],
)
def test_bad_list_parameters_are_400(client, hanoi, params, fmt):
    response, body = get(client, "requests", fmt, **params)
    assert response.status_code == 400
    if fmt == "json":
        assert body[0]["code"] == 400 and body[0]["description"]
    else:
        assert body.find("error/code").text == "400"


def test_dates_without_a_timezone_are_vietnam_time_and_dates_alone_work(client, petition):
    day = timezone.localdate().isoformat()
    for value in (day, f"{day}T00:00:00", f"{day}T00:00:00+07:00"):
        _, rows = get(client, "requests", start_date=value)
        assert len(rows) == 1
    _, rows = get(client, "requests", end_date=f"{day}T00:00:00")
    assert rows == []


def test_unknown_format_is_404(client, petition):
    assert client.get(f"{BASE}requests.csv").status_code == 404


def test_xml_drops_characters_xml_cannot_carry(client, published):
    Petition.objects.filter(pk=published.pk).update(title="Đèn\x0bđường")
    _, body = get(client, f"requests/{published.tracking_code}", "xml")
    assert body.find("request/extended_attributes/title").text == "Đènđường"


def test_offsets_the_database_cannot_store_are_converted(client, petition):
    # Found by schemathesis: PostgreSQL refuses a -16:43 offset that Python accepts.
    response, rows = get(client, "requests", end_date="0452-11-27T15:02:32-16:43")
    assert response.status_code == 200 and rows == []
