"""Signal receivers: they only queue work (ARCHITECTURE.md §3)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.cache import invalidate
from core.models import CalendarDay, Council, Province, Ward
from petitions.models import CompetenceRule, Topic


@receiver([post_save, post_delete], sender=CalendarDay, dispatch_uid="petitions.calendar_changed")
def calendar_changed(**kwargs) -> None:
    """A holiday was added, moved or removed: open deadlines are counted again."""
    from petitions.tasks import recompute_deadlines

    transaction.on_commit(recompute_deadlines.delay)


@receiver([post_save, post_delete], sender=CompetenceRule, dispatch_uid="petitions.routing_rule")
@receiver([post_save, post_delete], sender=Topic, dispatch_uid="petitions.routing_topic")
@receiver([post_save, post_delete], sender=Council, dispatch_uid="petitions.routing_council")
@receiver([post_save, post_delete], sender=Ward, dispatch_uid="petitions.routing_ward")
@receiver([post_save, post_delete], sender=Province, dispatch_uid="petitions.routing_province")
def routing_changed(**kwargs) -> None:
    """The competence matrix, a topic, a council or a place changed: routing (and the
    filing form's cached ward and topic) is read afresh."""
    invalidate("routing")
