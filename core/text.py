"""Vietnamese text helpers: the one place where text is folded and slugified.

Search (ARCHITECTURE.md §5), the ward picker and slugs all fold the same way, so
"dat dai cau giay" matches "Đất đai … Cầu Giấy". Neither Unicode decomposition nor
SQLite FTS5 removes the stroke from "đ"; anyascii transliterates it to "d".
"""

import re

from anyascii import anyascii
from django.utils.text import slugify

_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII form of ``text``: diacritics dropped, "đ" → "d"."""
    return anyascii(text or "").lower()


def search_terms(text: str, *, limit: int = 16) -> list[str]:
    """The folded words of a query, punctuation dropped, at most ``limit`` of them."""
    return _WORD.findall(fold(text))[:limit]


def vietnamese_slugify(text: str) -> str:
    """An ASCII slug: "Đất đai" → "dat-dai" (Wagtail's own JS would give "djt-djai")."""
    return slugify(anyascii(text or ""))


def split_vietnamese_name(full_name: str) -> tuple[str, str]:
    """("Nguyễn Văn", "An") from "Nguyễn Văn An": family and middle names, then the given
    name, which Vietnamese lists sort by. A one-word name is all given name."""
    words = (full_name or "").split()
    if not words:
        return "", ""
    return " ".join(words[:-1]), words[-1]
