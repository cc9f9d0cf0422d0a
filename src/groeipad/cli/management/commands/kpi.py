"""``groeipad kpi --from START --to END [--department NAME | --manager NUMBER] [--json]``.

An operator's tool: it sees what HR sees, through the same funnel as the page and the
API (``insights.access.kpi_target_for``), so the numbers are the same.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from groeipad.insights.access import KpiScopeDenied, KpiTarget, get_manager_for, kpi_target_for
from groeipad.insights.kpis import MIX_KEYS, compute_kpis, spec_object
from groeipad.insights.labels import LABELS, MIX_LABELS
from groeipad.lib import json_numbers
from groeipad.people.scope import system_viewer
from groeipad.people.selectors import DepartmentNotFound, department_by_name


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}: {text!r} is not a date; use YYYY-MM-DD.") from None


def _display(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "-" if value is None else str(value)


class Command(BaseCommand):
    # System checks import every URL module (the API, charts, pages): seconds a
    # command does not need. `groeipad init` and the CI run them.
    requires_system_checks: list[str] = []
    help = "The organisation's talent KPIs for a period (both dates inclusive)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--from",
            dest="start",
            required=True,
            metavar="START",
            help="first day of the period, YYYY-MM-DD",
        )
        parser.add_argument(
            "--to",
            dest="end",
            required=True,
            metavar="END",
            help="last day of the period, YYYY-MM-DD",
        )
        parser.add_argument(
            "--department",
            metavar="NAME",
            help="a department (name or path like Operations/Planning) with its sub-departments",
        )
        parser.add_argument(
            "--manager",
            metavar="EMPLOYEE_NUMBER",
            help="a manager's line: everyone whose chain of managers leads to them",
        )
        parser.add_argument("--json", action="store_true", help="print the JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        start = _date(options["start"], "--from")
        end = _date(options["end"], "--to")
        if end < start:
            raise CommandError(f"--to {end} is before --from {start}.")
        department = None
        if options["department"]:
            try:
                department = department_by_name(options["department"])
            except DepartmentNotFound:
                raise CommandError(
                    f"--department: no department (or more than one) named "
                    f"{options['department']!r}."
                ) from None
        if department is not None and options["manager"]:
            raise CommandError("Give --department or --manager, not both.")
        viewer = system_viewer()
        try:
            manager = get_manager_for(viewer, options["manager"]) if options["manager"] else None
            target = kpi_target_for(
                viewer, start=start, end=end, department=department, manager=manager
            )
        except Http404:
            raise CommandError(
                f"--manager: no employee with number {options['manager']!r}."
            ) from None
        except KpiScopeDenied as denied:
            raise CommandError(f"--manager: {denied}") from None
        kpis = compute_kpis(start=start, end=end, scope=target.scope)
        if options["json"]:
            self.stdout.write(json_numbers.dumps(spec_object(kpis), indent=2))
            if kpis["enps_suppressed"]:
                self.stderr.write(f"enps: {kpis['enps_suppressed_reason']}")
            return
        self.stdout.write(self._table(kpis, start, end, target))

    def _table(self, kpis: dict, start: date, end: date, target: KpiTarget) -> str:
        rows = []
        for key, value in kpis.items():
            if key == "learning_mix":
                rows.append((str(LABELS[key]), key, ""))
                rows += [(f"  {MIX_LABELS[k]}", f"  {k}", _display(value[k])) for k in MIX_KEYS]
            else:
                rows.append((str(LABELS[key]), key, _display(value)))
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        if target.manager is not None:
            scope = f"line of {target.manager.full_name} ({target.manager.employee_number})"
        elif target.department is not None:
            scope = target.department.name
        else:
            scope = "whole organisation"
        lines = [f"KPIs {start} .. {end} ({scope})", ""]
        lines += [
            f"{label:<{widths[0]}}  {key:<{widths[1]}}  {value:>{widths[2]}}"
            for label, key, value in rows
        ]
        return "\n".join(lines)
