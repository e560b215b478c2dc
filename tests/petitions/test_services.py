"""Submission, routing and the deadline clock, against a real database."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.calendar import add_working_days
from core.choices import CouncilLevel
from core.models import Province
from petitions import services
from petitions.choices import EventKind, RejectReason, Source, Status
from petitions.models import CompetenceRule, Petition, PetitionEvent
from petitions.services import (
    filing_choice,
    petition_confirm,
    petition_dispute,
    petition_route,
    petition_submit,
    petition_transfer_accept,
    petition_transfer_decline,
    petition_transition,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    """Freeze "today" on a plain Monday, 9 March 2026."""
    day = date(2026, 3, 9)
    monkeypatch.setattr(services, "_today", lambda: day)
    return day


# --- Routing -------------------------------------------------------------------------


def test_ward_topics_go_to_the_ward_council(cau_giay, land):
    routing = petition_route(ward=cau_giay, topic=land)
    assert routing.council.name == "Hội đồng nhân dân phường Cầu Giấy"
    assert routing.rule.province_id is None
    assert routing.answer_working_days == 20


def test_province_topics_go_to_the_city_council(cau_giay, health):
    assert (
        petition_route(ward=cau_giay, topic=health).council.name
        == "Hội đồng nhân dân thành phố Hà Nội"
    )


def test_a_province_can_override_the_default(cau_giay, land):
    hanoi = Province.objects.get(code="01")
    rule = CompetenceRule.objects.create(
        topic=land, province=hanoi, council_level=CouncilLevel.PROVINCE, answer_working_days=30
    )
    routing = petition_route(ward=cau_giay, topic=land)
    assert (routing.rule, routing.council.level, routing.answer_working_days) == (
        rule,
        CouncilLevel.PROVINCE,
        30,
    )


def test_no_rule_means_a_clear_refusal(cau_giay, land):
    land.rules.all().delete()
    with pytest.raises(ValidationError):
        petition_route(ward=cau_giay, topic=land)


def test_the_filing_form_reads_ward_topic_and_route_from_the_cache(
    cau_giay, land, django_assert_num_queries
):
    choice = filing_choice(ward_code=cau_giay.code, topic_id=land.pk)
    assert (choice.ward, choice.topic) == (cau_giay, land)
    assert choice.routing.council.name == "Hội đồng nhân dân phường Cầu Giấy"
    with django_assert_num_queries(0):
        again = filing_choice(ward_code=cau_giay.code, topic_id=land.pk)
    assert again.routing.council == choice.routing.council
    assert again.ward.province.code == "01"

    cau_giay.short_name = "Cầu Giấy mới"
    cau_giay.save()  # a place changed: read afresh
    assert filing_choice(ward_code=cau_giay.code, topic_id=land.pk).ward.short_name == (
        "Cầu Giấy mới"
    )
    land.is_active = False
    land.save()  # a topic withdrawn is no longer offered
    assert filing_choice(ward_code=cau_giay.code, topic_id=land.pk) is None
    assert filing_choice(ward_code="99999", topic_id=land.pk) is None


def test_a_cached_choice_without_a_competent_council_is_refused(cau_giay, land):
    land.rules.all().delete()
    choice = filing_choice(ward_code=cau_giay.code, topic_id=land.pk)
    assert choice.routing is None
    with pytest.raises(ValidationError):
        petition_submit(
            ward=choice.ward,
            topic=choice.topic,
            routing=choice.routing,
            title="Đèn đường hỏng",
            description="Ngõ tối.",
            contact_name="Lan",
            contact_email="lan@example.vn",
        )


def test_the_routing_decision_is_recorded(file_petition):
    petition = file_petition()
    routed = petition.events.get(kind=EventKind.ROUTED)
    assert routed.data["rule"] == petition.routing_rule_id
    assert routed.data["council_level"] == CouncilLevel.WARD
    assert routed.note == "Hội đồng nhân dân phường Cầu Giấy"


# --- Submission ------------------------------------------------------------------------


def test_a_signed_in_citizen_files_straight_to_the_council(file_petition, today):
    petition = file_petition()
    assert petition.status == Status.RECEIVED
    assert petition.council.name == "Hội đồng nhân dân phường Cầu Giấy"
    assert petition.deadline == add_working_days(today, 20)
    assert [e.kind for e in petition.events.all()] == [EventKind.ROUTED, EventKind.STATUS]
    received = petition.events.get(kind=EventKind.STATUS)
    assert (received.from_status, received.to_status, received.actor) == (
        Status.UNCONFIRMED,
        Status.RECEIVED,
        petition.petitioner,
    )


def test_without_an_account_the_petition_waits_for_confirmation(cau_giay, land, today):
    petition = petition_submit(
        ward=cau_giay,
        topic=land,
        title="Đèn đường hỏng",
        description="Ngõ 12 tối om ba tuần nay.",
        contact_name="Trần Văn Ba",
        contact_phone="0912345678",
    )
    assert petition.status == Status.UNCONFIRMED
    assert petition.council is None and petition.deadline is None

    confirmed = petition_confirm(petition=petition)
    again = petition_confirm(petition=petition)  # a second click changes nothing

    assert confirmed.status == again.status == Status.RECEIVED
    assert confirmed.deadline == add_working_days(today, 20)
    assert petition.events.filter(kind=EventKind.ROUTED).count() == 1


def test_a_contact_is_required(cau_giay, land):
    with pytest.raises(ValidationError):
        petition_submit(ward=cau_giay, topic=land, title="t", description="d", contact_name="A")
    assert not Petition.objects.exists()


def test_an_ambassador_must_record_consent(cau_giay, land):
    ambassador = UserFactory()
    arguments = {
        "ward": cau_giay,
        "topic": land,
        "title": "Hỗ trợ người cao tuổi",
        "description": "Bà Hoa chưa nhận trợ cấp.",
        "contact_name": "Lê Thị Hoa",
        "contact_phone": "0987654321",
        "filed_by": ambassador,
    }
    with pytest.raises(ValidationError):
        petition_submit(**arguments)
    petition = petition_submit(**arguments, resident_consent=True)
    assert petition.status == Status.RECEIVED
    assert petition.source == Source.AMBASSADOR
    assert petition.consent_at is not None


def test_tracking_codes_are_unambiguous_and_long_enough(file_petition):
    codes = {file_petition().tracking_code for _ in range(20)}
    assert len(codes) == 20
    for code in codes:
        assert re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTWXYZ]{12}", code)
    petition = Petition.objects.first()
    assert re.fullmatch(r"KN-\w{4}-\w{4}-\w{4}", petition.display_code)


def test_a_colliding_tracking_code_is_drawn_again(file_petition, monkeypatch):
    first = file_petition()
    draws = iter([first.tracking_code, "ABCDEFGHJKMN"])
    monkeypatch.setattr(services, "new_tracking_code", lambda: next(draws))
    assert file_petition().tracking_code == "ABCDEFGHJKMN"


def test_a_draft_sent_twice_is_filed_once(file_petition):
    first = file_petition(tracking_code="ABCDEFGHJKMN")
    with pytest.raises(services.AlreadyFiled) as repeat:
        file_petition(tracking_code="ABCDEFGHJKMN")
    assert repeat.value.petition == first
    assert Petition.objects.count() == 1


def test_a_draft_code_someone_else_holds_is_drawn_again(file_petition, monkeypatch):
    theirs = file_petition(tracking_code="ABCDEFGHJKMN", title="Một kiến nghị khác")
    monkeypatch.setattr(services, "new_tracking_code", lambda: "NMKJHGFEDCBA")
    mine = file_petition(tracking_code="ABCDEFGHJKMN")  # a chance collision, not a repeat
    assert (mine.tracking_code, theirs.tracking_code) == ("NMKJHGFEDCBA", "ABCDEFGHJKMN")


# --- The clock -------------------------------------------------------------------------


def test_waiting_for_the_citizen_pauses_the_deadline(file_petition, monkeypatch):
    monday = date(2026, 3, 9)
    monkeypatch.setattr(services, "_today", lambda: monday)
    petition = file_petition()  # 20 working days → Monday 6 April
    assert petition.deadline == date(2026, 4, 6)

    monkeypatch.setattr(services, "_today", lambda: monday + timedelta(days=3))  # Thursday
    petition = petition_transition(
        petition=petition, to=Status.NEEDS_CLARIFICATION, note="Xin số hồ sơ?"
    )
    assert petition.working_days_used == 3

    monkeypatch.setattr(services, "_today", lambda: monday + timedelta(days=14))  # two weeks later
    petition = petition_transition(petition=petition, to=Status.RECEIVED)
    # 17 working days left from Monday 23 March
    assert petition.deadline == add_working_days(date(2026, 3, 23), 17)


def test_transfer_handshake_accepted_moves_the_council_with_a_fresh_clock(
    file_petition, hanoi_council, today
):
    petition = file_petition()
    petition = petition_transition(
        petition=petition, to=Status.TRANSFER_REQUESTED, transfer_to=hanoi_council
    )
    assert petition.council.level == CouncilLevel.WARD  # still ours until accepted

    petition = petition_transfer_accept(petition=petition, note="Thuộc thẩm quyền thành phố")

    assert petition.status == Status.RECEIVED
    assert petition.council == hanoi_council
    assert petition.transfer_to is None
    assert petition.deadline == add_working_days(today, 20)


def test_transfer_declined_returns_with_a_reason(file_petition, hanoi_council):
    petition = file_petition()
    petition = petition_transition(petition=petition, to=Status.ACCEPTED)
    petition = petition_transition(
        petition=petition, to=Status.TRANSFER_REQUESTED, transfer_to=hanoi_council
    )
    with pytest.raises(ValidationError):
        petition_transfer_decline(petition=petition, note="")
    petition = petition_transfer_decline(petition=petition, note="Thuộc thẩm quyền phường")
    assert petition.status == Status.ACCEPTED
    assert petition.council.level == CouncilLevel.WARD
    assert petition.events.latest("id").note == "Thuộc thẩm quyền phường"


def test_transfer_to_the_same_council_is_refused(file_petition):
    petition = file_petition()
    with pytest.raises(ValidationError):
        petition_transition(
            petition=petition, to=Status.TRANSFER_REQUESTED, transfer_to=petition.council
        )


# --- Outcomes --------------------------------------------------------------------------


def test_not_competent_must_say_where_to_go(file_petition):
    petition = file_petition()
    with pytest.raises(ValidationError):
        petition_transition(
            petition=petition, to=Status.REJECTED, reason=RejectReason.NOT_COMPETENT
        )
    petition = petition_transition(
        petition=petition,
        to=Status.REJECTED,
        reason=RejectReason.NOT_COMPETENT,
        note="Tòa án nhân dân khu vực 1 – Hà Nội",
    )
    assert petition.reject_reason == RejectReason.NOT_COMPETENT
    assert petition.status_note == "Tòa án nhân dân khu vực 1 – Hà Nội"


def test_merge_needs_another_followed_petition(file_petition):
    petition, original = file_petition(), file_petition(title="Cùng vấn đề")
    with pytest.raises(ValidationError):
        petition_transition(petition=petition, to=Status.MERGED, merged_into=petition)
    petition = petition_transition(petition=petition, to=Status.MERGED, merged_into=original)
    assert petition.merged_into == original


def test_an_answer_opens_a_dispute_period_and_a_dispute_reopens(file_petition, monkeypatch, today):
    petition = file_petition()
    petition = petition_transition(petition=petition, to=Status.ACCEPTED)
    with pytest.raises(ValidationError):
        petition_transition(petition=petition, to=Status.ANSWERED, answer="  ")
    petition = petition_transition(petition=petition, to=Status.ANSWERED, answer="Đã giải quyết.")
    assert petition.dispute_until == today + timedelta(days=services.DISPUTE_DAYS)
    assert petition.clock_started_on is None

    petition = petition_dispute(petition=petition, note="Chưa giải quyết xong")
    assert petition.status == Status.REOPENED
    assert petition.deadline == add_working_days(today, 20)


def test_a_late_dispute_is_refused(file_petition, monkeypatch, today):
    petition = file_petition()
    petition = petition_transition(petition=petition, to=Status.ACCEPTED)
    petition = petition_transition(petition=petition, to=Status.ANSWERED, answer="Đã giải quyết.")
    monkeypatch.setattr(
        services, "_today", lambda: today + timedelta(days=services.DISPUTE_DAYS + 1)
    )
    with pytest.raises(ValidationError):
        petition_dispute(petition=petition)
    petition.refresh_from_db()
    assert petition.status == Status.ANSWERED


def test_events_are_stamped_with_who_and_when(file_petition):
    staff = UserFactory()
    petition = file_petition()
    before = timezone.now()
    petition_transition(petition=petition, to=Status.ACCEPTED, actor=staff)
    event = PetitionEvent.objects.filter(petition=petition).latest("id")
    assert event.actor == staff
    assert event.created_at >= before
    assert (event.from_status, event.to_status) == (Status.RECEIVED, Status.ACCEPTED)


def test_database_refuses_a_received_petition_without_a_council(file_petition):
    from django.db import IntegrityError, transaction

    petition = file_petition()
    with pytest.raises(IntegrityError), transaction.atomic():
        Petition.objects.filter(pk=petition.pk).update(council=None)


def test_a_new_holiday_moves_open_deadlines_and_tells_the_petitioner(
    file_petition, monkeypatch, django_capture_on_commit_callbacks
):
    from core.models import CalendarDay, CalendarDayKind
    from petitions.models import Notification

    monkeypatch.setattr(services, "_today", lambda: date(2026, 3, 9))
    petition = file_petition()
    assert petition.deadline == date(2026, 4, 6)
    paused = petition_transition(petition=file_petition(), to=Status.NEEDS_CLARIFICATION)

    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(
            date=date(2026, 3, 20), kind=CalendarDayKind.HOLIDAY, name="Nghỉ đột xuất"
        )

    petition.refresh_from_db()
    assert petition.deadline == date(2026, 4, 7)
    event = petition.events.get(kind=EventKind.DEADLINE)
    assert event.data == {"previous": "2026-04-06", "deadline": "2026-04-07"}
    assert Notification.objects.filter(event=event).exists()
    paused_before = paused.deadline
    paused.refresh_from_db()
    assert paused.deadline == paused_before  # a paused clock is recounted when it resumes
