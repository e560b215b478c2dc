"""The database search index: one row per searchable thing (a petition, a page, a course…).

Owned by the search app and rebuilt from the source tables at any time (the database stays
the source of truth). Text is folded in Python (core.text.fold: "Đất đai" → "dat dai") the
same way for documents and queries. On PostgreSQL a migration adds a generated, weighted
tsvector column with a GIN index and pg_trgm indexes; they are not model fields because
SQLite has no such types, and only the PostgreSQL backend reads them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=32)
    object_id = models.CharField(max_length=64)
    # What a reader sees: public-safe text only, never a petitioner's personal data.
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=255, blank=True)
    # What is matched: folded words, space-separated, with a space at each end so that
    # " word " matches whole words with LIKE on any database.
    title_folded = models.TextField(blank=True)
    folded = models.TextField(blank=True)
    # Facets and the permission scope (filters inside the query, never afterwards).
    topic_id = models.IntegerField(null=True, blank=True)
    status = models.CharField(max_length=24, blank=True)
    ward_id = models.IntegerField(null=True, blank=True)
    council_id = models.IntegerField(null=True, blank=True)
    year = models.SmallIntegerField(null=True, blank=True)
    is_public = models.BooleanField(default=False)
    popularity = models.IntegerField(default=0)
    sort_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_object")
        ]
        indexes = [
            models.Index(fields=["kind", "is_public", "sort_at"], name="search_doc_public"),
            models.Index(fields=["kind", "council_id", "sort_at"], name="search_doc_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"
