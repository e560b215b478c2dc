"""core.db.insert_rows: a few plain rows in one INSERT … RETURNING, like bulk_create."""

from datetime import date, timedelta

import pytest

from core.db import FEW, insert_rows
from core.models import CalendarDay, Council, HomePage, Province

pytestmark = pytest.mark.django_db


def test_rows_get_their_keys_in_order_in_one_statement(django_assert_num_queries):
    days = [
        CalendarDay(date=date(2031, 1, day), kind="holiday", name=f"Tết {day}")
        for day in range(5, 9)
    ]
    with django_assert_num_queries(1):
        insert_rows(days)
    stored = {day.pk: (day.date, day.name) for day in CalendarDay.objects.filter(date__year=2031)}
    assert stored == {day.pk: (day.date, day.name) for day in days}
    assert all(not day._state.adding and day._state.db == "default" for day in days)


def test_a_foreign_key_saved_after_it_was_assigned_is_taken_up(hanoi):
    province = Province(code="99", name="Thử nghiệm")
    council = Council(level="province", province=province, name="HĐND Thử nghiệm")
    province.save()  # after the assignment: council.province_id is still None
    insert_rows([council])
    council.refresh_from_db()
    assert council.province_id == province.pk
    assert council.updated_at is not None  # auto_now: pre_save ran


def test_an_unsaved_foreign_key_is_refused():
    council = Council(level="province", province=Province(code="98", name="Chưa lưu"), name="X")
    with pytest.raises(ValueError, match="unsaved related object"):
        insert_rows([council])
    assert not Council.objects.filter(name="X").exists()


def test_many_rows_go_to_bulk_create(django_assert_max_num_queries):
    start = date(2030, 1, 1)
    days = [
        CalendarDay(date=start + timedelta(days=n), kind="holiday", name=str(n))
        for n in range(FEW + 5)
    ]
    insert_rows(days)
    assert CalendarDay.objects.filter(date__gte=start).count() == FEW + 5
    assert all(day.pk for day in days)


def test_a_model_with_a_parent_table_is_refused():
    with pytest.raises(TypeError, match="bulk_create"):
        insert_rows([HomePage(title="Trang chủ")])


def test_nothing_to_insert_is_no_statement(django_assert_num_queries):
    with django_assert_num_queries(0):
        insert_rows([])
