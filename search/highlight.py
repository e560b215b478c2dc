"""Highlighting for the database backend (Elasticsearch highlights itself): the words of
a text whose folded form matches a query term are wrapped in <mark>; everything else is
escaped, so a title full of HTML or script shows as text (``html.escape``: the pieces
are plain strings, and Django's ``escape`` costs a lazy-string check per call)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from core.text import fold

_TOKENS = re.compile(r"(\w+)")
# Private-use characters that never occur in text: Elasticsearch's highlight tags.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


@lru_cache(maxsize=50_000)
def _folded(word: str) -> str:
    """``fold`` of one word, remembered: a page of hits folds the same few thousand
    Vietnamese syllables over and over."""
    return fold(word)


def _matches(word: str, terms: tuple[str, ...], prefix: str) -> bool:
    folded = _folded(word)
    return folded in terms or bool(prefix and folded.startswith(prefix))


def highlight(text: str, terms: tuple[str, ...], *, length: int | None = None) -> SafeString:
    """``text`` escaped, matched words in <mark>. With ``length``, a window of about that
    many characters around the first match (with "…" where cut)."""
    text = unicodedata.normalize("NFC", text or "")
    prefix = terms[-1] if terms and len(terms[-1]) >= 2 else ""
    pieces = _TOKENS.split(text)
    if length is not None and len(text) > length:
        start = 0
        position = 0
        for i, piece in enumerate(pieces):
            if i % 2 == 1 and _matches(piece, terms, prefix):
                start = max(0, position - length // 3)
                break
            position += len(piece)
        window = text[start : start + length]
        if start > 0:
            window = "…" + window.split(" ", 1)[-1]
        if start + length < len(text):
            window = window.rsplit(" ", 1)[0] + "…"
        pieces = _TOKENS.split(window)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2 == 1 and terms and _matches(piece, terms, prefix):
            out.append(f"<mark>{escape(piece)}</mark>")
        else:
            out.append(escape(piece))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def from_tagged(fragment: str) -> SafeString:
    """An Elasticsearch highlight fragment (tagged with MARK_OPEN/CLOSE) as safe HTML."""
    escaped = escape(fragment)
    return mark_safe(  # noqa: S308 - escaped first; only our own tags are put back
        escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
    )
