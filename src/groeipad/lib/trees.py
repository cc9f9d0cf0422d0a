"""Sub-trees of self-referencing tables (departments, management lines) in one query.

A recursive common table expression works the same on SQLite and PostgreSQL, so a
manager's whole line or a department with all its sub-departments is one subquery,
whatever the depth: no query per level, no N+1.
"""

from __future__ import annotations

from django.db.models.expressions import RawSQL


def subtree_ids_sql(table: str, parent_column: str, root_id: int, *, include_root: bool) -> RawSQL:
    """A subquery of the ids below ``root_id`` (and the root itself if asked).

    UNION, not UNION ALL: it drops rows already seen, so even a cycle that slipped
    into the data ends the recursion instead of looping.
    """
    start = (
        f"SELECT id FROM {table} WHERE id = %s"
        if include_root
        else f"SELECT id FROM {table} WHERE {parent_column} = %s"
    )
    sql = (
        f"WITH RECURSIVE subtree(id) AS ({start} "
        f"UNION SELECT t.id FROM {table} t JOIN subtree s ON t.{parent_column} = s.id) "
        "SELECT id FROM subtree"
    )
    return RawSQL(sql, (root_id,))
