"""Signal receivers: they only queue work (ARCHITECTURE.md §3)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.models import CalendarDay


@receiver([post_save, post_delete], sender=CalendarDay, dispatch_uid="petitions.calendar_changed")
def calendar_changed(**kwargs) -> None:
    """A holiday was added, moved or removed: open deadlines are counted again."""
    from petitions.tasks import recompute_deadlines

    transaction.on_commit(recompute_deadlines.delay)
