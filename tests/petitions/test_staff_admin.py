"""The queue and case page in the Wagtail admin, and the permission matrix: every role ×
every view, action, export, search and bulk action. A petition of another council is never
shown: 404 by URL, absent from listings, searches, exports and bulk selections."""

import pytest
from django.urls import reverse

from accounts.choices import Role
from core.models import Province
from petitions.choices import EventKind, Status
from petitions.models import Petition, PetitionEvent
from tests.factories import UserFactory
from tests.i18n import vi
from tests.petitions.conftest import force_status, index

pytestmark = pytest.mark.django_db

MINE = "Đèn đường ngõ 12 hỏng"
THEIRS = "Ô nhiễm sông Tô Lịch đoạn Cầu Giấy"


@pytest.fixture
def mine(file_petition):
    petition = file_petition(title=MINE)
    index(petition)
    return petition


@pytest.fixture
def theirs(file_petition, hanoi_council):
    petition = force_status(file_petition(title=THEIRS), Status.RECEIVED, council=hanoi_council)
    index(petition)
    return petition


@pytest.fixture
def people(make_staff, staff, hanoi_council, hanoi):
    return {
        "staff": staff,
        "other_council_staff": make_staff(council=hanoi_council),
        "oversight": make_staff(Role.OVERSIGHT, province=Province.objects.get(code="01")),
        "administrator": make_staff(Role.ADMINISTRATOR),
        "editor": make_staff(Role.EDITOR),
        "citizen": UserFactory(),
    }


def _get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


QUEUE = reverse("petitions_queue:index")

# role → (sees MINE, sees THEIRS, may act on MINE)
MATRIX = {
    "staff": (True, False, True),
    "other_council_staff": (False, True, False),
    "oversight": (True, True, False),
    "administrator": (True, True, False),
    "editor": (False, False, False),
    "citizen": (False, False, False),
}


@pytest.mark.parametrize("role", MATRIX)
def test_permission_matrix(client, people, mine, theirs, role):
    sees_mine, sees_theirs, acts = MATRIX[role]
    user = people[role]

    listing = _get(client, user, QUEUE).content.decode()
    assert (MINE in listing) is sees_mine
    assert (THEIRS in listing) is sees_theirs

    for petition, sees in ((mine, sees_mine), (theirs, sees_theirs)):
        case = _get(client, user, reverse("petitions_queue:case", args=[petition.pk]))
        if sees:
            assert case.status_code == 200
        else:
            assert case.status_code in (302, 403, 404)
            assert petition.title not in case.content.decode()

    search = _get(client, user, QUEUE, q="Tô Lịch").content.decode()
    assert (THEIRS in search) is sees_theirs

    export = _get(client, user, QUEUE, export="csv")
    exported = (
        b"".join(export.streaming_content).decode()
        if export.status_code == 200 and export.streaming
        else ""
    )
    assert (MINE in exported) is sees_mine
    assert (THEIRS in exported) is sees_theirs

    bulk = _get(
        client,
        user,
        reverse("wagtail_bulk_action", args=["petitions", "petition", "assign"]),
        id=[mine.pk, theirs.pk],
    )
    body = bulk.content.decode()
    assert THEIRS not in body or sees_theirs
    assert (MINE in body and bulk.status_code == 200) is (sees_mine and acts) or not acts

    # Acting: only the council holding the petition.
    client.force_login(user)
    response = client.post(
        reverse("petitions_queue:case", args=[mine.pk]),
        {"action": "note", "note-note": "Ghi chú nội bộ"},
    )
    noted = PetitionEvent.objects.filter(petition=mine, kind=EventKind.NOTE).exists()
    assert noted is acts
    if not acts:
        assert response.status_code in (302, 403, 404)


