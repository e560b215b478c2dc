"""The database backend: the SearchDocument table, queried with PostgreSQL full-text search
(weighted tsvector + GIN, pg_trgm for typos) or, on any other database (SQLite, the
embedded default), with LIKE on the folded words and a trigram function in Python.

Both read the same folded columns, so they answer the contract suite the same way.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Case, Count, F, FloatField, Func, Q, Value, When
from django.utils import timezone

from search.documents import Document
from search.models import SearchDocument
from search.query import FACET_COLUMNS, Hit, Parsed, Results, SearchQuery

WRITE_FIELDS = (
    "title",
    "body",
    "url",
    "title_folded",
    "folded",
    "topic_id",
    "status",
    "ward_id",
    "council_id",
    "year",
    "is_public",
    "popularity",
    "sort_at",
    "updated_at",
)
HIT_COLUMNS = (
    "kind",
    "object_id",
    "title",
    "url",
    "topic_id",
    "status",
    "ward_id",
    "council_id",
    "year",
    "sort_at",
)
# A title whose trigrams hold this share of the query's counts as a near match (typos).
SIMILARITY = 0.6
# Ranking weights (LIKE ranking; PostgreSQL adds its ts_rank on top).
TITLE_WEIGHT, TEXT_WEIGHT = 3, 1
BOOST_WEIGHTS = {"ward_id": 4.0, "topic_id": 2.0}
SNIPPET_SOURCE_CHARS = 3000
# The query's last word stands for at most this many whole words (PostgreSQL).
MAX_COMPLETIONS = 64
# A word in at least this share of the documents is not intersected in the GIN index
# but checked on the rows the other words match (PostgreSQL; see indexed_tsquery).
COMMON_SHARE = 0.5
SHARES_SECONDS = 300
_SHARES: dict = {"at": 0.0, "words": None}


def row_for(document: Document) -> SearchDocument:
    return SearchDocument(
        kind=document.kind,
        object_id=document.object_id,
        title=document.title[:255],
        body=document.body,
        url=document.url[:255],
        title_folded=document.title_folded,
        folded=document.folded,
        topic_id=document.topic_id,
        status=document.status,
        ward_id=document.ward_id,
        council_id=document.council_id,
        year=document.year,
        is_public=document.is_public,
        popularity=document.popularity,
        sort_at=document.sort_at,
        updated_at=timezone.now(),
    )


class DatabaseBackend:
    name = "database"

    # --- writes ---------------------------------------------------------------------

    def upsert(self, documents: Iterable[Document]) -> int:
        if connection.vendor == "postgresql":
            return _pg_upsert(documents)
        rows = [row_for(document) for document in documents]
        if rows:
            SearchDocument.objects.bulk_create(
                rows,
                batch_size=1000,
                update_conflicts=True,
                unique_fields=["kind", "object_id"],
                update_fields=list(WRITE_FIELDS),
            )
        return len(rows)

    def delete(self, kind: str, object_ids: Iterable[str]) -> int:
        ids = list(object_ids)
        if not ids:
            return 0
        deleted, _ = SearchDocument.objects.filter(kind=kind, object_id__in=ids).delete()
        return deleted

    def clear(self, kind: str) -> None:
        SearchDocument.objects.filter(kind=kind).delete()

    # --- reads ----------------------------------------------------------------------

    def search(self, query: SearchQuery) -> Results:
        if connection.vendor == "postgresql":
            return _postgres_search(query)
        return _portable_search(query)


# --- Any database: LIKE on folded words ------------------------------------------------


def _scoped(query: SearchQuery):
    rows = SearchDocument.objects.all()
    if query.kinds:
        rows = rows.filter(kind__in=query.kinds)
    if query.public_only:
        rows = rows.filter(is_public=True)
    if query.council_ids is not None:
        rows = rows.filter(council_id__in=list(query.council_ids))
    if query.statuses:
        rows = rows.filter(status__in=list(query.statuses))
    for name, values in query.filters.items():
        if values:
            rows = rows.filter(**{f"{FACET_COLUMNS[name]}__in": list(values)})
    return rows


def _word(term: str, *, prefix: bool) -> str:
    return f" {term}" if prefix else f" {term} "


def _text_q(parsed: Parsed, match: str) -> Q:
    terms = parsed.terms
    clauses = [
        Q(folded__contains=_word(term, prefix=i == len(terms) - 1 and match == "all"))
        for i, term in enumerate(terms)
    ]
    if match == "any":
        combined = Q()
        for clause in clauses:
            combined |= clause
        return combined
    combined = Q()
    for clause in clauses:
        combined &= clause
    for phrase in parsed.phrases:
        combined &= Q(folded__contains=f" {' '.join(phrase)} ")
    return combined


def _boost_expression(query: SearchQuery):
    parts = [
        Case(When(**{column: value}, then=Value(BOOST_WEIGHTS.get(column, 1.0))), default=0.0)
        for column, value in query.boost.items()
        if value is not None
    ]
    return parts


def _like_rank(query: SearchQuery, parsed: Parsed):
    # Text relevance in [0, 1] (like ts_rank's scale), so that boosts weigh the same on
    # every database.
    parts = []
    unit = 1.0 / ((TITLE_WEIGHT + TEXT_WEIGHT) * max(1, len(parsed.terms)))
    for i, term in enumerate(parsed.terms):
        word = _word(term, prefix=i == len(parsed.terms) - 1 and query.match == "all")
        parts.append(
            Case(When(title_folded__contains=word, then=Value(TITLE_WEIGHT * unit)), default=0.0)
            + Case(When(folded__contains=word, then=Value(TEXT_WEIGHT * unit)), default=0.0)
        )
    expression = Value(0.0, output_field=FloatField())
    for part in parts + _boost_expression(query):
        expression = expression + part
    return expression


class _Similarity(Func):
    function = "search_similarity"
    output_field = FloatField()


def _portable_search(query: SearchQuery) -> Results:
    parsed = query.parsed
    rows = _scoped(query)
    is_fuzzy = False
    if parsed.terms:
        matched = rows.filter(_text_q(parsed, query.match))
        if query.is_fuzzy_allowed and not matched.exists():
            is_fuzzy = True
            matched = rows.annotate(
                score=_Similarity(F("title_folded"), Value(parsed.text))
            ).filter(score__gte=SIMILARITY)
        else:
            matched = matched.annotate(score=_like_rank(query, parsed))
        rows = matched
    else:
        rows = rows.annotate(score=_like_rank(query, parsed))
    total = rows.count()
    page_rows = rows.order_by("-score", F("sort_at").desc(nulls_last=True), "-id")[
        query.offset : query.offset + query.per_page
    ].values(*HIT_COLUMNS, "body", "score")
    hits = [_hit(row) for row in page_rows]
    facets = {}
    for name in query.facets:
        column = FACET_COLUMNS[name]
        counts = (
            rows.exclude(**{f"{column}__isnull": True})
            .exclude(**{column: ""} if column == "status" else {})
            .values(column)
            .annotate(n=Count("id"))
            .order_by("-n", column)[:50]
        )
        facets[name] = [(row[column], row["n"]) for row in counts]
    return _results(query, hits, total, facets, is_fuzzy=is_fuzzy)


def _results(query: SearchQuery, hits, total, facets, *, is_fuzzy: bool) -> Results:
    return Results(
        hits=hits,
        total=total,
        page=query.page,
        per_page=query.per_page,
        facets=facets,
        backend="database",
        is_fuzzy=is_fuzzy,
    )


def _hit(row: dict) -> Hit:
    return Hit(
        kind=row["kind"],
        object_id=row["object_id"],
        title=row["title"],
        url=row["url"],
        body=(row.get("body") or "")[:SNIPPET_SOURCE_CHARS],
        score=float(row.get("score") or 0.0),
        topic_id=row["topic_id"],
        status=row["status"],
        ward_id=row["ward_id"],
        council_id=row["council_id"],
        year=row["year"],
        sort_at=row["sort_at"],
    )


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams: each word padded with two spaces before and one after."""
    grams: set[str] = set()
    for word in text.split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(title_folded: str | None, query_text: str | None) -> float:
    """The share of the query's trigrams found in the title (for SQLite; PostgreSQL uses
    pg_trgm's word_similarity, which behaves alike on the contract suite)."""
    wanted = trigrams(query_text or "")
    if not wanted:
        return 0.0
    return len(wanted & trigrams(title_folded or "")) / len(wanted)


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "search_similarity", 2, similarity, deterministic=True
        )


