"""Signal receivers of core: they only invalidate caches (ARCHITECTURE.md §3)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.cache import invalidate
from core.models import CalendarDay


@receiver([post_save, post_delete], sender=CalendarDay, dispatch_uid="core.calendar_cache")
def calendar_cache(**kwargs) -> None:
    invalidate("calendar")
