"""Signal receivers of elections: they only queue re-indexing (ARCHITECTURE.md §3)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from elections.search import CANDIDATE
from search.services import index_queue


@receiver([post_save, post_delete], sender="elections.Candidate", dispatch_uid="elections.search")
def candidate_changed(instance, **kwargs) -> None:
    index_queue(CANDIDATE, [instance.pk])
