"""Who sees what, generated from the scopes: the transparency page's table.

A data category (``privacy.registry.DataCategory``) names its audiences in ``seen_by``;
each name here is bound to the function of ``people.scope`` that decides it, and the page
quotes that function's own definition (its docstring). Renaming or removing a scope
breaks this table at import, and a category naming an unknown audience is shown as such
(and fails the tests), so the page cannot drift from what the code enforces.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from groeipad.people import scope
from groeipad.people.models import Role
from groeipad.privacy import registry


@dataclass(frozen=True)
class Audience:
    name: str  # as categories name it in ``seen_by``
    label: Promise
    decided_by: Callable  # the people.scope function

    @property
    def scope_name(self) -> str:
        return f"people.scope.{self.decided_by.__name__}"

    @property
    def definition(self) -> str:
        """The scope's own definition: the first paragraph of its docstring."""
        doc = inspect.getdoc(self.decided_by) or ""
        return " ".join(doc.split("\n\n")[0].split()).replace("``", "")


AUDIENCES: dict[str, Audience] = {
    audience.name: audience
    for audience in (
        Audience("own", _("the employee themself"), scope.own),
        Audience("line", _("their managers (direct and indirect)"), scope.line),
        Audience("hr", _("HR advisers and administrators"), scope.organisation),
        Audience("budget", _("managers holding the department's budget"), scope.budget_departments),
        Audience("kpi_line", _("managers, as counts in their line's KPIs"), scope.kpi_line),
    )
}


def may_see_transparency(viewer) -> bool:
    """The transparency page and the audit log: HR advisers, administrators, and the
    privacy officer or works council (role ``privacy``, which sees nothing else)."""
    v = scope.as_viewer(viewer)
    return v.is_hr or (v.user is not None and v.user.role == Role.PRIVACY)


@dataclass(frozen=True)
class CategoryRow:
    key: str
    app: str
    label: str
    purpose: str
    legal_basis: str
    retention: str
    retention_label: str
    retention_days: int
    audiences: list[Audience]
    unknown_audiences: list[str]
    notes: list[str]


def category_rows() -> list[CategoryRow]:
    """Every registered kind of personal data, with who sees it and how long it stays."""
    rows = []
    for category in registry.categories():
        rows.append(
            CategoryRow(
                key=category.key,
                app=category.app,
                label=str(category.label),
                purpose=str(category.purpose),
                legal_basis=str(category.legal_basis),
                retention=category.retention,
                retention_label=str(registry.RETENTION[category.retention].label),
                retention_days=registry.retention_days(category.retention),
                audiences=[AUDIENCES[n] for n in category.seen_by if n in AUDIENCES],
                unknown_audiences=[n for n in category.seen_by if n not in AUDIENCES],
                notes=[str(note) for note in category.notes],
            )
        )
    return rows
