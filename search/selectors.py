"""The search service: the one interface other apps use to search (ARCHITECTURE.md §5).

- ``search_public``: published petitions and their answers (and other public kinds).
- ``search_staff``: petitions inside the caller's scope (``council_ids``), published or
  not; the scope is a filter inside the query, so a hit outside it is never fetched.
- ``similar_petition_ids``: the filing form's "has someone already raised this?".
- ``search_site``: pages and every registered kind (courses, candidates…).

Elasticsearch answers when ``ELASTICSEARCH_URL`` is set; if it is unreachable the
database index answers instead (it always holds the same documents) and the logs say so.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from django.utils.functional import Promise

from search import documents
from search.backends import elasticsearch as es
from search.backends.database import DatabaseBackend
from search.highlight import highlight
from search.query import FACET_COLUMNS, FACETS, MAX_PAGE, Results, SearchQuery

logger = logging.getLogger(__name__)

PUBLIC_FACETS = ("topic", "status", "ward", "year")
INT_FACETS = {"topic", "ward", "council", "year"}


def backends() -> list:
    """Every backend that can answer here: the database always, Elasticsearch if set."""
    available: list = [DatabaseBackend()]
    if es.is_configured():
        available.append(es.ElasticsearchBackend())
    return available


def run(query: SearchQuery, *, backend=None) -> Results:
    """Ask ``backend`` (default: Elasticsearch if configured, else the database), then
    highlight the hits."""
    if backend is None and es.is_configured():
        try:
            results = es.ElasticsearchBackend().search(query)
        except es.UNAVAILABLE as error:
            logger.warning(
                "search: Elasticsearch unavailable (%s); answering from the database", error
            )
            results = DatabaseBackend().search(query)
    else:
        results = (backend or DatabaseBackend()).search(query)
    terms = query.parsed.terms
    for hit in results.hits:
        if not hit.title_html:
            hit.title_html = highlight(hit.title, terms)
        if not hit.snippet_html:
            hit.snippet_html = highlight(hit.body, terms, length=220)
    return results


def clean_filters(raw: Mapping[str, Iterable], *, allowed: Iterable[str] = FACETS) -> dict:
    """Facet values from a URL, typed; anything malformed is dropped, not an error."""
    cleaned: dict[str, tuple] = {}
    for name in allowed:
        values = []
        for value in list(raw.get(name, ()))[:20]:
            value = str(value).strip()[:40]
            if name in INT_FACETS:
                if value.isdigit() and len(value) < 10:
                    values.append(int(value))
            elif value:
                values.append(value)
        if values:
            cleaned[name] = tuple(values)
    return cleaned


def _page(page) -> int:
    try:
        return min(max(1, int(page)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def search_public(
    text: str = "",
    *,
    kinds: Iterable[str] = (documents.PETITION,),
    filters: Mapping | None = None,
    page=1,
    per_page: int = 20,
    facets: Iterable[str] = PUBLIC_FACETS,
    backend=None,
) -> Results:
    """Published petitions and answers (and other public kinds): never a document that is
    not public, never anyone's personal data (the index holds none)."""
    from petitions import states

    query = SearchQuery(
        text=text,
        kinds=tuple(kinds),
        public_only=True,
        statuses=tuple(states.PUBLIC) if tuple(kinds) == (documents.PETITION,) else (),
        filters=clean_filters(filters or {}),
        facets=tuple(facets),
        page=_page(page),
        per_page=per_page,
    )
    return run(query, backend=backend)


def search_staff(
    text: str = "",
    *,
    council_ids: Iterable[int],
    filters: Mapping | None = None,
    statuses: Iterable[str] = (),
    page=1,
    per_page: int = 20,
    facets: Iterable[str] = FACETS,
    backend=None,
) -> Results:
    """Petitions of these councils, published or not: the caller (the staff queue) passes
    the scope it computed from the user's roles; an empty scope finds nothing."""
    query = SearchQuery(
        text=text,
        kinds=(documents.PETITION,),
        public_only=False,
        council_ids=tuple(int(pk) for pk in council_ids),
        statuses=tuple(statuses),
        filters=clean_filters(filters or {}),
        facets=tuple(facets),
        page=_page(page),
        per_page=per_page,
    )
    return run(query, backend=backend)


def similar_petition_ids(
    *,
    ward_id: int | None,
    topic_id: int | None,
    title: str = "",
    statuses: Iterable[str] = (),
    limit: int = 5,
    backend=None,
) -> list[int]:
    """Published petitions like a new one: sharing words with its title, the same ward
    and topic ranked first. Without words, the same ward and topic only."""
    query = SearchQuery(
        text=title,
        kinds=(documents.PETITION,),
        public_only=True,
        statuses=tuple(statuses),
        filters={}
        if documents.folded_words(title)
        else {name: (value,) for name, value in (("ward", ward_id), ("topic", topic_id)) if value},
        match="any",
        boost={"ward_id": ward_id, "topic_id": topic_id},
        facets=(),
        per_page=limit,
        fuzzy=False,
    )
    return [int(pk) for pk in run(query, backend=backend).ids]


def search_site(
    text: str = "", *, kinds: Iterable[str] | None = None, page=1, backend=None
) -> Results:
    """Site search: pages and every registered kind, petitions included."""
    query = SearchQuery(
        text=text,
        kinds=tuple(kinds or documents.kinds()),
        public_only=True,
        facets=(),
        page=_page(page),
    )
    return run(query, backend=backend)


def kind_labels() -> dict[str, Promise | str]:
    return {name: kind.label for name, kind in documents.kinds().items()}


def facet_labels(name: str, values: Iterable) -> dict:
    """Readable names for facet values (topic, ward and council names; status labels)."""
    values = list(values)
    if name == "topic":
        from petitions.models import Topic

        return dict(Topic.objects.filter(pk__in=values).values_list("pk", "name"))
    if name == "ward":
        from core.models import Ward

        return dict(Ward.objects.filter(pk__in=values).values_list("pk", "name"))
    if name == "council":
        from core.models import Council

        return dict(Council.objects.filter(pk__in=values).values_list("pk", "name"))
    if name == "status":
        from petitions.choices import Status

        return {value: Status(value).label for value in values if value in Status.values}
    return {value: str(value) for value in values}


__all__ = [
    "FACET_COLUMNS",
    "backends",
    "clean_filters",
    "facet_labels",
    "run",
    "search_public",
    "search_site",
    "search_staff",
    "similar_petition_ids",
]
