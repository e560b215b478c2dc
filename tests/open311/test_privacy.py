"""Never any petitioner's personal data, internal event or unpublished text in a response,
whatever the endpoint or format."""

import pytest

from petitions.choices import EventKind
from petitions.models import PetitionEvent

pytestmark = pytest.mark.django_db

NAME = "Phạm Thị Bí Mật"
EMAIL = "bi.mat@example.vn"
PHONE = "0987654321"
INTERNAL = "Ghi chú nội bộ: gọi lại cho người gửi"
UNPUBLISHED = "Nội dung chưa công khai của người gửi"


def test_no_personal_data_in_any_response(client, file_petition, trusted_key):
    petition = file_petition(
        contact_name=NAME,
        contact_email=EMAIL,
        contact_phone=PHONE,
        show_name=True,  # even when shown on the status page, the API never names anyone
        description=UNPUBLISHED,
        location="Nhà riêng số 9",
    )
    PetitionEvent.objects.create(
        petition=petition, kind=EventKind.NOTE, note=INTERNAL, is_public=False
    )
    _, raw_key = trusted_key
    urls = [
        "discovery",
        "services",
        "services/dat-dai-nha-o",
        "requests",
        f"requests/{petition.tracking_code}",
    ]
    bodies = []
    for fmt in ("json", "xml"):
        for url in urls:
            response = client.get(f"/open311/v2/{url}.{fmt}", {"jurisdiction_id": "hdnd-00167"})
            assert response.status_code == 200
            bodies.append(response.content.decode())
        response = client.post(
            f"/open311/v2/requests.{fmt}",
            {
                "api_key": raw_key,
                "jurisdiction_id": "hdnd-00167",
                "service_code": "dat-dai-nha-o",
                "attribute[ward]": "00167",
                "description": "Một kiến nghị khác",
                "first_name": "Bí Mật",
                "last_name": "Phạm Thị",
                "email": EMAIL,
                "phone": PHONE,
            },
        )
        assert response.status_code == 201
        bodies.append(response.content.decode())
    bodies.append(client.get("/open311/v2/requests.json").content.decode())
    text = "\n".join(bodies)
    assert petition.tracking_code in text
    for secret in (NAME, "Bí Mật", EMAIL, PHONE, "0987 654 321", INTERNAL, UNPUBLISHED, "số 9"):
        assert secret not in text
