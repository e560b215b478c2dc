"""Seed the public-sector holidays of 2025 and 2026. Editors keep the calendar current
in the admin (Settings → Calendar days); rows marked "dự kiến" need checking against the
Ministry of Home Affairs' notice for that year."""

from datetime import date

from django.db import migrations

MOHA_2025 = "Thông báo lịch nghỉ năm 2025 của Bộ Nội vụ"
PROVISIONAL = "Dự kiến — kiểm tra theo thông báo của Bộ Nội vụ"

DAYS = [
    # 2025
    (date(2025, 1, 1), "holiday", "Tết Dương lịch", MOHA_2025),
    *[(date(2025, 1, d), "holiday", "Tết Nguyên đán Ất Tỵ", MOHA_2025) for d in (27, 28, 29, 30, 31)],
    (date(2025, 4, 7), "holiday", "Giỗ Tổ Hùng Vương", MOHA_2025),
    (date(2025, 4, 26), "working_day", "Làm bù cho ngày 2/5", MOHA_2025),
    (date(2025, 4, 30), "holiday", "Ngày Chiến thắng", MOHA_2025),
    (date(2025, 5, 1), "holiday", "Ngày Quốc tế Lao động", MOHA_2025),
    (date(2025, 5, 2), "day_off", "Nghỉ bù (đã làm bù ngày 26/4)", MOHA_2025),
    (date(2025, 9, 1), "holiday", "Quốc khánh", MOHA_2025),
    (date(2025, 9, 2), "holiday", "Quốc khánh", MOHA_2025),
    # 2026
    (date(2026, 1, 1), "holiday", "Tết Dương lịch", PROVISIONAL),
    *[(date(2026, 2, d), "holiday", "Tết Nguyên đán Bính Ngọ", PROVISIONAL) for d in (16, 17, 18, 19, 20)],
    (date(2026, 4, 27), "day_off", "Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)", PROVISIONAL),
    (date(2026, 4, 30), "holiday", "Ngày Chiến thắng", PROVISIONAL),
    (date(2026, 5, 1), "holiday", "Ngày Quốc tế Lao động", PROVISIONAL),
    (date(2026, 9, 1), "holiday", "Quốc khánh", PROVISIONAL),
    (date(2026, 9, 2), "holiday", "Quốc khánh", PROVISIONAL),
]


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("core", "CalendarDay")
    for day, kind, name, source in DAYS:
        CalendarDay.objects.get_or_create(date=day, defaults={"kind": kind, "name": name, "source": source})


def unseed(apps, schema_editor):
    CalendarDay = apps.get_model("core", "CalendarDay")
    CalendarDay.objects.filter(date__in=[day for day, *_ in DAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_working_day_calendar")]
    operations = [migrations.RunPython(seed, unseed)]
