"""The Elasticsearch backend, through elasticsearch-dsl (the client's ``elasticsearch.dsl``
module). The only module of the project that imports Elasticsearch.

The index is fed from the database index (SearchDocument rows), so both always hold the
same documents; a rebuild fills a new concrete index and swaps the alias in one atomic
call (zero downtime). Request bodies are built by ``build_search`` so that tests can check
them offline with ``to_dict()``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.dsl import (
    Boolean,
    Date,
    Integer,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    token_filter,
)
from elasticsearch.dsl import Document as EsDocument
from elasticsearch.helpers import bulk

from search.highlight import MARK_CLOSE, MARK_OPEN, from_tagged
from search.models import SearchDocument
from search.query import FACET_COLUMNS, Hit, Results, SearchQuery

# What makes a search fall back to the database.
UNAVAILABLE = (TransportError, ApiError, ConnectionError, OSError)

# "đ" is folded explicitly: the mapping runs before asciifolding, so the analyzer does not
# depend on which Lucene version's folding table holds the stroke.
d_stroke = char_filter("vi_d_stroke", type="mapping", mappings=["đ => d", "Đ => D"])
vi_folding = analyzer(
    "vi_folding", tokenizer="standard", char_filter=[d_stroke], filter=["lowercase", "asciifolding"]
)
vi_edge = token_filter("vi_edge", type="edge_ngram", min_gram=1, max_gram=20)
vi_autocomplete = analyzer(
    "vi_autocomplete",
    tokenizer="standard",
    char_filter=[d_stroke],
    filter=["lowercase", "asciifolding", vi_edge],
)

TEXT_FIELDS = ["title^3", "body", "folded"]
BOOSTS = {"ward_id": 4.0, "topic_id": 2.0}


def alias() -> str:
    return getattr(settings, "SEARCH_ELASTICSEARCH_INDEX", "cutri-search")


class SearchEntry(EsDocument):
    kind = Keyword()
    object_id = Keyword()
    title = Text(
        analyzer=vi_folding,
        fields={"autocomplete": Text(analyzer=vi_autocomplete, search_analyzer=vi_folding)},
    )
    body = Text(analyzer=vi_folding)
    # Already folded words (place and topic names, codes): split on spaces only.
    folded = Text(analyzer="whitespace")
    url = Keyword(index=False)
    topic_id = Integer()
    status = Keyword()
    ward_id = Integer()
    council_id = Integer()
    year = Integer()
    is_public = Boolean()
    popularity = Integer()
    sort_at = Date()

    class Index:
        name = "cutri-search"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


def entry_for(row: SearchDocument) -> SearchEntry:
    return SearchEntry(
        meta={"id": f"{row.kind}:{row.object_id}"},
        kind=row.kind,
        object_id=row.object_id,
        title=row.title,
        body=row.body,
        folded=row.folded,
        url=row.url,
        topic_id=row.topic_id,
        status=row.status,
        ward_id=row.ward_id,
        council_id=row.council_id,
        year=row.year,
        is_public=row.is_public,
        popularity=row.popularity,
        sort_at=row.sort_at,
    )


def index_definition(name: str):
    """The concrete index (settings, analyzers, mapping) behind the alias."""
    index = SearchEntry._index.clone(name)
    return index


def build_search(query: SearchQuery, *, client=None) -> Search:
    """The request for ``query``: text clauses in ``must``, the permission scope and the
    chosen facets in ``filter`` (inside the query, never applied afterwards), ward/topic
    boosts in ``should``, one terms aggregation per facet, highlight and a stable sort."""
    parsed = query.parsed
    filters = []
    if query.kinds:
        filters.append(Q("terms", kind=list(query.kinds)))
    if query.public_only:
        filters.append(Q("term", is_public=True))
    if query.council_ids is not None:
        filters.append(Q("terms", council_id=list(query.council_ids)))
    if query.statuses:
        filters.append(Q("terms", status=list(query.statuses)))
    for name, values in query.filters.items():
        if values:
            filters.append(Q("terms", **{FACET_COLUMNS[name]: list(values)}))
    must = []
    if parsed.terms:
        text = parsed.text
        if query.match == "any":
            must.append(Q("multi_match", query=text, fields=TEXT_FIELDS, operator="or"))
        else:
            ways = [
                Q(
                    "multi_match",
                    query=text,
                    type="cross_fields",
                    fields=TEXT_FIELDS,
                    operator="and",
                ),
                Q("match", **{"title.autocomplete": {"query": text, "operator": "and"}}),
            ]
            if query.is_fuzzy_allowed:
                ways.append(
                    Q(
                        "multi_match",
                        query=text,
                        fields=["title^2", "folded"],
                        operator="and",
                        fuzziness="AUTO",
                        prefix_length=1,
                        boost=0.5,
                    )
                )
            must.append(Q("bool", should=ways, minimum_should_match=1))
            for phrase in parsed.phrases:
                must.append(Q("match_phrase", folded=" ".join(phrase)))
    should = [
        Q("term", **{column: {"value": value, "boost": BOOSTS[column]}})
        for column, value in query.boost.items()
        if value is not None and column in BOOSTS
    ]
    search = Search(using=client, index=alias()).query(
        Q("bool", must=must or [Q("match_all")], filter=filters, should=should)
    )
    for name in query.facets:
        search.aggs.bucket(name, "terms", field=FACET_COLUMNS[name], size=50)
    search = search.highlight_options(
        pre_tags=[MARK_OPEN], post_tags=[MARK_CLOSE], number_of_fragments=1
    )
    search = search.highlight("title", number_of_fragments=0).highlight(
        "body", fragment_size=220, no_match_size=220
    )
    search = search.sort(
        "_score",
        {"sort_at": {"order": "desc", "missing": "_last"}},
        {"object_id": {"order": "desc"}},
    )
    search = search.extra(track_total_hits=True)
    return search[query.offset : query.offset + query.per_page]


@functools.cache
def client() -> Elasticsearch:
    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=3, max_retries=1)


def is_configured() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


class ElasticsearchBackend:
    name = "elasticsearch"

    def search(self, query: SearchQuery) -> Results:
        response = build_search(query, client=client()).execute()
        hits = []
        for found in response:
            highlight = getattr(found.meta, "highlight", None)
            hit = Hit(
                kind=found.kind,
                object_id=found.object_id,
                title=found.title,
                url=getattr(found, "url", ""),
                body=(getattr(found, "body", "") or "")[:3000],
                score=found.meta.score or 0.0,
                topic_id=getattr(found, "topic_id", None),
                status=getattr(found, "status", ""),
                ward_id=getattr(found, "ward_id", None),
                council_id=getattr(found, "council_id", None),
                year=getattr(found, "year", None),
            )
            if highlight is not None:
                if "title" in highlight:
                    hit.title_html = from_tagged(highlight.title[0])
                if "body" in highlight:
                    hit.snippet_html = from_tagged(highlight.body[0])
            hits.append(hit)
        facets = {}
        for name in query.facets:
            buckets = getattr(response.aggregations, name).buckets
            facets[name] = [(bucket.key, bucket.doc_count) for bucket in buckets]
        return Results(
            hits=hits,
            total=response.hits.total.value,
            page=query.page,
            per_page=query.per_page,
            facets=facets,
            backend=self.name,
        )

    # --- writes ---------------------------------------------------------------------

    def upsert(self, rows: Iterable[SearchDocument], *, index: str | None = None) -> int:
        actions = []
        for row in rows:
            action = entry_for(row).to_dict(include_meta=True)
            action["_index"] = index or alias()
            actions.append(action)
        if not actions:
            return 0
        done, _ = bulk(client(), actions, chunk_size=1000, refresh=False)
        return done

    def delete(self, kind: str, object_ids: Iterable[str]) -> int:
        actions = [
            {"_op_type": "delete", "_index": alias(), "_id": f"{kind}:{object_id}"}
            for object_id in object_ids
        ]
        if not actions:
            return 0
        done, _ = bulk(client(), actions, raise_on_error=False)
        return done

    def refresh(self) -> None:
        client().indices.refresh(index=alias())

    def rebuild(
        self, rows: Iterable[SearchDocument], *, progress: Callable[[int], None] | None = None
    ) -> str:
        """Fill a new concrete index, then point the alias at it in one atomic call and
        drop the old ones: searches never see a half-built index."""
        es = client()
        name = f"{alias()}-{timezone.now():%Y%m%d%H%M%S%f}"
        index_definition(name).create(using=es)
        batch: list[SearchDocument] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= 1000:
                self.upsert(batch, index=name)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            self.upsert(batch, index=name)
            if progress:
                progress(len(batch))
        es.indices.refresh(index=name)
        try:
            old = list(es.indices.get_alias(name=alias()).keys())
        except NotFoundError:  # the first build: no alias yet
            old = []
        if es.indices.exists(index=alias()) and not old:
            # A concrete index holds the alias's name (made by hand): replace it.
            es.indices.delete(index=alias())
        actions = [{"remove": {"index": index, "alias": alias()}} for index in old]
        actions.append({"add": {"index": name, "alias": alias()}})
        es.indices.update_aliases(actions=actions)
        for index in old:
            es.indices.delete(index=index, ignore_unavailable=True)
        return name
