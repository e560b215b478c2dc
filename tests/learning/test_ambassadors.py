"""Ambassadors: the visit log, enrolling residents, and who sees which residents."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from learning import selectors, services
from learning.choices import Skill
from learning.models import Enrolment, ResidentialGroup, Visit
from tests.factories import UserFactory
from tests.i18n import vi
from tests.learning.conftest import make_ambassador

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _visit_data(ward, **overrides):
    data = {
        "ward": ward.code,
        "resident_name": "Bà Mẫu",
        "resident_phone": "0912345678",
        "skills": [Skill.IDENTITY_APP, Skill.SCAM_AWARENESS],
        "minutes": "30",
        "people_helped": "2",
        "follow_up_on": "",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_an_ambassador_logs_a_visit(ambassador, cau_giay):
    group = ResidentialGroup.objects.create(ward=cau_giay, name="Tổ dân phố số 9")
    response = _client(ambassador).post(
        "/hoc/dai-su/ghi-tham/", _visit_data(cau_giay, residential_group=group.pk)
    )
    assert response.status_code == 302 and response.url == "/hoc/dai-su/da-luu/"
    visit = Visit.objects.get()
    assert visit.ambassador == ambassador and visit.ward == cau_giay
    assert visit.residential_group == group and visit.people_helped == 2
    assert visit.skills == [Skill.IDENTITY_APP, Skill.SCAM_AWARENESS]
    assert visit.consent_at is not None and visit.visited_on == timezone.localdate()


def test_a_visit_in_a_ward_not_covered_is_refused(ambassador, dong_da):
    response = _client(ambassador).post("/hoc/dai-su/ghi-tham/", _visit_data(dong_da))
    assert response.status_code == 400
    assert vi("You do not cover this ward. Choose one of your wards.") in response.content.decode()
    assert not Visit.objects.exists()
    with pytest.raises(ValidationError):
        services.visit_record(
            ambassador=ambassador,
            ward=dong_da,
            resident_name="Ông Mẫu",
            consent=True,
            skills=[Skill.SCAM_AWARENESS],
            minutes=10,
        )
    assert not Visit.objects.exists()


def test_a_visit_without_consent_re_renders_with_what_was_typed(ambassador, cau_giay):
    response = _client(ambassador).post("/hoc/dai-su/ghi-tham/", _visit_data(cau_giay, consent=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert vi("Ask the resident for their consent and tick the box.") in html
    assert 'value="Bà Mẫu"' in html
    assert not Visit.objects.exists()


def test_a_follow_up_in_the_past_is_refused(ambassador, cau_giay):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = _client(ambassador).post(
        "/hoc/dai-su/ghi-tham/", _visit_data(cau_giay, follow_up_on=yesterday)
    )
    assert response.status_code == 400
    assert vi("The follow-up date cannot be in the past.") in response.content.decode()


def test_a_group_of_another_ward_is_refused(ambassador, cau_giay, dong_da):
    elsewhere = ResidentialGroup.objects.create(ward=dong_da, name="Tổ 1")
    with pytest.raises(ValidationError):
        services.visit_record(
            ambassador=ambassador,
            ward=cau_giay,
            residential_group=elsewhere,
            resident_name="Ông Mẫu",
            consent=True,
            skills=[],
            minutes=10,
        )


def test_only_ambassadors_open_the_tools(client, courses):
    citizen = UserFactory()
    assert _client(citizen).get("/hoc/dai-su/").status_code == 403
    assert _client(citizen).get("/hoc/dai-su/ghi-tham/").status_code == 403
    assert Client().get("/hoc/dai-su/").status_code == 302  # to sign in


def test_enrolling_a_resident_creates_an_account_signing_in_by_code(ambassador, scam_course):
    response = _client(ambassador).post(
        "/hoc/dai-su/ghi-danh/",
        {
            "full_name": "Lê Thị Mận",
            "email": "man@example.vn",
            "phone": "0987654321",
            "course": scam_course.pk,
            "consent": "on",
        },
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    resident = enrolment.resident
    assert resident.get_full_name() == "Lê Thị Mận" and resident.phone == "0987654321"
    assert not resident.has_usable_password()  # signs in by a code sent by e-mail
    assert EmailAddress.objects.get(user=resident).email == "man@example.vn"
    assert enrolment.enrolled_by == ambassador and enrolment.consent_at is not None
    assert list(selectors.residents_of_ambassador(ambassador)) == [resident]


def test_enrolling_needs_consent_and_a_new_address(ambassador, scam_course):
    UserFactory(email="taken@example.vn")
    client = _client(ambassador)
    data = {"full_name": "A", "email": "new@example.vn", "course": scam_course.pk}
    response = client.post("/hoc/dai-su/ghi-danh/", data)
    assert response.status_code == 400
    assert vi("Ask the resident for their consent first.") in response.content.decode()
    response = client.post(
        "/hoc/dai-su/ghi-danh/", {**data, "email": "taken@example.vn", "consent": "on"}
    )
    assert response.status_code == 400
    assert not Enrolment.objects.exists()


def test_ambassadors_see_only_the_residents_they_helped(cau_giay, scam_course):
    first = make_ambassador(cau_giay)
    second = make_ambassador(cau_giay)
    mine = services.resident_enrol(
        ambassador=first,
        full_name="Nguyễn Văn Một",
        email="mot@example.vn",
        course=scam_course,
        consent=True,
    ).resident
    theirs = services.resident_enrol(
        ambassador=second,
        full_name="Phạm Văn Hai",
        email="hai@example.vn",
        course=scam_course,
        consent=True,
    ).resident
    page = _client(first).get("/hoc/dai-su/").content.decode()
    assert "Nguyễn Văn Một" in page and "Phạm Văn Hai" not in page
    # Nor can a visit be logged against someone else's resident.
    response = _client(first).post(
        "/hoc/dai-su/ghi-tham/", _visit_data(cau_giay, resident=theirs.pk, resident_name="")
    )
    assert response.status_code == 400
    assert not Visit.objects.exists()
    with pytest.raises(ValidationError):
        services.visit_record(
            ambassador=first, ward=cau_giay, resident=theirs, consent=True, skills=[], minutes=5
        )
    services.visit_record(
        ambassador=first, ward=cau_giay, resident=mine, consent=True, skills=[], minutes=5
    )
    assert Visit.objects.get().resident_name == "Nguyễn Văn Một"


def test_the_ambassador_sees_their_residents_progress(ambassador, scam_course, scam_lesson):
    from tests.learning.conftest import right_answers

    resident = services.resident_enrol(
        ambassador=ambassador,
        full_name="Đỗ Văn Ba",
        email="ba@example.vn",
        course=scam_course,
        consent=True,
    ).resident
    _client(resident).post(scam_lesson.url, {"action": "quiz", **right_answers(scam_lesson)})
    rows = selectors.residents_progress(ambassador)
    assert [(r.resident, r.courses) for r in rows] == [(resident, [(scam_course, 1, 1, True)])]
    page = _client(ambassador).get("/hoc/dai-su/").content.decode()
    assert "Đỗ Văn Ba" in page and "1/1" in page


def test_the_tools_link_to_filing_a_petition_for_a_resident(ambassador):
    page = _client(ambassador).get("/hoc/dai-su/").content.decode()
    assert 'href="/kien-nghi/gui/' in page


def test_an_ambassador_chooses_their_residential_groups(ambassador, cau_giay, dong_da):
    mine = ResidentialGroup.objects.create(ward=cau_giay, name="Tổ dân phố số 1")
    ResidentialGroup.objects.create(ward=cau_giay, name="Tổ dân phố số 2")
    elsewhere = ResidentialGroup.objects.create(ward=dong_da, name="Tổ dân phố số 7")
    client = _client(ambassador)
    assert "Tổ dân phố số 7" not in client.get("/hoc/dai-su/to-dan-pho/").content.decode()
    refused = client.post("/hoc/dai-su/to-dan-pho/", {"groups": [elsewhere.pk]})
    assert refused.status_code == 400
    assert client.post("/hoc/dai-su/to-dan-pho/", {"groups": [mine.pk]}).status_code == 302
    assert list(selectors.groups_of_ambassador(ambassador)) == [mine]
    with pytest.raises(ValidationError):
        services.ambassador_set_groups(ambassador=ambassador, groups=[elsewhere])
    form_html = client.get("/hoc/dai-su/ghi-tham/").content.decode()
    assert "Tổ dân phố số 1" in form_html and "Tổ dân phố số 2" not in form_html
