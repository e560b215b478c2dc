"""Working days: counting on the calendar held as data (core.models.CalendarDay).

``WorkingCalendar`` loads the exceptions of a period once and answers in memory, so
computing thousands of deadlines costs one query per period, not one per day; the period's
exceptions are cached until the calendar is edited (core.cache).
"""

from __future__ import annotations

from datetime import date, timedelta

from core.cache import versioned
from core.models import CalendarDay

# Enough room for any SLA plus Tết; a longer count loads the next window.
_WINDOW_DAYS = 400


class WorkingCalendar:
    def __init__(self, start: date, days: int = _WINDOW_DAYS):
        self.start, self.end = start, start + timedelta(days=days)
        self._exceptions = versioned("calendar", f"{start.isoformat()}:{days}", self._load)

    def _load(self) -> dict:
        return dict(
            CalendarDay.objects.filter(date__range=(self.start, self.end)).values_list(
                "date", "kind"
            )
        )

    def is_working_day(self, day: date) -> bool:
        if not (self.start <= day <= self.end):
            return WorkingCalendar(day).is_working_day(day)
        kind = self._exceptions.get(day)
        if kind is not None:
            return kind == "working_day"
        return day.weekday() < 5  # Monday to Friday

    def add_working_days(self, start: date, days: int) -> date:
        """The date of the ``days``-th working day after ``start`` (``start`` not counted).

        A petition received on Friday with 5 working days is due the next Friday; one
        received just before Tết is due after it."""
        current, counted = start, 0
        while counted < days:
            current += timedelta(days=1)
            if self.is_working_day(current):
                counted += 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 if end ≤ start)."""
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count


def add_working_days(start: date, days: int) -> date:
    return WorkingCalendar(start).add_working_days(start, days)


def working_days_between(start: date, end: date) -> int:
    return WorkingCalendar(start).working_days_between(start, end)