# --- PostgreSQL: tsvector + GIN, pg_trgm ----------------------------------------------
# Measured on 1,000,000 petitions (EXPLAIN ANALYZE, BUFFERS), a two-word query matches
# ~2,100 rows on ~2,100 heap pages: one page per match, however narrow the rows. A narrow
# copy of the table (ids, facets, sort key, tsvector: 689 MB against 1,302 MB) read 2,112
# pages instead of 2,205, no faster, so the text stays in this one table. The time was in
# the GIN index: prefix entries (word:*) and very common words, see tsquery() and
# indexed_tsquery().
# _SQL_NOTE: the SQL below is assembled from constant fragments and column names taken
# from FACET_COLUMNS / BOOST_WEIGHTS only; every value typed by a person is a parameter.


def tsquery(parsed: Parsed, match: str, completions: list[str] | None = None) -> str:
    """A to_tsquery string built from folded words only ([a-z0-9]+): nothing typed
    reaches the query syntax. The last word is a prefix (as-you-type): the whole words it
    begins when ``completions`` lists them, else the tsquery prefix ``word:*``."""
    terms = list(parsed.terms)
    if not terms:
        return ""
    if match == "any":
        return " | ".join(terms)
    last = f"{terms[-1]}:*"
    if completions:
        last = completions[0] if len(completions) == 1 else f"({' | '.join(completions)})"
    parts = [*terms[:-1], last]
    parts += ["(" + " <-> ".join(phrase) + ")" for phrase in parsed.phrases]
    return " & ".join(parts)


