"""Inserting many rows fast: imports and the demo generator.

``bulk_create`` prepares every value through the field API and builds a model instance
per row; for 50,000 employees or half a million history rows that alone takes longer
than reading, checking and writing them. ``insert_rows`` hands plain tuples to the
database: COPY on PostgreSQL (no statement parsing per row), ``executemany`` with the
backend's own value adapters elsewhere. Use it only for values already validated: it
skips ``save``, signals and the ids of the new rows.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, TypeVar

from django.db import connection, models

CHUNK = 5_000


def _concrete(field: Any) -> models.Field:
    """A column of the table (a field, not a reverse relation)."""
    assert isinstance(field, models.Field) and field.column is not None
    return field


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


T = TypeVar("T")


def chunks(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    progress: Callable[[int], Any] | None = None,
) -> int:
    """INSERT ``rows`` (tuples in the order of ``fields``, field or attribute names).

    Rows are consumed in chunks, so a generator of a million rows never sits in memory
    whole. ``progress`` is called with the size of each chunk written. Returns the count.
    """
    meta = model._meta
    columns = [_concrete(meta.get_field(name)) for name in fields]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    names = ", ".join(quote(field.column) for field in columns)
    adapters = [_adapter(field) for field in columns]
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    count = 0
    with connection.cursor() as cursor:
        for chunk in chunks(rows, CHUNK):
            if connection.vendor == "postgresql":
                # psycopg adapts dates, Decimals and aware datetimes itself.
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in chunk:
                        copy.write_row(row)
            else:
                cursor.executemany(
                    sql,
                    [
                        tuple(
                            None if value is None else adapt(value)
                            for adapt, value in zip(adapters, row, strict=True)
                        )
                        for row in chunk
                    ],
                )
            count += len(chunk)
            if progress is not None:
                progress(len(chunk))
    return count
