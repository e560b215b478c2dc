"""The election page's routes: units, candidates, my ballots, comparison, timeline,
reporting an error, open data and sitemaps."""

import csv
import io
import json
import re

import pytest
from django.core import mail

from elections.choices import BallotLevel
from elections.models import Candidacy, Candidate, ElectoralUnit, ErrorReport
from tests.i18n import vi

pytestmark = pytest.mark.django_db


def _url(page, name, *args):
    return page.url + page.reverse_subpage(name, args=args)


def _ward_unit(election, number=1):
    return ElectoralUnit.objects.get(election=election, level=BallotLevel.WARD, number=number)


def test_unit_page_lists_candidates_in_official_order(client, election_page, demo_elections):
    unit = _ward_unit(demo_elections)
    response = client.get(_url(election_page, "unit", unit.pk))
    assert response.status_code == 200
    html = response.content.decode()
    names = [c.candidate.full_name for c in unit.candidacies.select_related("candidate")]
    positions = [html.index(name) for name in names]
    expected = sorted(names, key=lambda name: Candidate.objects.get(full_name=name).sort_key)
    assert [names[i] for i in sorted(range(len(names)), key=positions.__getitem__)] == expected
    assert "dữ liệu mẫu" in html


def test_list_order_from_the_official_list_wins(client, election_page, demo_elections):
    unit = _ward_unit(demo_elections)
    last = max(unit.candidacies.all(), key=lambda c: c.candidate.sort_key)
    Candidacy.objects.filter(pk=last.pk).update(list_order=1)
    html = client.get(_url(election_page, "unit", unit.pk)).content.decode()
    first_link = re.search(r'class="candidate-name">([^<]+)<', html).group(1)
    assert first_link == last.candidate.full_name


def test_unpublished_units_and_candidates_are_hidden(client, election_page, demo_elections):
    unit = _ward_unit(demo_elections)
    candidate = unit.candidacies.first().candidate
    Candidate.objects.filter(pk=candidate.pk).update(live=False)
    assert (
        candidate.full_name not in client.get(_url(election_page, "unit", unit.pk)).content.decode()
    )
    assert client.get(_url(election_page, "candidate", candidate.pk)).status_code == 404
    ElectoralUnit.objects.filter(pk=unit.pk).update(live=False)
    assert client.get(_url(election_page, "unit", unit.pk)).status_code == 404
    assert client.get(_url(election_page, "unit", 999999)).status_code == 404


def test_candidate_page_has_the_official_fields_and_json_ld(client, election_page, demo_elections):
    candidate = _ward_unit(demo_elections).candidacies.first().candidate
    response = client.get(_url(election_page, "candidate", candidate.pk))
    html = response.content.decode()
    assert candidate.full_name in html and candidate.hometown in html
    assert vi("Date of birth") in html and vi("Workplace") in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Person" and data["name"] == candidate.full_name
    assert data["birthDate"] == candidate.date_of_birth.isoformat()
    assert (
        data["memberOf"][0]["memberOf"]["name"] == "Hội đồng nhân dân phường Cầu Giấy"
        or data["memberOf"]
    )


