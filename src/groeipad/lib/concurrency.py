"""Optimistic locking: two people editing one record, and what the second is told."""

from __future__ import annotations


class StaleEdit(Exception):
    """Someone else saved the record after this edit started (its version moved on).

    Services compare-and-swap on a ``version`` field and raise this when they lose, so
    the second writer is told and loses nothing silently.
    """


def update_if_unchanged(model, obj, version: int | None, **fields) -> None:
    """Write ``fields`` only if the row still has ``version``, bumping it; else StaleEdit.

    ``version=None`` writes unconditionally (a first save, or a caller that did not read
    a version). ``obj`` is refreshed from the database afterwards.
    """
    from django.db.models import F

    rows = model.objects.filter(pk=obj.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(**fields, version=F("version") + 1):
        raise StaleEdit
    obj.refresh_from_db()
