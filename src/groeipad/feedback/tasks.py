"""Background task: remind raters who have not answered (``groeipad worker`` runs it)."""

from __future__ import annotations

from groeipad.feedback.services import reminders_for_open_rounds

try:  # Django 6 ships the task framework itself.
    from django.tasks import task
except ImportError:  # Django 5.2: the django-tasks package.
    from django_tasks import task


@task()
def remind_raters() -> int:
    return reminders_for_open_rounds()