def test_my_ballots_finds_cau_giay_without_diacritics(client, election_page):
    response = client.get(_url(election_page, "my_ballots"), {"q": "cau giay"})
    assert 'value="00167"' in response.content.decode()
    response = client.get(_url(election_page, "my_ballots"), {"ward": "00167"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="card ballot ') == 3
    assert vi("National Assembly") in html and "tap-bo-phieu" in html


def test_my_ballots_with_an_unknown_ward_says_so(client, election_page):
    response = client.get(_url(election_page, "my_ballots"), {"ward": "99999"})
    assert response.status_code == 400
    assert (
        vi(
            "We do not know the ward or commune code “%(code)s”. "
            "Please search again and choose from the list.",
            code="99999",
        )
        in response.content.decode()
    )


def test_compare_page_shows_the_same_fields_for_everyone(client, election_page, demo_elections):
    unit = _ward_unit(demo_elections)
    html = client.get(_url(election_page, "compare", unit.pk)).content.decode()
    count = unit.candidacies.count()
    assert html.count('class="compare-card"') == count
    assert html.count(vi("Date of joining the Party")) == count


def test_practice_ballot_says_whether_it_would_count(client, demo_elections):
    from elections.models import Election

    practice = Election.objects.get(slug="tap-bo-phieu")
    page, unit = practice.page, practice.units.get()
    ids = list(unit.candidacies.values_list("pk", flat=True))
    url = _url(page, "practice", unit.pk)
    assert (
        vi("Not valid: you struck out every name.")
        in client.get(url, {"struck": ids}).content.decode()
    )
    valid = client.get(url, {"struck": ids[:2]}).content.decode()
    assert vi("Valid: you kept %(kept)d of %(seats)d names allowed.", kept=3, seats=3) in valid
    too_many = client.get(url, {"struck": ids[:1]}).content.decode()
    assert "verdict--invalid" in too_many


def test_timeline_per_province(client, election_page):
    html = client.get(_url(election_page, "timeline"), {"tinh": "01"}).content.decode()
    assert vi("Election day") in html and "Dữ liệu mẫu." in html
    assert client.get(_url(election_page, "timeline"), {"tinh": "zz"}).status_code == 200


def test_level_and_province_lists(client, election_page):
    html = client.get(_url(election_page, "level", "quoc-hoi")).content.decode()
    assert "Thành phố Hà Nội" in html
    html = client.get(_url(election_page, "level_province", "hdnd-xa", "01")).content.decode()
    assert "Hội đồng nhân dân phường Cầu Giấy" in html
    assert client.get(_url(election_page, "level", "khong-co")).status_code == 404


def test_report_an_error_reaches_editors_and_is_rate_limited(
    client, election_page, demo_elections, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    from elections.services import EDITORS_GROUP
    from tests.factories import UserFactory

    UserFactory(email="bt@example.vn").groups.add(Group.objects.get(name=EDITORS_GROUP))
    candidate = _ward_unit(demo_elections).candidacies.first().candidate
    url = _url(election_page, "report_error")
    bad = client.post(url, {"ung_vien": candidate.pk, "description": "sai", "contact": "0912"})
    assert bad.status_code == 400 and 'value="0912"' in bad.content.decode()
    good = {"ung_vien": candidate.pk, "description": "Năm sinh sai so với bản niêm yết."}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, good)
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert report.candidate == candidate and mail.outbox[-1].to == ["bt@example.vn"]
    for _ in range(4):
        client.post(url, good)
    assert client.post(url, good).status_code == 429
    assert ErrorReport.objects.count() == 5


POPOLO = {
    # field → allowed JSON types, from the Popolo schemas (popoloproject.com/schemas)
    "persons": {
        "id": str,
        "name": str,
        "family_name": str,
        "given_name": str,
        "sort_name": str,
        "gender": str,
        "birth_date": str,
        "national_identity": str,
        "links": list,
        "sources": list,
        "updated_at": str,
    },
    "organizations": {"id": str, "name": str, "classification": str},
    "posts": {"id": str, "label": str, "role": str, "organization_id": str, "area_id": str},
    "areas": {"id": str, "name": str, "identifier": str, "classification": str, "parent_id": str},
    "memberships": {
        "id": str,
        "person_id": str,
        "organization_id": str,
        "post_id": str,
        "role": str,
        "label": str,
    },
}
REQUIRED = {
    "posts": {"id", "label", "role", "organization_id"},
    "memberships": {"person_id", "organization_id"},
}


def _check_popolo(data):
    assert set(data) == set(POPOLO)
    ids = {kind: {item["id"] for item in data[kind]} for kind in POPOLO}
    for kind, fields in POPOLO.items():
        for item in data[kind]:
            assert set(item) <= set(fields), (kind, set(item) - set(fields))
            assert REQUIRED.get(kind, set()) <= set(item)
            for key, value in item.items():
                assert isinstance(value, fields[key]), (kind, key, value)
    for membership in data["memberships"]:
        assert membership["role"] == "candidate"
        assert membership["person_id"] in ids["persons"]
        assert membership["post_id"] in ids["posts"]
        assert membership["organization_id"] in ids["organizations"]
    for post in data["posts"]:
        assert post["area_id"] in ids["areas"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["persons"][0]["birth_date"])


def test_popolo_export_follows_the_popolo_classes(client, election_page, demo_elections):
    data = client.get(_url(election_page, "popolo")).json()
    _check_popolo(data)
    assert len(data["persons"]) == Candidate.objects.filter(election=demo_elections).count()
    unit = _ward_unit(demo_elections)
    unit_data = client.get(_url(election_page, "unit_popolo", unit.pk)).json()
    _check_popolo(unit_data)
    assert len(unit_data["memberships"]) == unit.candidacies.count()
    ward_areas = [a for a in data["areas"] if a["id"].startswith("xa-")]
    assert len(ward_areas) == 126


def test_csv_export(client, election_page, demo_elections):
    unit = _ward_unit(demo_elections)
    response = client.get(_url(election_page, "unit_csv", unit.pk))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == unit.candidacies.count()
    assert {row["unit_id"] for row in rows} == {str(unit.pk)}
    everything = client.get(_url(election_page, "csv")).content.decode("utf-8-sig")
    assert everything.count("\n") == Candidate.objects.filter(election=demo_elections).count() + 1


def test_sitemaps(client, election_page, demo_elections):
    site_map = client.get("/sitemap.xml").content.decode()
    unit = _ward_unit(demo_elections)
    assert f"{election_page.url}don-vi/{unit.pk}/" in site_map
    assert f"{election_page.url}la-phieu-cua-toi/" in site_map
    candidates = client.get(_url(election_page, "candidate_sitemap"))
    assert candidates["Content-Type"] == "application/xml"
    assert (
        candidates.content.decode().count("<url>")
        == Candidate.objects.filter(election=demo_elections).count()
    )
    assert client.get(_url(election_page, "candidate_sitemap"), {"p": "9"}).status_code == 404


def test_the_main_menu_leads_to_the_election_while_it_is_published(client, election_page):
    menu = client.get("/").content.decode().split("</nav>")[0]
    assert f'href="{election_page.url}">Bầu cử</a>' in menu
    election_page.unpublish()
    menu = client.get("/").content.decode().split("</nav>")[0]
    assert f'href="{election_page.url}"' not in menu  # the cached address was refreshed
