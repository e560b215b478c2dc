from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import CalendarDay


class CalendarDayViewSet(SnippetViewSet):
    """The working-day calendar: holidays, Tết, compensatory days (editable as data)."""

    model = CalendarDay
    icon = "date"
    menu_label = _("Working-day calendar")
    add_to_settings_menu = True
    list_display = ["date", "kind", "name", "source"]
    list_filter = ["kind"]
    ordering = ["-date"]


register_snippet(CalendarDayViewSet)
