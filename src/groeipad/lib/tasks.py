"""Enqueue a background task once per key, however many processes try at the same time.

The database task backend stores each queued task under a UUID primary key. Settings
point its ``id_function`` at ``task_id`` below, which hands out a random UUID as usual,
except inside ``enqueue_once``: there it returns a UUID derived from the caller's key,
so a second enqueue of the same key hits the primary key and the database refuses it.
That holds across processes and machines on PostgreSQL as on SQLite, with no lock
table of our own. Queued-task rows are pruned some time after they ran, so a key only
guards for as long as its row is kept: use keys for a time slot, not forever.
"""

from __future__ import annotations

import uuid
from contextvars import ContextVar

from django.db import IntegrityError, transaction

try:  # Django 6 ships the task framework itself.
    from django.tasks import task  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # Django 5.2: the django-tasks package.
    from django_tasks import task

__all__ = ["enqueue_once", "task", "task_id", "task_id_for"]

# A fixed namespace: the same key gives the same id in every process and release.
_NAMESPACE = uuid.UUID("5c0f4d52-9a3e-4d2b-9b61-7f3f1b0a6e21")
_next_id: ContextVar[uuid.UUID | None] = ContextVar("groeipad_next_task_id", default=None)


def task_id_for(key: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, key)


def task_id() -> uuid.UUID:
    """The id of the next queued task (the task backend's ``id_function``)."""
    return _next_id.get() or uuid.uuid4()


def enqueue_once(task, key: str, *args, **kwargs):
    """Enqueue ``task`` unless a task was already enqueued under ``key``.

    Returns the task result, or None when the key was taken (by this process or another).
    """
    token = _next_id.set(task_id_for(key))
    try:
        # A savepoint: the refused insert must not spoil a surrounding transaction.
        with transaction.atomic():
            return task.enqueue(*args, **kwargs)
    except IntegrityError:
        return None
    finally:
        _next_id.reset(token)
