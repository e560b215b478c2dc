"""Signal receivers: they only queue re-indexing (ARCHITECTURE.md §3)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from search.documents import PAGE, PETITION
from search.services import index_queue


@receiver([post_save, post_delete], sender="petitions.Petition", dispatch_uid="search.petition")
def petition_changed(instance, **kwargs) -> None:
    index_queue(PETITION, [instance.pk])


@receiver([page_published, page_unpublished], dispatch_uid="search.page")
def page_changed(instance, **kwargs) -> None:
    index_queue(PAGE, [instance.pk])


# Deleting any page type deletes its Page row too, which sends this (sender=Page only: a
# receiver for every model would turn off Django's fast deletes everywhere).
@receiver(post_delete, sender=Page, dispatch_uid="search.page_deleted")
def page_deleted(instance, **kwargs) -> None:
    index_queue(PAGE, [instance.pk])
