"""The backend-neutral shape of a search: what is asked (SearchQuery), what comes back
(Results, Hit), and how typed text becomes folded terms and phrases.

Text is never passed to a backend's query language as typed: it is folded to ASCII words
([a-z0-9]+), so quotes, operators and SQL or Elasticsearch syntax are just punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from core.text import search_terms

FACETS = ("topic", "status", "ward", "council", "year")
# Facet name → SearchDocument column.
FACET_COLUMNS = {
    "topic": "topic_id",
    "status": "status",
    "ward": "ward_id",
    "council": "council_id",
    "year": "year",
}
MAX_QUERY_CHARS = 500
MAX_TERMS = 12
MAX_PAGE = 500
_PHRASE = re.compile(r'"([^"]+)"')


@dataclass(frozen=True)
class Parsed:
    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    @property
    def text(self) -> str:
        return " ".join(self.terms)


def parse(text: str) -> Parsed:
    """Folded words of the query, and the quoted phrases among them ("…" with both quotes;
    an unbalanced quote is ignored)."""
    text = (text or "")[:MAX_QUERY_CHARS]
    phrases = tuple(
        tuple(words)
        for words in (search_terms(match, limit=MAX_TERMS) for match in _PHRASE.findall(text))
        if len(words) > 1
    )
    return Parsed(terms=tuple(search_terms(text, limit=MAX_TERMS)), phrases=phrases)


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()
    # Public search sees public documents only; staff search passes its scope instead.
    public_only: bool = True
    council_ids: tuple[int, ...] | None = None
    statuses: tuple[str, ...] = ()
    # Facet name → accepted values (AND between facets, OR within one).
    filters: dict[str, tuple] = field(default_factory=dict)
    # "all": every word must match; "any": at least one (similar petitions).
    match: str = "all"
    # Column → value whose documents rank higher (same ward, same topic).
    boost: dict[str, object] = field(default_factory=dict)
    facets: tuple[str, ...] = FACETS
    page: int = 1
    per_page: int = 20
    # Typo tolerance: when nothing matches exactly, look for titles that nearly match.
    fuzzy: bool = True

    @property
    def parsed(self) -> Parsed:
        return parse(self.text)

    @property
    def is_fuzzy_allowed(self) -> bool:
        """Guess at typos only from two words or more: one short word is too ambiguous
        ("huong" is a typo of "duong" as much as a name)."""
        return self.fuzzy and self.match == "all" and len(self.parsed.terms) >= 2

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class Hit:
    kind: str
    object_id: str
    title: str
    url: str = ""
    body: str = ""
    score: float = 0.0
    topic_id: int | None = None
    status: str = ""
    ward_id: int | None = None
    council_id: int | None = None
    year: int | None = None
    sort_at: datetime | None = None
    # Filled by the service: SafeStrings with <mark> around matched words.
    title_html: str = ""
    snippet_html: str = ""


@dataclass
class Results:
    hits: list[Hit]
    total: int
    page: int = 1
    per_page: int = 20
    # Facet name → [(value, count)], most frequent first.
    facets: dict[str, list[tuple[object, int]]] = field(default_factory=dict)
    backend: str = ""
    is_fuzzy: bool = False

    @property
    def ids(self) -> list[str]:
        return [hit.object_id for hit in self.hits]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1
