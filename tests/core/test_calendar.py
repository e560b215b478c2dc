from datetime import date

import pytest

from core.calendar import WorkingCalendar, add_working_days, working_days_between
from core.models import CalendarDay, CalendarDayKind

pytestmark = pytest.mark.django_db


def test_weekdays_count_and_weekends_do_not():
    # Friday 6 March 2026 + 1 working day = Monday 9 March
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)
    assert add_working_days(date(2026, 3, 6), 5) == date(2026, 3, 13)


def test_tet_holidays_from_the_seeded_calendar_are_skipped():
    # Friday 13 February 2026, then Tết Bính Ngọ: 16–20 February are days off.
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)


def test_a_compensatory_saturday_is_a_working_day():
    # 26 April 2025 (Saturday) was worked to make up for 2 May.
    calendar = WorkingCalendar(date(2025, 4, 1))
    assert calendar.is_working_day(date(2025, 4, 26))
    assert not calendar.is_working_day(date(2025, 5, 2))
    assert not calendar.is_working_day(date(2025, 4, 30))


def test_calendar_edits_take_effect():
    assert add_working_days(date(2030, 6, 3), 1) == date(2030, 6, 4)
    CalendarDay.objects.create(date=date(2030, 6, 4), kind=CalendarDayKind.HOLIDAY, name="Nghỉ")
    assert add_working_days(date(2030, 6, 3), 1) == date(2030, 6, 5)


def test_working_days_between():
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 13)) == 5
    assert working_days_between(date(2026, 3, 13), date(2026, 3, 6)) == 0
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1


def test_counting_past_the_loaded_window():
    far = add_working_days(date(2026, 1, 5), 300)
    assert far > date(2027, 1, 1)
    assert WorkingCalendar(date(2026, 1, 5)).is_working_day(far)
