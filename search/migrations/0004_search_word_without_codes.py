"""PostgreSQL only: codes (tracking codes, certificate codes) leave search_word.

On 1,000,000 petitions nearly every word of the list was a tracking code, and a short
last word such as "tre" (typing "trễ") completed to "tre" and about forty codes that
begin with it: forty more GIN lookups in every such query (22 ms against 14 ms for
"ho & so & cham & tre"). A code is typed or pasted whole, never completed letter by
letter; the tsquery prefix still finds it ("tre2…:*") when the list offers nothing.
A code is a word of ten characters or more with a digit in it: no Vietnamese syllable
comes close to that length.
"""

from django.db import migrations

CODE = "length(word) >= 10 AND word ~ '[0-9]'"


def _collect(where: str) -> str:
    return (
        "CREATE OR REPLACE FUNCTION search_word_collect() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN "
        " INSERT INTO search_word (word)"
        " SELECT DISTINCT word FROM new_rows, unnest(tsvector_to_array(new_rows.search_vector)) word"
        f"{where} ORDER BY word ON CONFLICT DO NOTHING;"
        " RETURN NULL; "
        "END $$"
    )


FORWARD = [_collect(f" WHERE NOT ({CODE})"), f"DELETE FROM search_word WHERE {CODE}"]
BACKWARD = [
    _collect(""),
    "INSERT INTO search_word (word) SELECT DISTINCT word FROM search_searchdocument,"
    " unnest(tsvector_to_array(search_vector)) word ON CONFLICT DO NOTHING",
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
    dependencies = [("search", "0003_postgres_prefix_words")]

    operations = [migrations.RunPython(forward, backward)]
