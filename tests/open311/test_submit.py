"""POST requests: partner systems file petitions with an API key; they are routed and
tracked like the web form's, and reach the council's triage queue."""

import re

import pytest
from defusedxml import ElementTree
from django.core import mail

from open311 import services
from open311.models import ApiKey, SubmissionToken
from petitions import selectors as petition_selectors
from petitions import services as petition_services
from petitions.choices import Source, Status
from petitions.models import Petition

pytestmark = pytest.mark.django_db

URL = "/open311/v2/requests.{fmt}"
CAU_GIAY = "hdnd-00167"


def submission(api_key, **overrides):
    return {
        "api_key": api_key,
        "jurisdiction_id": CAU_GIAY,
        "service_code": "dat-dai-nha-o",
        "attribute[ward]": "00167",
        "attribute[title]": "Chưa được cấp sổ đỏ",
        "description": "Hồ sơ nộp từ năm 2019, đến nay chưa có kết quả.",
        "first_name": "Lan",
        "last_name": "Nguyễn Thị",
        "email": "lan@example.vn",
        "phone": "0912 345 678",
        "address_string": "Ngõ 12 phố Trần Thái Tông",
        **overrides,
    }


def post(client, data, fmt="json"):
    response = client.post(URL.format(fmt=fmt), data)
    if fmt == "json":
        return response, response.json()
    return response, ElementTree.fromstring(response.content)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_trusted_partner_files_straight_into_the_councils_queue(
    client, trusted_key, staff, make_staff, hanoi_council, fmt, django_capture_on_commit_callbacks
):
    _, raw_key = trusted_key
    with django_capture_on_commit_callbacks(execute=True):
        response, body = post(client, submission(raw_key), fmt)
    assert response.status_code == 201
    petition = Petition.objects.get()
    if fmt == "json":
        assert body[0]["service_request_id"] == petition.tracking_code
        assert "token" not in body[0]
    else:
        assert body.find("request/service_request_id").text == petition.tracking_code
    assert (petition.status, petition.source) == (Status.RECEIVED, Source.API)
    assert petition.council.name == "Hội đồng nhân dân phường Cầu Giấy"
    assert (petition.title, petition.contact_name, petition.contact_phone) == (
        "Chưa được cấp sổ đỏ",
        "Nguyễn Thị Lan",
        "0912345678",
    )
    assert petition.location == "Ngõ 12 phố Trần Thái Tông"
    assert petition.deadline is not None  # the clock runs as for the web form
    # It is in the triage queue of Cầu Giấy's staff, and not in another council's.
    assert petition in petition_selectors.petitions_for_staff(staff)
    assert petition in petition_selectors.staff_queue(staff)
    other = make_staff(council=hanoi_council, email="tinh@example.vn")
    assert petition not in petition_selectors.petitions_for_staff(other)
    assert petition.events.filter(kind="routed").exists()
    # And it can be read back at once.
    detail = client.get(f"/open311/v2/requests/{petition.tracking_code}.json").json()
    assert detail[0]["extended_attributes"]["x_status"] == "received"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_another_partners_resident_confirms_with_the_one_time_code(
    client, partner_key, staff, fmt, django_capture_on_commit_callbacks
):
    _, raw_key = partner_key
    with django_capture_on_commit_callbacks(execute=True):
        response, body = post(client, submission(raw_key, phone=""), fmt)
    assert response.status_code == 201
    petition = Petition.objects.get()
    assert petition.status == Status.UNCONFIRMED
    token = SubmissionToken.objects.get(petition=petition).token
    if fmt == "json":
        assert body[0]["token"] == token and "service_request_id" not in body[0]
    else:
        assert body.find("request/token").text == token
    assert petition not in petition_selectors.petitions_for_staff(staff)
    # Until confirmed, the token has no request id, and the request is not public.
    response = client.get(f"/open311/v2/tokens/{token}.{fmt}")
    assert response.status_code == 200
    if fmt == "json":
        assert response.json() == [{"service_request_id": None, "token": token}]
    assert client.get(f"/open311/v2/requests/{petition.tracking_code}.json").status_code == 404

    (message,) = mail.outbox
    assert message.to == ["lan@example.vn"]
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    petition_services.petition_confirm_by_code(petition=petition, code=code)

    assert petition in petition_selectors.petitions_for_staff(staff)
    rows = client.get(f"/open311/v2/tokens/{token}.json").json()
    assert rows == [{"service_request_id": petition.tracking_code, "token": token}]
    xml = ElementTree.fromstring(client.get(f"/open311/v2/tokens/{token}.xml").content)
    assert xml.find("request/service_request_id").text == petition.tracking_code


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_missing_unknown_or_revoked_key_is_403(client, trusted_key, hanoi, fmt):
    api_key, raw_key = trusted_key
    for key in ("", "not-a-key", raw_key[:-1]):
        response, body = post(client, submission(key), fmt)
        assert response.status_code == 403
    if fmt == "json":
        assert body[0]["code"] == 403
    else:
        assert body.find("error/code").text == "403"
    services.api_key_revoke(api_key=api_key)
    response, _ = post(client, submission(raw_key), fmt)
    assert response.status_code == 403
    assert not Petition.objects.exists()


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"jurisdiction_id": ""}, 400),
        ({"jurisdiction_id": "hdnd-99999"}, 404),
        ({"service_code": ""}, 400),
        ({"service_code": "khong-co"}, 400),
        ({"service_code": "y-te"}, 400),  # a province topic, not Cầu Giấy's
        ({"attribute[ward]": ""}, 400),
        ({"attribute[ward]": "00004"}, 400),  # Ba Đình: another ward's council
        ({"description": ""}, 400),
        ({"description": "x" * 4001}, 400),
        ({"attribute[title]": "x" * 201}, 400),
        ({"email": "", "phone": ""}, 400),
        ({"email": "not-an-email"}, 400),
        ({"phone": "12345"}, 400),
        ({"last_name": "x" * 200}, 400),
        ({"description": "null\x00byte"}, 400),
    ],
)
def test_bad_submissions_are_refused_and_leave_nothing(
    client, hanoi, trusted_key, overrides, status, fmt
):
    _, raw_key = trusted_key
    response, body = post(client, submission(raw_key, **overrides), fmt)
    assert response.status_code == status
    if fmt == "json":
        assert body[0]["code"] == status and body[0]["description"]
    else:
        assert body.find("error/description").text
    assert not Petition.objects.exists()


