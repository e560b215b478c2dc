"""The working-day calendar, held as data: public holidays (Tết included), compensatory
days off and compensatory working days. Weekdays are working days and weekends are not,
unless a CalendarDay says otherwise. Deadlines count working days on it (core/calendar.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("public holiday")
    DAY_OFF = "day_off", _("compensatory day off")
    WORKING_DAY = "working_day", _("compensatory working day")


class CalendarDay(models.Model):
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Tết Nguyên đán"))
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("The decision or notice that set this day, e.g. Công văn 1234/BNV-CVL."),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.name}"

    @property
    def is_working(self) -> bool:
        return self.kind == CalendarDayKind.WORKING_DAY
