"""``groeipad check``: Django's system checks plus the database's (the audit log's
protection, ``groeipad.W040``-``W043``), which ``django check`` skips by default."""

from __future__ import annotations

from typing import Any

from django.core.management.commands.check import Command as CheckCommand


class Command(CheckCommand):
    help = "Check the configuration and the database (audit log protection)."

    def handle(self, *app_labels: Any, **options: Any) -> None:
        options["databases"] = options.get("databases") or ["default"]
        super().handle(*app_labels, **options)