def test_the_description_may_be_4000_characters(client, hanoi, trusted_key):
    _, raw_key = trusted_key
    response, _ = post(client, submission(raw_key, description="x" * 4000))
    assert response.status_code == 201


def test_a_province_topic_goes_to_the_province_council(client, trusted_key, hanoi_council):
    _, raw_key = trusted_key
    data = submission(raw_key, jurisdiction_id="hdnd-tinh-01", service_code="y-te")
    response, _ = post(client, {**data, "attribute[ward]": "00004"})
    assert response.status_code == 201
    assert Petition.objects.get().council == hanoi_council


def test_submissions_are_rate_limited_per_key(client, hanoi, trusted_key, partner_key):
    api_key, raw_key = trusted_key
    ApiKey.objects.filter(pk=api_key.pk).update(hourly_limit=2)
    for _ in range(2):
        assert post(client, submission(raw_key))[0].status_code == 201
    response, body = post(client, submission(raw_key))
    assert response.status_code == 429 and body[0]["code"] == 429
    # Another partner's key has its own allowance.
    assert post(client, submission(partner_key[1]))[0].status_code == 201
    assert Petition.objects.count() == 3


def test_keys_are_stored_hashed_and_stamped_when_used(client, hanoi, trusted_key):
    api_key, raw_key = trusted_key
    assert raw_key not in (api_key.key_hash, api_key.prefix) and len(raw_key) >= 40
    assert api_key.key_hash == services.key_hash(raw_key)
    assert api_key.last_used_at is None
    post(client, submission(raw_key))
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None


def test_other_methods_are_refused(client, hanoi):
    assert client.delete("/open311/v2/requests.json").status_code == 405
    assert client.post("/open311/v2/services.json").status_code == 405
