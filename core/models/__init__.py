from core.models.calendar import CalendarDay, CalendarDayKind
from core.models.images import SiteImage, SiteRendition
from core.models.pages import BasePage, HomePage, StandardPage
from core.models.places import Council, Province, Ward
from core.models.settings import ContactSettings

__all__ = [
    "BasePage",
    "CalendarDay",
    "CalendarDayKind",
    "ContactSettings",
    "Council",
    "HomePage",
    "Province",
    "SiteImage",
    "SiteRendition",
    "StandardPage",
    "Ward",
]
