"""Search index writes: queueing changed objects after commit, refreshing their documents
in the database index (and in Elasticsearch when configured), rebuilding, catching up.

Everything here is idempotent: refreshing an object twice writes the same row twice.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from search import documents
from search.backends import elasticsearch as es
from search.backends.database import DatabaseBackend
from search.models import SearchDocument

logger = logging.getLogger(__name__)

BATCH = 500
ES_CURSOR_KEY = "search:elasticsearch:synced-until"


class _Pending:
    """The ids changed in the current transaction, by kind. Each change appends the same
    cheap callback; the first to run at commit sends the whole set, the others find it
    empty: one task per kind and transaction, however many rows changed."""

    def __init__(self) -> None:
        self.ids: dict[str, set[str]] = defaultdict(set)

    def flush(self) -> None:
        ids, self.ids = self.ids, defaultdict(set)
        for kind, changed in ids.items():
            _dispatch(kind, sorted(changed))


def index_queue(kind: str, ids: Iterable) -> None:
    """Refresh these objects' documents after the current transaction commits. Cheap
    enough for the filing path: a set update and a list append, no I/O."""
    changed = {str(pk) for pk in ids if pk is not None}
    if not changed:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _dispatch(kind, sorted(changed))
        return
    pending = connection.__dict__.get("search_pending")
    if pending is None:
        pending = connection.search_pending = _Pending()
    pending.ids[kind].update(changed)
    # Appended on every change rather than once, so that a callback dropped with a
    # rolled-back savepoint never leaves later changes without one.
    transaction.on_commit(pending.flush)


def _dispatch(kind: str, ids: list[str]) -> None:
    from search.tasks import refresh_documents

    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        try:
            refresh_documents.delay(kind, chunk)
        except Exception:  # a broker outage must not break the request; catch-up follows
            logger.warning("search: could not queue re-indexing of %s %s", kind, chunk)


def documents_refresh(*, kind: str, ids: list[str]) -> int:
    """Re-read these objects through their kind's function and write their documents;
    an id it no longer yields (unpublished, deleted) leaves the index."""
    found = list(documents.kind(kind).documents(ids))
    database = DatabaseBackend()
    gone = set(ids) - {document.object_id for document in found}
    with transaction.atomic():
        database.upsert(found)
        database.delete(kind, gone)
    if es.is_configured():
        rows = SearchDocument.objects.filter(kind=kind, object_id__in=[d.object_id for d in found])
        try:
            backend = es.ElasticsearchBackend()
            backend.upsert(rows)
            backend.delete(kind, gone)
        except es.UNAVAILABLE as error:
            logger.warning(
                "search: Elasticsearch unavailable (%s); %s %s will be sent by the catch-up",
                error,
                kind,
                ids[:10],
            )
    return len(found)


def index_rebuild(
    *,
    kinds: Iterable[str] | None = None,
    progress: Callable[[int], None] | None = None,
    elasticsearch: bool = True,
) -> dict[str, int]:
    """Rebuild the database index of these kinds (all by default) from the source, in
    batches; then, when configured, a new Elasticsearch index behind the alias."""
    started = timezone.now()
    database = DatabaseBackend()
    counts: dict[str, int] = {}
    for name in kinds or documents.kinds():
        batch, count = [], 0
        for document in documents.kind(name).documents(None):
            batch.append(document)
            if len(batch) >= 1000:
                count += database.upsert(batch)
                if progress:
                    progress(len(batch))
                batch = []
        count += database.upsert(batch)
        if progress and batch:
            progress(len(batch))
        # Whatever was not rewritten by this run no longer exists at the source.
        SearchDocument.objects.filter(kind=name, updated_at__lt=started).delete()
        counts[name] = count
    if elasticsearch and es.is_configured():
        es.ElasticsearchBackend().rebuild(
            SearchDocument.objects.order_by("pk").iterator(chunk_size=2000), progress=progress
        )
        cache.set(ES_CURSOR_KEY, started, None)
    return counts


def index_catch_up(*, window: timedelta = timedelta(minutes=30)) -> int:
    """The periodic safety net: refresh petitions changed recently (a lost task, a broker
    outage) and send Elasticsearch whatever it missed while unreachable."""
    from petitions.models import Petition

    since = timezone.now() - window
    ids = [
        str(pk)
        for pk in Petition.objects.filter(updated_at__gte=since).values_list("pk", flat=True)
    ]
    for start in range(0, len(ids), BATCH):
        documents_refresh(kind=documents.PETITION, ids=ids[start : start + BATCH])
    if es.is_configured():
        cursor = cache.get(ES_CURSOR_KEY) or since
        started = timezone.now()
        rows = SearchDocument.objects.filter(updated_at__gte=cursor).order_by("pk")
        try:
            es.ElasticsearchBackend().upsert(rows.iterator(chunk_size=1000))
        except es.UNAVAILABLE as error:
            logger.warning("search: Elasticsearch still unavailable (%s)", error)
        else:
            cache.set(ES_CURSOR_KEY, started - timedelta(seconds=5), None)
    return len(ids)
