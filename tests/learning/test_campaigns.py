"""Campaigns: organisers, ward targets, coverage, CSV, rankings; the officials' report;
display options; the demo loader."""

import csv
import io
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from django.utils import timezone

from accounts.choices import Role
from accounts.services import user_assign_role
from core.choices import CouncilLevel
from core.demo import DEMO_TOTP_SECRET
from core.models import Council, Province
from learning import demo as learning_demo
from learning import selectors, services
from learning.choices import Skill
from learning.models import Campaign, CampaignTarget, ResidentialGroup, Visit
from tests.factories import UserFactory
from tests.i18n import vi
from tests.learning.conftest import make_ambassador, make_staff, right_answers

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def campaign(cau_giay_council, cau_giay):
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name="45 ngày đêm",
        province=cau_giay.province,
        starts_on=today - timedelta(days=5),
        ends_on=today + timedelta(days=40),
    )
    CampaignTarget.objects.create(campaign=campaign, ward=cau_giay, households=10, residents=20)
    return campaign


@pytest.fixture
def visits(campaign, cau_giay):
    group = ResidentialGroup.objects.create(ward=cau_giay, name="Tổ dân phố số 3")
    first, second = make_ambassador(cau_giay), make_ambassador(cau_giay)
    for ambassador, count in ((first, 3), (second, 1)):
        for _n in range(count):
            services.visit_record(
                ambassador=ambassador,
                ward=cau_giay,
                residential_group=group,
                resident_name="Hộ mẫu",
                consent=True,
                skills=[Skill.IDENTITY_APP, Skill.CASHLESS_PAYMENT],
                minutes=20,
                people_helped=2,
            )
    return first, second


def test_visits_count_towards_the_campaign(campaign, visits):
    assert Visit.objects.filter(campaign=campaign).count() == 4
    coverage = selectors.campaign_coverage(campaign)
    (ward,) = coverage["wards"]
    assert (ward.households, ward.households_target, ward.households_percent) == (4, 10, 40)
    assert (ward.residents, ward.residents_percent, ward.skills) == (8, 40, 8)
    (group,) = coverage["groups"]
    assert group.label.startswith("Tổ dân phố số 3") and group.households == 4
    assert {label: count for label, count, _w in coverage["skills"]}[
        str(Skill.IDENTITY_APP.label)
    ] == 4


