"""Search tasks: refresh the documents of changed objects (queued after commit), and the
periodic catch-up. They take ids, are idempotent and retry on database hiccups."""

from celery import shared_task
from django.db import DatabaseError

from search import services


@shared_task(
    name="search.refresh_documents",
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=5,
)
def refresh_documents(kind: str, ids: list[str]) -> int:
    return services.documents_refresh(kind=kind, ids=list(ids))


@shared_task(name="search.catch_up")
def catch_up() -> int:
    return services.index_catch_up()
