"""Database helpers for the busiest write path (filing a petition).

``insert_rows`` does what ``QuerySet.bulk_create`` does for a few plain rows, in one
``INSERT … VALUES … RETURNING``, without bulk_create's general machinery: batching,
conflict handling, parent tables, and on PostgreSQL the ``UNNEST`` form whose array
adaptation alone costs more than the statement. Measured inside a transaction on
PostgreSQL: 0.26 ms of CPU for a petition's two events against 0.59 with bulk_create.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from django.db import connections, router
from django.db.models import Model

FEW = 20


def insert_rows(objs: Sequence[Model]) -> None:
    """Insert unsaved instances of one model and give each its primary key.

    For simple models only (an auto-increment key, no parent table, no ``db_default``),
    like the log and outbox rows it is used for. Values are prepared by the fields
    themselves (``pre_save``: ``auto_now_add``; ``get_db_prep_save``: JSON, dates), and
    foreign keys to instances saved since they were assigned are taken up, as
    bulk_create does. No signals are sent (bulk_create sends none either). More than
    ``FEW`` rows go to bulk_create, which splits them within the database's limits."""
    if not objs:
        return
    model = type(objs[0])
    if len(objs) > FEW:
        model._default_manager.bulk_create(objs)
        return
    using = router.db_for_write(model)
    connection = connections[using]
    fields = _fields(model)
    params = []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="insert_rows")
        params += [
            field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields
        ]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(model, len(objs), using), params)
        keys = cursor.fetchall()
    for obj, (key,) in zip(objs, keys, strict=True):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = using


@cache
def _fields(model: type[Model]) -> tuple:
    meta = model._meta
    if meta.parents or any(field.has_db_default() for field in meta.concrete_fields):
        raise TypeError(f"insert_rows() cannot insert {meta.label}: use bulk_create().")
    return tuple(
        field for field in meta.concrete_fields if not (field.primary_key or field.generated)
    )


@lru_cache(maxsize=128)
def _insert_sql(model: type[Model], count: int, using: str) -> str:
    meta, quote = model._meta, connections[using].ops.quote_name
    fields = _fields(model)
    columns = ", ".join(quote(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # Names from the model's metadata, quoted; every value is a parameter.
    return (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {', '.join([row] * count)} "  # noqa: S608
        f"RETURNING {quote(meta.pk.column)}"
    )
