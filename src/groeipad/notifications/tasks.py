"""Background tasks of the notifications app (django-tasks; ``groeipad worker`` runs them)."""

from __future__ import annotations

try:  # Django 6 ships the task framework itself.
    from django.tasks import task
except ImportError:  # Django 5.2: the django-tasks package.
    from django_tasks import task


@task()
def deliver_email(email_id: int) -> str:
    """Send one queued e-mail (a no-op when it is sent, failed or claimed elsewhere)."""
    from groeipad.notifications.services import email_deliver

    return email_deliver(email_id)


@task()
def deliver_due_emails() -> int:
    """Send every queued e-mail that is due (the worker's periodic scan)."""
    from groeipad.notifications.services import emails_deliver_due

    return emails_deliver_due()