def test_case_page_actions_end_to_end(client, staff, mine):
    client.force_login(staff)
    url = reverse("petitions_queue:case", args=[mine.pk])
    page = client.get(url).content.decode()
    assert mine.contact_email not in page  # hidden until asked for, then logged
    shown = client.post(url, {"action": "contact"}).content.decode()
    assert mine.contact_email in shown
    assert PetitionEvent.objects.filter(petition=mine, kind=EventKind.CONTACT_VIEWED).count() == 1

    mine.refresh_from_db()
    response = client.post(
        url,
        {
            "action": "transition",
            "transition-version": mine.version,
            "transition-to": Status.ACCEPTED,
            "transition-note": "",
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Status.ACCEPTED

    response = client.post(
        url,
        {"action": "answer", "answer-version": mine.version, "answer-answer": "Đã sửa xong."},
    )
    mine.refresh_from_db()
    assert mine.status == Status.ANSWERED and mine.answer == "Đã sửa xong."


def test_stale_form_rerenders_with_a_clear_message(client, staff, mine):
    client.force_login(staff)
    url = reverse("petitions_queue:case", args=[mine.pk])
    old_version = mine.version
    Petition.objects.filter(pk=mine.pk).update(version=old_version + 1)
    response = client.post(
        url,
        {
            "action": "transition",
            "transition-version": old_version,
            "transition-to": Status.ACCEPTED,
            "transition-note": "Đã nhận",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        vi(
            "Someone else changed this petition after you opened it. Nothing was saved: "
            "read the latest version and try again."
        )
        in body
    )
    assert "Đã nhận" in body  # what was typed is kept
    mine.refresh_from_db()
    assert mine.status == Status.RECEIVED


def test_saved_views_and_filters(client, staff, file_petition):
    assigned = file_petition(title="Cống thoát nước tắc")
    file_petition(title="Chưa ai nhận")
    Petition.objects.filter(pk=assigned.pk).update(assignee=staff)
    client.force_login(staff)
    mine = client.get(QUEUE, {"view": "mine"}).content.decode()
    assert "Cống thoát nước tắc" in mine and "Chưa ai nhận" not in mine
    unassigned = client.get(QUEUE, {"view": "unassigned"}).content.decode()
    assert "Chưa ai nhận" in unassigned and "Cống thoát nước tắc" not in unassigned
    by_status = client.get(QUEUE, {"status": [Status.ANSWERED]}).content.decode()
    assert "Cống thoát nước tắc" not in by_status


def test_bulk_assign_and_status_change(client, staff, file_petition):
    petitions = [file_petition(title=f"Kiến nghị số {n}") for n in range(3)]
    client.force_login(staff)
    ids = "&".join(f"id={p.pk}" for p in petitions)
    url = reverse("wagtail_bulk_action", args=["petitions", "petition", "change_status"])
    response = client.post(f"{url}?{ids}", {"to": Status.ACCEPTED, "note": "", "reason": ""})
    assert response.status_code == 302
    assert Petition.objects.filter(status=Status.ACCEPTED).count() == 3
    url = reverse("wagtail_bulk_action", args=["petitions", "petition", "assign"])
    client.post(f"{url}?{ids}", {"assignee": staff.pk, "agency": ""})
    assert Petition.objects.filter(assignee=staff).count() == 3


def test_export_xlsx_of_the_queue(client, staff, mine):
    client.force_login(staff)
    response = client.get(QUEUE, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert PetitionEvent.objects.filter(petition=mine, kind=EventKind.EXPORTED).exists()


DASHBOARD = reverse("petitions_dashboard")


def test_dashboard_figures_and_exports(client, staff, file_petition):
    from petitions.services import triage

    answered = file_petition(title="Đã trả lời")
    file_petition(title="Đang mở")
    triage.petition_staff_transition(petition=answered, actor=staff, to=Status.ACCEPTED)
    triage.petition_staff_transition(
        petition=answered, actor=staff, to=Status.ANSWERED, answer="Đã xử lý."
    )
    client.force_login(staff)
    page = client.get(DASHBOARD)
    assert page.status_code == 200
    figures = page.context["figures"]
    assert figures["open_total"] == 1
    assert figures["median_days_to_answer"] == 0
    assert sum(week["received"] for week in figures["trend"]) == 2
    assert sum(week["answered"] for week in figures["trend"]) == 1
    csv = client.get(DASHBOARD, {"export": "csv"}).content.decode()
    assert "Đất đai, nhà ở" in csv
    xlsx = client.get(DASHBOARD, {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(
    ("role", "status"),
    [("staff", 200), ("oversight", 200), ("editor", 404), ("citizen", 302)],
)
def test_dashboard_scope(client, people, theirs, role, status):
    client.force_login(people[role])
    response = client.get(DASHBOARD, {"council": theirs.council_id})
    assert response.status_code == status
    if role == "staff":  # asked for another council: gets its own
        assert response.context["council"] == people["staff"].council


def test_dossier_compiled_and_printed_in_scope(client, staff, people, file_petition):
    file_petition(title="Kiến nghị cho kỳ họp")
    client.force_login(staff)
    response = client.post(
        reverse("petitions_dossiers"),
        {"title": "Kỳ họp thứ hai", "period_start": "2026-01-01", "period_end": "2026-12-31"},
    )
    assert response.status_code == 302
    report = client.get(response.url).content.decode()
    assert "Kiến nghị cho kỳ họp" in report and "Đất đai, nhà ở" in report
    client.force_login(people["other_council_staff"])
    assert client.get(response.url).status_code == 404
    bad = client.post(
        reverse("petitions_dossiers"),
        {"title": "Sai", "period_start": "2026-12-31", "period_end": "2026-01-01"},
    )
    assert bad.status_code == 200  # the form comes back with the error


def test_staff_open_evidence_and_it_is_logged(client, staff, people, mine):
    from petitions.services import attachment_add
    from tests.uploads import png

    attachment = attachment_add(upload=png(), petition=mine)
    url = reverse("petitions_queue:attachment", args=[mine.pk, attachment.pk])
    client.force_login(staff)
    assert "anh.png" in client.get(reverse("petitions_queue:case", args=[mine.pk])).content.decode()
    assert client.get(url).status_code == 200
    assert PetitionEvent.objects.filter(petition=mine, kind=EventKind.FILE_VIEWED).count() == 1
    for role in ("other_council_staff", "oversight", "editor"):
        client.force_login(people[role])
        assert client.get(url).status_code in (302, 404)
    assert PetitionEvent.objects.filter(petition=mine, kind=EventKind.FILE_VIEWED).count() == 1


ACTIONS = {
    "assign": lambda p, u: {
        "assign-version": p.version,
        "assign-assignee": "",
        "assign-agency": "",
    },
    "transition": lambda p, u: {
        "transition-version": p.version,
        "transition-to": Status.ACCEPTED,
    },
    "commitment": lambda p, u: {
        "commitment-description": "Sửa đèn",
        "commitment-due_on": "2099-01-01",
        "commitment-owner": "Phường",
    },
    "contact": lambda p, u: {},
    "publish": lambda p, u: {"publish": "1"},
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", MATRIX)
def test_every_case_action_only_for_the_council_holding_it(client, people, mine, role, action):
    _sees, _sees_theirs, acts = MATRIX[role]
    before = PetitionEvent.objects.filter(petition=mine).count()
    client.force_login(people[role])
    response = client.post(
        reverse("petitions_queue:case", args=[mine.pk]),
        {"action": action, **ACTIONS[action](mine, people[role])},
    )
    written = PetitionEvent.objects.filter(petition=mine).count() > before
    assert written is acts, response.status_code
    if not acts:
        assert response.status_code in (302, 403, 404)
        assert mine.contact_email not in response.content.decode()


@pytest.mark.parametrize("role", MATRIX)
@pytest.mark.parametrize("view", ["petitions_dashboard", "petitions_dossiers"])
def test_reports_are_scoped(client, people, mine, theirs, role, view):
    sees_mine, sees_theirs, _acts = MATRIX[role]
    client.force_login(people[role])
    response = client.get(reverse(view))
    if not (sees_mine or sees_theirs):
        assert response.status_code in (302, 403, 404)
        return
    assert response.status_code == 200
    if view == "petitions_dashboard":
        assert response.context["council"].pk in {mine.council_id, theirs.council_id}
        if not sees_theirs:
            assert response.context["council"].pk == mine.council_id


def test_queue_search_folds_vietnamese_and_stays_in_scope(client, staff, mine, theirs):
    client.force_login(staff)
    found = client.get(QUEUE, {"q": "den duong ngo 12"}).content.decode()
    assert MINE in found
    assert THEIRS not in client.get(QUEUE, {"q": "song to lich"}).content.decode()
    by_code = client.get(QUEUE, {"q": mine.display_code.lower()}).content.decode()
    assert MINE in by_code


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("staff", {"topic", "assignee", "status"}, {"council", "ward"}),  # a ward council
        ("other_council_staff", {"ward"}, {"council"}),  # the city's council: its wards
        ("oversight", {"council", "ward"}, set()),
    ],
)
def test_filters_offer_only_real_choices(client, people, role, shown, hidden):
    response = _get(client, people[role], QUEUE)
    filters = set(response.context["filters"].form.fields)
    assert shown <= filters
    assert not hidden & filters


def test_a_transfer_offered_to_the_council_is_found_by_its_search(
    client, people, mine, staff, hanoi_council
):
    """The receiving council searches its queue: the offer is there, though the sending
    council still holds the petition."""
    force_status(mine, Status.TRANSFER_REQUESTED, transfer_to=hanoi_council)
    index(mine)
    body = _get(client, people["other_council_staff"], QUEUE, q="den duong").content.decode()
    assert MINE in body


def test_each_council_is_offered_its_own_staff_to_assign(client, people, make_staff, staff):
    colleague = make_staff(council=staff.council)
    for user in (people["staff"], people["other_council_staff"], people["staff"]):
        form = _get(client, user, QUEUE).context["filters"].form
        offered = set(form.fields["assignee"].queryset)
        assert user in offered
        assert (colleague in offered) == (user.council_id == staff.council_id)