def test_organisers_see_coverage_chart_table_and_rankings(campaign, visits, cau_giay_council):
    staff = make_staff(cau_giay_council)
    response = _client(staff).get(f"/hoc/chien-dich/{campaign.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "Phường Cầu Giấy" in html and "4 / 10 (40%)" in html
    first, _second = visits
    assert str(first) in html  # rankings: organisers only
    assert selectors.campaign_rankings(campaign)[0]["ambassador"] == first


def test_organisers_see_only_their_campaigns(campaign, visits, hanoi, dong_da, cau_giay):
    other_ward_staff = make_staff(dong_da.council)
    assert _client(other_ward_staff).get(f"/hoc/chien-dich/{campaign.pk}/").status_code == 404
    assert _client(other_ward_staff).get(f"/hoc/chien-dich/{campaign.pk}/csv/").status_code == 404
    other_province = Province.objects.create(
        code="99", name="Tỉnh Thử", short_name="Thử", division_type="tinh", codename="thu"
    )
    overseer = UserFactory()
    user_assign_role(user=overseer, role=Role.OVERSIGHT, province=other_province)
    TOTP.activate(overseer, DEMO_TOTP_SECRET)
    assert _client(overseer).get(f"/hoc/chien-dich/{campaign.pk}/").status_code == 404
    hanoi_overseer = UserFactory()
    user_assign_role(user=hanoi_overseer, role=Role.OVERSIGHT, province=cau_giay.province)
    TOTP.activate(hanoi_overseer, DEMO_TOTP_SECRET)
    assert _client(hanoi_overseer).get(f"/hoc/chien-dich/{campaign.pk}/").status_code == 200
    province_staff = make_staff(
        Council.objects.get(province=cau_giay.province, level=CouncilLevel.PROVINCE)
    )
    assert _client(province_staff).get(f"/hoc/chien-dich/{campaign.pk}/").status_code == 200
    first, _second = visits  # ambassadors and citizens: no coverage pages, no rankings
    assert _client(first).get(f"/hoc/chien-dich/{campaign.pk}/").status_code == 403
    assert _client(UserFactory()).get("/hoc/chien-dich/").status_code == 403


def test_csv_export(campaign, visits, cau_giay_council):
    response = _client(make_staff(cau_giay_council)).get(f"/hoc/chien-dich/{campaign.pk}/csv/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1:8] == ["Phường Cầu Giấy", "00167", "4", "10", "8", "20", "8"]
    assert rows[2][1].startswith("Tổ dân phố số 3")


def test_an_organiser_starts_a_campaign_and_sets_a_target_with_the_ward_picker(
    cau_giay_council, cau_giay
):
    staff = make_staff(cau_giay_council)
    client = _client(staff)
    today = timezone.localdate()
    response = client.post(
        "/hoc/chien-dich/",
        {"name": "Tháng kỹ năng số", "starts_on": today.isoformat(), "ends_on": today.isoformat()},
    )
    campaign = Campaign.objects.get(name="Tháng kỹ năng số")
    assert response.url == f"/hoc/chien-dich/{campaign.pk}/"
    assert campaign.province == cau_giay.province and campaign.created_by == staff
    search = client.get(f"/hoc/chien-dich/{campaign.pk}/", {"target-q": "cau giay"})
    assert 'value="00167"' in search.content.decode()
    picked = client.get(f"/hoc/chien-dich/{campaign.pk}/", {"target-ward": "00167"})
    assert 'name="households"' in picked.content.decode()
    saved = client.post(
        f"/hoc/chien-dich/{campaign.pk}/",
        {"target-ward": "00167", "households": "300", "residents": "450"},
    )
    assert saved.status_code == 302
    target = CampaignTarget.objects.get(campaign=campaign)
    assert (target.ward, target.households, target.residents) == (cau_giay, 300, 450)
    bad = client.post(
        f"/hoc/chien-dich/{campaign.pk}/",
        {"target-ward": "00167", "households": "0", "residents": "x"},
    )
    assert bad.status_code == 400
    assert CampaignTarget.objects.get(campaign=campaign).households == 300


def test_a_campaign_must_end_after_it_starts(cau_giay_council):
    client = _client(make_staff(cau_giay_council))
    today = timezone.localdate()
    response = client.post(
        "/hoc/chien-dich/",
        {
            "name": "Sai ngày",
            "starts_on": today.isoformat(),
            "ends_on": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert vi("The campaign must end after it starts.") in response.content.decode()
    assert not Campaign.objects.exists()


def test_officials_report_per_council(courses, cau_giay_council, dong_da):
    from learning.models import CoursePage

    officials_course = CoursePage.objects.get(audience="officials")
    lesson = officials_course.lessons().get()
    finished, _pending = make_staff(cau_giay_council), make_staff(cau_giay_council)
    elsewhere = make_staff(dong_da.council)
    _client(finished).post(lesson.url, {"action": "quiz", **right_answers(lesson)})
    report = selectors.officials_report(make_staff(cau_giay_council))
    assert [row["council"] for row in report["rows"]] == [cau_giay_council]
    assert report["rows"][0]["staff"] == 3 and report["rows"][0]["cells"] == [(1, 33)]
    html = _client(elsewhere).get("/hoc/can-bo/").content.decode()
    assert dong_da.council.name in html and cau_giay_council.name not in html
    assert _client(UserFactory()).get("/hoc/can-bo/").status_code == 403


def test_display_options_put_a_class_on_html(client, courses):
    response = client.post(
        "/hoc/hien-thi/", {"large_text": "on", "high_contrast": "on", "next": "/hoc-ky-nang-so/"}
    )
    assert response.status_code == 302 and response.url == "/hoc-ky-nang-so/"
    html = client.get("/hoc-ky-nang-so/").content.decode()
    assert '<html lang="vi" class="text-large high-contrast">' in html
    assert client.post("/hoc/hien-thi/", {"next": "https://evil.example/"}).url == "/"
    assert '<html lang="vi">' in Client().get("/").content.decode()


def test_the_demo_loader_is_idempotent(hanoi):
    from core import demo

    demo.load_demo_content()
    demo.load_demo_users()
    assert learning_demo.load_demo_learning() == {"courses": True, "ambassadors": True}
    assert learning_demo.load_demo_learning() == {"courses": False, "ambassadors": False}
    campaign = Campaign.objects.get()
    assert campaign.targets.get().ward.code == "00167"
    assert Visit.objects.filter(campaign=campaign).count() == 4
