"""Inserting many rows fast, for imports.

``bulk_create`` prepares every value through the field API and builds a model instance
per row; for 50,000 employees that alone takes longer than reading, checking and
writing them. ``insert_rows`` adapts each column once per value with the database's own
adapter and hands the rows to ``executemany``, which SQLite and psycopg both run in a
tight loop. Use it only for values already validated: it skips ``save`` and signals.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models


def _adapter(field: models.Field) -> Callable[[Any], Any]:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        # An import stamps every row with the same moment: adapt it once.
        return functools.lru_cache(maxsize=8)(ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return lambda value: ops.adapt_decimalfield_value(
            value, field.max_digits, field.decimal_places
        )
    return lambda value: value


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """INSERT ``rows`` (tuples in the order of ``fields``, attribute names) into ``model``."""
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    adapters = [_adapter(field) for field in columns]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(meta.db_table),
        ", ".join(connection.ops.quote_name(field.column) for field in columns),
        ", ".join(["%s"] * len(columns)),
    )
    params = [
        tuple(
            None if value is None else adapt(value)
            for adapt, value in zip(adapters, row, strict=True)
        )
        for row in rows
    ]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
