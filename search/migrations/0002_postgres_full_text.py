"""PostgreSQL only: pg_trgm, a generated weighted tsvector with a GIN index, and trigram
indexes for typo tolerance. Other databases (SQLite) skip it: the portable backend reads
the folded columns with LIKE."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Folded text in, so the 'simple' configuration (no stemming, no stop words) fits
    # Vietnamese syllables; the title weighs more than the rest.
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    " setweight(to_tsvector('simple', title_folded), 'A') ||"
    " setweight(to_tsvector('simple', folded), 'B')) STORED",
    "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX search_doc_title_trgm ON search_searchdocument"
    " USING gin (title_folded gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_title_trgm",
    "DROP INDEX IF EXISTS search_doc_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]

    operations = [migrations.RunPython(forward, backward)]