def indexed_tsquery(
    parsed: Parsed, completions: list[str] | None, shares: dict[str, float]
) -> str | None:
    """The part of an "all" query worth looking up in the GIN index, when some of its
    words are in at least COMMON_SHARE of the documents; None to look up all of it.

    GIN intersects whole posting lists: on 1,000,000 petitions "truong & hoc & qua & tai"
    took 55 ms in the index, without "tai" (in every title: "… tại ngõ …") 16 ms for
    the same 2,730 rows. Such words (and a prefix kept as word:*) are checked on the
    matched rows instead, where the full query is checked anyway."""
    terms = list(parsed.terms)
    if not terms:
        return None
    parts = [term for term in terms[:-1] if shares.get(term, 0.0) < COMMON_SHARE]
    if completions and sum(shares.get(word, 0.0) for word in completions) < COMMON_SHARE:
        parts.append(completions[0] if len(completions) == 1 else f"({' | '.join(completions)})")
    if not parts or len(parts) == len(terms):
        return None
    return " & ".join(parts)


def _pg_word_shares(cursor) -> dict[str, float]:
    """Share of the documents holding each common word: PostgreSQL's own statistics of
    the tsvector column (ANALYZE), read at most every SHARES_SECONDS per process."""
    now = time.monotonic()
    if _SHARES["words"] is None or now - _SHARES["at"] > SHARES_SECONDS:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = 'search_searchdocument' "
            "AND attname = 'search_vector'"
        )
        row = cursor.fetchone()
        words = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        _SHARES.update(at=now, words=words)
    return _SHARES["words"]


UPSERT_COLUMNS = ("kind", "object_id", *WRITE_FIELDS)


