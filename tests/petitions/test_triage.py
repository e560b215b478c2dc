"""Staff-side services: assignment, notes, audited contact views, status changes with the
version check, transfers, merges, commitments, bulk actions, dossiers and deadlines."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from core.models import Council
from petitions import selectors
from petitions.choices import CommitmentStatus, DeadlineState, EventKind, Status
from petitions.models import Agency, CoSignature, Petition, PetitionEvent
from petitions.services import triage
from petitions.tasks import deadline_digest
from tests.factories import UserFactory
from tests.petitions.conftest import force_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(file_petition):
    return file_petition()


def test_assign_to_a_colleague_and_an_agency_is_audited(petition, staff, make_staff):
    colleague = make_staff(council=petition.council)
    agency = Agency.objects.create(council=petition.council, name="Phòng Kinh tế")
    version = petition.version
    triage.petition_assign(
        petition=petition, actor=staff, assignee=colleague, agency=agency, version=version
    )
    petition.refresh_from_db()
    assert (petition.assignee, petition.agency) == (colleague, agency)
    assert petition.version == version + 1
    event = petition.events.get(kind=EventKind.ASSIGNED)
    assert (event.actor, event.is_public, event.data["agency"]) == (staff, False, "Phòng Kinh tế")


def test_only_the_councils_own_staff_and_agencies_can_be_assigned(
    petition, staff, make_staff, hanoi_council
):
    outsider = make_staff(council=hanoi_council)
    with pytest.raises(ValidationError):
        triage.petition_assign(petition=petition, actor=staff, assignee=outsider)
    agency = Agency.objects.create(council=hanoi_council, name="Sở Tài nguyên và Môi trường")
    with pytest.raises(ValidationError):
        triage.petition_assign(petition=petition, actor=staff, assignee=None, agency=agency)
    with pytest.raises(PermissionDenied):
        triage.petition_assign(petition=petition, actor=outsider, assignee=outsider)


def test_a_stale_form_is_refused_and_nothing_is_written(petition, staff):
    drawn_from = petition.version
    triage.petition_assign(petition=petition, actor=staff, assignee=staff, version=drawn_from)
    with pytest.raises(ValidationError) as error:
        triage.petition_staff_transition(
            petition=petition, actor=staff, to=Status.ACCEPTED, version=drawn_from
        )
    assert error.value.code == "stale"
    petition.refresh_from_db()
    assert petition.status == Status.RECEIVED


def test_a_forbidden_transition_says_so(petition, staff):
    with pytest.raises(ValidationError, match="không thể"):
        triage.petition_staff_transition(petition=petition, actor=staff, to=Status.CLOSED)


def test_contact_view_is_logged_and_refused_to_others(petition, staff, make_staff, hanoi):
    from accounts.choices import Role
    from core.models import Province

    triage.petition_contact_view(petition=petition, actor=staff)
    assert petition.events.filter(kind=EventKind.CONTACT_VIEWED, actor=staff).count() == 1
    overseer = make_staff(Role.OVERSIGHT, province=Province.objects.get(code="01"))
    with pytest.raises(PermissionDenied):
        triage.petition_contact_view(petition=petition, actor=overseer)


def test_internal_note_is_not_public(petition, staff):
    triage.petition_note_add(petition=petition, actor=staff, note="Đã gọi điện cho phường.")
    assert selectors.petition_public_events(petition)[-1].kind != EventKind.NOTE
    with pytest.raises(ValidationError):
        triage.petition_note_add(petition=petition, actor=staff, note="   ")


def test_transfer_is_a_handshake(petition, staff, make_staff, hanoi_council):
    city_staff = make_staff(council=hanoi_council)
    triage.petition_staff_transition(
        petition=petition,
        actor=staff,
        to=Status.TRANSFER_REQUESTED,
        transfer_to=hanoi_council,
        note="Thuộc thẩm quyền thành phố.",
    )
    petition.refresh_from_db()
    # The receiving council sees it, the sender can no longer move it meanwhile.
    assert selectors.staff_petition(city_staff, petition.pk) is not None
    with pytest.raises(ValidationError):
        triage.petition_staff_transition(petition=petition, actor=staff, to=Status.ACCEPTED)
    with pytest.raises(ValidationError):
        triage.petition_transfer_decide(petition=petition, actor=city_staff, accept=False)
    with pytest.raises(PermissionDenied):
        triage.petition_transfer_decide(petition=petition, actor=staff, accept=True)
    triage.petition_transfer_decide(petition=petition, actor=city_staff, accept=True)
    petition.refresh_from_db()
    assert (petition.status, petition.council) == (Status.RECEIVED, hanoi_council)
    assert selectors.staff_petition(staff, petition.pk) is None


def test_declined_transfer_goes_back_where_it_was(petition, staff, make_staff, hanoi_council):
    city_staff = make_staff(council=hanoi_council)
    triage.petition_staff_transition(petition=petition, actor=staff, to=Status.ACCEPTED)
    triage.petition_staff_transition(
        petition=petition, actor=staff, to=Status.TRANSFER_REQUESTED, transfer_to=hanoi_council
    )
    triage.petition_transfer_decide(
        petition=petition, actor=city_staff, accept=False, note="Thuộc thẩm quyền phường."
    )
    petition.refresh_from_db()
    assert (petition.status, petition.council) == (Status.ACCEPTED, staff.council)


def test_merge_by_tracking_code_carries_supporters_over(petition, file_petition, staff):
    duplicate = file_petition(title="Trùng lặp", petitioner=UserFactory())
    supporter = UserFactory()
    CoSignature.objects.create(petition=duplicate, user=supporter)
    triage.petition_staff_transition(
        petition=duplicate,
        actor=staff,
        to=Status.MERGED,
        merged_into_code=petition.display_code,
        note="Cùng nội dung.",
    )
    duplicate.refresh_from_db()
    petition.refresh_from_db()
    assert duplicate.merged_into == petition
    assert set(petition.cosignatures.values_list("user", flat=True)) == {
        supporter.pk,
        duplicate.petitioner_id,
    }
    assert petition.cosigner_count == 2


def test_commitment_is_public_and_followed(petition, staff):
    commitment = triage.commitment_add(
        petition=petition,
        actor=staff,
        description="Sửa đèn đường ngõ 12",
        due_on=date.today() + timedelta(days=10),
        owner="Phòng Kinh tế – Hạ tầng",
    )
    event = petition.events.get(kind=EventKind.COMMITMENT)
    assert event.is_public and event.notifications.exists()
    triage.commitment_set_status(commitment=commitment, actor=staff, status=CommitmentStatus.DONE)
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DONE and commitment.done_at
    with pytest.raises(ValidationError):
        triage.commitment_add(
            petition=petition,
            actor=staff,
            description="x",
            due_on=date.today() - timedelta(days=1),
            owner="y",
        )


def test_bulk_status_change_reports_what_the_table_forbids(file_petition, staff):
    movable = [file_petition(title=f"Kiến nghị {n}") for n in range(3)]
    stuck = force_status(file_petition(title="Đã trả lời"), Status.ANSWERED)
    result = triage.petitions_bulk_transition(
        actor=staff, petition_ids=[p.pk for p in [*movable, stuck]], to=Status.ACCEPTED
    )
    assert result.done == 3
    assert [p.pk for p, _reason in result.refused] == [stuck.pk]
    assert Petition.objects.filter(status=Status.ACCEPTED).count() == 3
    assert PetitionEvent.objects.filter(kind=EventKind.STATUS, actor=staff).count() == 3


def test_bulk_actions_skip_petitions_out_of_scope(file_petition, staff, make_staff, hanoi_council):
    mine = file_petition()
    theirs = force_status(file_petition(title="Khác"), Status.RECEIVED, council=hanoi_council)
    result = triage.petitions_bulk_assign(
        actor=staff, petition_ids=[mine.pk, theirs.pk], assignee=staff
    )
    assert result.done == 1
    theirs.refresh_from_db()
    assert theirs.assignee is None


def test_export_is_audited_per_petition(file_petition, staff):
    petitions = [file_petition(title=f"Kiến nghị {n}") for n in range(2)]
    assert (
        triage.petitions_export_record(
            actor=staff, petition_ids=[p.pk for p in petitions], file_format="xlsx"
        )
        == 2
    )
    assert PetitionEvent.objects.filter(kind=EventKind.EXPORTED, actor=staff).count() == 2


def test_dossier_carries_unresolved_items_over(file_petition, staff):
    first = file_petition(title="Kỳ trước, chưa xong")
    answered = file_petition(title="Kỳ trước, đã trả lời")
    today = date.today()
    old = triage.dossier_compile(
        actor=staff,
        council=staff.council,
        title="Kỳ họp thứ nhất",
        period_start=today - timedelta(days=60),
        period_end=today,
    )
    assert set(old.petitions.all()) == {first, answered}
    force_status(answered, Status.ANSWERED)
    new = triage.dossier_compile(
        actor=staff,
        council=staff.council,
        title="Kỳ họp thứ hai",
        period_start=today + timedelta(days=1),
        period_end=today + timedelta(days=90),
    )
    items = {item.petition_id: item.is_carried_over for item in new.items.all()}
    assert items == {first.pk: True}


def test_deadline_marks_and_one_digest_per_person(file_petition, staff, make_staff):
    lead = make_staff(council=staff.council, is_council_lead=True, email="truong@example.vn")
    today = date.today()
    late = file_petition(title="Quá hạn")
    soon = file_petition(title="Sắp đến hạn")
    fine = file_petition(title="Còn hạn")
    Petition.objects.filter(pk=late.pk).update(deadline=today - timedelta(days=1), assignee=staff)
    Petition.objects.filter(pk=soon.pk).update(deadline=today, assignee=staff)
    Petition.objects.filter(pk=fine.pk).update(deadline=today + timedelta(days=60))
    mail.outbox.clear()
    result = deadline_digest.delay().get()
    states = dict(Petition.objects.values_list("pk", "deadline_state"))
    assert states == {
        late.pk: DeadlineState.OVERDUE,
        soon.pk: DeadlineState.DUE_SOON,
        fine.pk: DeadlineState.ON_TIME,
    }
    assert result["digests"] == 2
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([staff.email, lead.email])
    assert "Quá hạn" in mail.outbox[0].body and "Còn hạn" not in mail.outbox[0].body
    # Run twice the same day: nobody gets a second mail.
    assert deadline_digest.delay().get()["digests"] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_events_cannot_be_edited_on_postgresql(petition):
    event = petition.events.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        PetitionEvent.objects.filter(pk=event.pk).update(note="sửa lịch sử")


def test_council_lists_only_its_own(file_petition, staff, hanoi_council):
    mine = file_petition()
    theirs = force_status(file_petition(title="Khác"), Status.RECEIVED, council=hanoi_council)
    visible = set(selectors.petitions_for_staff(staff))
    assert mine in visible and theirs not in visible
    assert not Council.objects.filter(pk=0).exists()


def test_commitments_show_on_the_public_status_page(client, petition, staff):
    triage.commitment_add(
        petition=petition,
        actor=staff,
        description="Lắp lại đèn chiếu sáng ngõ 12",
        due_on=date.today() + timedelta(days=7),
        owner="UBND phường Cầu Giấy",
    )
    page = client.get(f"/kien-nghi/{petition.tracking_code}/").content.decode()
    assert "Lắp lại đèn chiếu sáng ngõ 12" in page and "UBND phường Cầu Giấy" in page
    assert petition.contact_email not in page


def test_demo_petitions_load_once(cau_giay):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    count = Petition.objects.count()
    assert count == 5
    assert Petition.objects.filter(status=Status.ANSWERED).count() == 0  # rated → closed
    assert Petition.objects.filter(status=Status.CLOSED).count() == 1
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Petition.objects.count() == count


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        # Filed Friday 6 February 2026: 20 working days skip Tết Bính Ngọ (16–20 February).
        (date(2026, 2, 6), date(2026, 3, 13)),
        # Filed Monday 7 April 2025 (Giỗ Tổ): 20 working days; 30 April, 1 and 2 May are
        # days off and Saturday 26 April is a compensatory working day that counts.
        (date(2025, 4, 7), date(2025, 5, 7)),
    ],
)
def test_deadlines_cross_tet_and_a_compensatory_day(monkeypatch, file_petition, received, deadline):
    from petitions import services

    monkeypatch.setattr(services, "_today", lambda: received)
    petition = file_petition()
    assert petition.answer_working_days == 20
    assert petition.deadline == deadline
    # The night before the deadline the case is nearly overdue; the day after, overdue.
    triage.petitions_mark_deadlines(today=deadline - timedelta(days=1))
    petition.refresh_from_db()
    assert petition.deadline_state == DeadlineState.DUE_SOON
    triage.petitions_mark_deadlines(today=deadline + timedelta(days=1))
    petition.refresh_from_db()
    assert petition.deadline_state == DeadlineState.OVERDUE


def test_leads_are_reminded_of_commitments_due_within_a_week(petition, staff, make_staff):
    lead = make_staff(council=staff.council, is_council_lead=True, email="lanh.dao@example.vn")
    soon = triage.commitment_add(
        petition=petition,
        actor=staff,
        description="Nạo vét cống ngõ 5",
        due_on=date.today() + timedelta(days=3),
        owner="Phòng Kinh tế",
    )
    triage.commitment_add(
        petition=petition,
        actor=staff,
        description="Trồng lại cây xanh",
        due_on=date.today() + timedelta(days=60),
        owner="Phòng Kinh tế",
    )
    digests = selectors.deadline_digests()
    assert [c.pk for c in digests[lead][1]] == [soon.pk]
