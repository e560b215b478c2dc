"""What can be searched: a registry of document kinds, each with a function that yields
documents (ARCHITECTURE.md §5).

An app makes its things searchable by registering a kind once (in its ``AppConfig.ready``)::

    from search.documents import Document, register

    def course_documents(ids):          # ids: list of str, or None for all of them
        for course in Course.objects.live()...:
            yield Document(kind="course", object_id=str(course.pk), title=..., body=..., url=...)

    register("course", label=_("Courses"), documents=course_documents)

and by calling ``search.services.index_queue(kind, ids)`` when they change (a signal
receiver may do just that). ``documents(ids)`` yields the documents that should be in the
index; an asked-for id it does not yield is removed from the index. Documents carry only
what the public may read, unless ``is_public`` is False (staff search only).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.text import fold

_WORDS = re.compile(r"[a-z0-9]+")

PETITION = "petition"
PAGE = "page"


@dataclass
class Document:
    kind: str
    object_id: str
    title: str
    body: str = ""
    url: str = ""
    # Searchable words that are not shown (the ward's and topic's names, a code…).
    keywords: str = ""
    topic_id: int | None = None
    status: str = ""
    ward_id: int | None = None
    council_id: int | None = None
    year: int | None = None
    is_public: bool = True
    popularity: int = 0
    sort_at: datetime | None = None

    @property
    def title_folded(self) -> str:
        return folded_words(self.title)

    @property
    def folded(self) -> str:
        return folded_words(f"{self.title} {self.body} {self.keywords}")


def folded_words(text: str) -> str:
    """ " dat dai cau giay ": folded words between single spaces, one at each end, so that
    a LIKE on " word " matches whole words and " word" a word's beginning."""
    words = " ".join(_WORDS.findall(fold(text)))
    return f" {words} " if words else ""


@dataclass(frozen=True)
class Kind:
    name: str
    label: Promise | str
    documents: Callable[[list[str] | None], Iterable[Document]]
    # How many documents a rebuild will yield (for the progress bar); optional.
    count: Callable[[], int] | None = None


_REGISTRY: dict[str, Kind] = {}


def register(
    name: str,
    *,
    label,
    documents: Callable[[list[str] | None], Iterable[Document]],
    count: Callable[[], int] | None = None,
) -> None:
    _REGISTRY[name] = Kind(name=name, label=label, documents=documents, count=count)


def kinds() -> dict[str, Kind]:
    return dict(_REGISTRY)


def kind(name: str) -> Kind:
    return _REGISTRY[name]


# --- Petitions ---------------------------------------------------------------------------


def petition_documents(ids: list[str] | None) -> Iterator[Document]:
    """Confirmed petitions. Published ones are public (title, description, the answer);
    the others are found only by staff of their council. Never the petitioner's name,
    contact or account. The ward's name is searchable ("cau giay"); the topic is a facet,
    not words (its name would make "đất đai" match every land petition)."""
    from petitions import states
    from petitions.models import Petition

    rows = (
        Petition.objects.filter(status__in=states.PUBLIC)
        .select_related("ward")
        .only(
            "tracking_code",
            "status",
            "title",
            "description",
            "location",
            "answer",
            "topic_id",
            "ward__name",
            "ward__short_name",
            "council_id",
            "is_published",
            "cosigner_count",
            "submitted_at",
        )
        .order_by("pk")
    )
    if ids is not None:
        rows = rows.filter(pk__in=[int(pk) for pk in ids if str(pk).isdigit()])
    for petition in rows.iterator(chunk_size=2000):
        yield petition_document(petition)


def petition_document(petition) -> Document:
    body = petition.description
    if petition.answer:
        body = f"{body}\n\n{petition.answer}"
    return Document(
        kind=PETITION,
        object_id=str(petition.pk),
        title=petition.title,
        body=body,
        url=f"/kien-nghi/{petition.tracking_code}/",
        keywords=" ".join(
            (
                petition.location,
                petition.ward.name,
                petition.ward.short_name,
                petition.tracking_code,
            )
        ),
        topic_id=petition.topic_id,
        status=petition.status,
        ward_id=petition.ward_id,
        council_id=petition.council_id,
        year=timezone.localtime(petition.submitted_at).year,
        is_public=petition.is_published,
        popularity=petition.cosigner_count,
        sort_at=petition.submitted_at,
    )


# --- Wagtail pages -----------------------------------------------------------------------


def page_documents(ids: list[str] | None) -> Iterator[Document]:
    """Live pages anyone may see (no privacy restriction), with the text of their search
    fields. Other apps' page types (courses, candidates) come along automatically; an app
    may still register a richer kind of its own."""
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("pk")
    if ids is not None:
        pages = pages.filter(pk__in=[int(pk) for pk in ids if str(pk).isdigit()])
    for page in pages.iterator(chunk_size=200):
        yield Document(
            kind=PAGE,
            object_id=str(page.pk),
            title=page.title,
            body=_page_text(page),
            url=page.get_url() or "",
            keywords=page.search_description,
            year=timezone.localtime(page.first_published_at).year
            if page.first_published_at
            else None,
            sort_at=page.first_published_at,
        )


def _page_text(page) -> str:
    from wagtail.search import index

    parts: list[str] = []
    for search_field in getattr(page, "search_fields", []):
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        value = getattr(page, search_field.field_name, None)
        if value is None or callable(value):
            continue
        try:
            model_field = page._meta.get_field(search_field.field_name)
        except Exception:  # a property or method, not a model field
            model_field = None
        if model_field is not None and hasattr(model_field, "get_searchable_content"):
            parts.extend(str(text) for text in model_field.get_searchable_content(value))
        else:
            parts.append(str(value))
    return " ".join(strip_tags(part).strip() for part in parts if part).strip()[:20000]


def petition_count() -> int:
    from petitions import states
    from petitions.models import Petition

    return Petition.objects.filter(status__in=states.PUBLIC).count()


def page_count() -> int:
    from wagtail.models import Page

    return Page.objects.live().public().filter(depth__gt=1).count()


def register_builtin_kinds() -> None:
    register(PETITION, label=_("Petitions"), documents=petition_documents, count=petition_count)
    register(PAGE, label=_("Pages"), documents=page_documents, count=page_count)