def _pg_upsert(documents: Iterable[Document]) -> int:
    """COPY into a temporary table, then one INSERT … ON CONFLICT: several times faster
    than a multi-row INSERT for rebuilds, and the same upsert for single changes."""
    now = timezone.now()
    columns = ", ".join(UPSERT_COLUMNS)
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE search_load AS SELECT {columns} "  # noqa: S608
            "FROM search_searchdocument WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY search_load ({columns}) FROM STDIN") as copy:
            for document in documents:
                copy.write_row(_values(document, now))
                count += 1
        updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in WRITE_FIELDS)
        cursor.execute(
            f"INSERT INTO search_searchdocument ({columns}) SELECT {columns} FROM search_load "  # noqa: S608
            f"ON CONFLICT (kind, object_id) DO UPDATE SET {updates}"
        )
        # Dropped here, not ON COMMIT: inside an outer transaction there may be no commit
        # before the next batch.
        cursor.execute("DROP TABLE search_load")
    return count


def _values(document: Document, now) -> tuple:
    return (
        document.kind,
        document.object_id,
        document.title[:255],
        document.body,
        document.url[:255],
        document.title_folded,
        document.folded,
        document.topic_id,
        document.status,
        document.ward_id,
        document.council_id,
        document.year,
        document.is_public,
        document.popularity,
        document.sort_at,
        now,
    )


def _pg_filters(query: SearchQuery) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []
    if query.kinds:
        where.append("kind = ANY(%s)")
        params.append(list(query.kinds))
    if query.public_only:
        where.append("is_public")
    if query.council_ids is not None:
        where.append("council_id = ANY(%s)")
        params.append(list(query.council_ids))
    if query.statuses:
        where.append("status = ANY(%s)")
        params.append(list(query.statuses))
    for name, values in query.filters.items():
        if values:
            where.append(f"{FACET_COLUMNS[name]} = ANY(%s)")
            params.append(list(values))
    return where, params


def _pg_boost(query: SearchQuery) -> tuple[str, list]:
    sql, params = "", []
    for column, value in query.boost.items():
        if value is not None and column in BOOST_WEIGHTS:
            sql += f" + CASE WHEN {column} = %s THEN {BOOST_WEIGHTS[column]} ELSE 0 END"
            params.append(value)
    return sql, params


def _postgres_search(query: SearchQuery) -> Results:
    """One round trip for the page's ids, the total and every facet (one bitmap heap scan
    of the matches, GROUPING SETS); a second one for the page's display columns. Matches
    are ranked by how many query words their title holds (a LIKE on a short inline
    column, not a tsvector rank per row), then the ward/topic boosts, then recency."""
    parsed = query.parsed
    is_fuzzy = False
    with transaction.atomic(), connection.cursor() as cursor:
        completions = None
        if parsed.terms and query.match == "all":
            completions = _pg_completions(cursor, parsed.terms[-1])
        text = tsquery(parsed, query.match, completions)
        if text:
            match = ("search_vector @@ to_tsquery('simple', %s)", [text])
            narrow = query.match == "all" and indexed_tsquery(
                parsed, completions, _pg_word_shares(cursor)
            )
            if narrow:
                # ts_match_vq is @@ as a function: checked on the rows, not in the index.
                match = (
                    "search_vector @@ to_tsquery('simple', %s)"
                    " AND ts_match_vq(search_vector, to_tsquery('simple', %s))",
                    [narrow, text],
                )
            page, total, facets = _pg_run(cursor, query, match, _pg_title_score(query, parsed))
            if total == 0 and query.is_fuzzy_allowed:
                is_fuzzy = True
                cursor.execute(
                    "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                    [str(SIMILARITY)],
                )
                match = ("%s <%% title_folded", [parsed.text])
                score = ("word_similarity(%s, title_folded)", [parsed.text])
                page, total, facets = _pg_run(cursor, query, match, score)
        else:
            page, total, facets = _pg_run(cursor, query, ("TRUE", []), ("0", []))
        hits = _pg_hits(cursor, page)
    return _results(query, hits, total, facets, is_fuzzy=is_fuzzy)


def _pg_completions(cursor, prefix: str) -> list[str] | None:
    """The indexed words that begin with ``prefix`` (search_word, see migration 0003), or
    None when there are more than MAX_COMPLETIONS (then GIN's prefix match is as good)."""
    # Words are [a-z0-9]+ and the column sorts by byte ("C"): "{" comes after "z".
    cursor.execute(
        "SELECT word FROM search_word WHERE word >= %s AND word < %s ORDER BY word LIMIT %s",
        [prefix, prefix + "{", MAX_COMPLETIONS + 1],
    )
    words = [word for (word,) in cursor.fetchall()]
    return words if 0 < len(words) <= MAX_COMPLETIONS else None


