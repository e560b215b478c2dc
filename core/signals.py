"""Signal receivers of core: they only invalidate caches (ARCHITECTURE.md §3)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache import invalidate
from core.models import CalendarDay


@receiver([post_save, post_delete], sender=CalendarDay, dispatch_uid="core.calendar_cache")
def calendar_cache(**kwargs) -> None:
    invalidate("calendar")


@receiver(page_published, dispatch_uid="core.pages_cache_published")
@receiver(page_unpublished, dispatch_uid="core.pages_cache_unpublished")
@receiver(post_page_move, dispatch_uid="core.pages_cache_moved")
@receiver(post_delete, sender=Page, dispatch_uid="core.pages_cache_deleted")
def pages_cache(**kwargs) -> None:
    """Addresses of pages shown in the menus (the newest election, the courses)."""
    invalidate("pages")