def _pg_title_score(query: SearchQuery, parsed: Parsed) -> tuple[str, list]:
    parts, params = [], []
    for i, term in enumerate(parsed.terms):
        parts.append("(title_folded LIKE %s)::int")
        prefix = i == len(parsed.terms) - 1 and query.match == "all"
        params.append(f"%{_word(term, prefix=prefix)}%")
    return "(" + " + ".join(parts or ["0"]) + ")", params


def _pg_run(cursor, query: SearchQuery, match, score):
    where, params = _pg_filters(query)
    filters_sql = " AND ".join(where) or "TRUE"
    match_sql, match_params = match
    score_sql, score_params = score
    boost_sql, boost_params = _pg_boost(query)
    sql_params: list = [*score_params, *match_params, *params]
    sql_params += [*boost_params, query.per_page, query.offset]
    columns = [FACET_COLUMNS[name] for name in query.facets]
    if columns:
        sets = ", ".join(["()"] + [f"({column})" for column in columns])
        facets_sql = (
            f"SELECT GROUPING({', '.join(columns)}) AS g, {', '.join(columns)}, count(*) AS n "  # noqa: S608
            f"FROM m GROUP BY GROUPING SETS ({sets})"
        )
        facet_row = f"json_build_array(g, {', '.join(columns)}, n)"
    else:
        facets_sql = "SELECT count(*) AS n FROM m"
        facet_row = "json_build_array(n)"
    order = "score DESC, sort_at DESC NULLS LAST, id DESC"
    cursor.execute(
        "WITH m AS MATERIALIZED ("  # noqa: S608 - see _SQL_NOTE
        f"SELECT id, topic_id, status, ward_id, council_id, year, sort_at, {score_sql} AS base "
        f"FROM search_searchdocument WHERE {match_sql} AND {filters_sql}), "
        f"page AS (SELECT id, (base{boost_sql})::float AS score, sort_at "
        f"FROM m ORDER BY {order} LIMIT %s OFFSET %s), "
        f"f AS ({facets_sql}) "
        f"SELECT (SELECT coalesce(json_agg(json_build_array(id, score) ORDER BY {order}), "
        "'[]') FROM page), "
        f"(SELECT coalesce(json_agg({facet_row}), '[]') FROM f)",
        sql_params,
    )
    page_rows, facet_rows = cursor.fetchone()
    total, facets = _decode_facets(query, facet_rows)
    return page_rows, total, facets


def _pg_hits(cursor, page: list) -> list[Hit]:
    if not page:
        return []
    cursor.execute(
        f"SELECT id, {', '.join(HIT_COLUMNS)}, left(body, {SNIPPET_SOURCE_CHARS}) AS body "  # noqa: S608
        "FROM search_searchdocument WHERE id = ANY(%s)",
        [[pk for pk, _score in page]],
    )
    names = [column.name for column in cursor.description]
    rows = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
    hits = []
    for pk, score in page:
        if pk in rows:
            hits.append(_hit({**rows[pk], "score": score}))
    return hits


def _decode_facets(query: SearchQuery, rows: list):
    """Total and facet counts from GROUPING SETS rows: [grouping mask, *values, count]."""
    if not query.facets:
        return (rows[0][0] if rows else 0), {}
    width = len(query.facets)
    everything = (1 << width) - 1
    masks = {everything ^ (1 << (width - 1 - i)): i for i in range(width)}
    total = 0
    facets: dict[str, list[tuple[object, int]]] = {name: [] for name in query.facets}
    for row in rows:
        mask, values, count = row[0], row[1:-1], row[-1]
        if mask == everything:
            total = count
        elif mask in masks:
            i = masks[mask]
            value = values[i]
            if value is not None and value != "":
                facets[query.facets[i]].append((value, count))
    for name in facets:
        facets[name] = sorted(facets[name], key=lambda item: (-item[1], str(item[0])))[:50]
    return total, facets
