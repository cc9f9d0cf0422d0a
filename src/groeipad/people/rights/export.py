"""The subject-access export (art. 15): a ZIP with ``index.html`` and ``data.json``."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor, action, audit, ensure
from groeipad.people.models import Employee
from groeipad.people.rights.labels import FIELD_LABELS, GROUP_LABELS
from groeipad.people.scope import as_viewer
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.privacy.registry import DataCategory, categories, retention_days


def may_export(actor: Actor, employee: Employee) -> bool:
    """The person themself, or HR for anyone (a manager never: it is not theirs)."""
    viewer = as_viewer(actor)
    return viewer.is_hr or (viewer.employee_id is not None and viewer.employee_id == employee.pk)


@action
def subject_access_export(actor: Actor, employee: Employee) -> bytes:
    """Everything Groeipad holds about ``employee``, as the bytes of a ZIP file."""
    viewer = as_viewer(actor)
    ensure(may_export(viewer, employee), _("Only the employee themself or HR may do this."))
    by_hr = viewer.employee_id != employee.pk
    made_at = timezone.now()
    sections = [
        (category, category.export_for(employee, by_hr=by_hr)) for category in ordered_categories()
    ]
    document = {
        "made_at": made_at,
        "employee_number": employee.employee_number,
        "made_by": "hr" if by_hr else "self",
        "categories": {
            category.key: {
                "label": category.label,
                "purpose": category.purpose,
                "legal_basis": category.legal_basis,
                "retention": category.retention,
                "retention_days_after_leaving": retention_days(category.retention),
                "records": records,
            }
            for category, records in sections
        },
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        )
        archive.writestr("index.html", _html(employee, sections, made_at, by_hr=by_hr))
    audit(
        actor=viewer,
        verb=AuditAction.EXPORT,
        object_type=ObjectType.EMPLOYEE,
        object_id=employee.pk,
        summary="Subject-access export (article 15) made by HR"
        if by_hr
        else "Subject-access export (article 15) downloaded by the employee",
        changes={"categories": len(sections)},
    )
    return buffer.getvalue()


def ordered_categories() -> list[DataCategory]:
    """The employee record first, as a document about a person starts; then app by app."""
    return sorted(categories(), key=lambda c: (c.app != "people", c.key != "employee_record"))


def kept_for(days: int) -> str:
    """ "2 years after leaving", or in days when it is no whole number of years."""
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(n)s year after leaving", "%(n)s years after leaving", years) % {
            "n": years
        }
    return ngettext("%(n)s day after leaving", "%(n)s days after leaving", days) % {"n": days}


def export_filename(employee: Employee) -> str:
    return f"groeipad-gegevens-{employee.employee_number}-{timezone.localdate():%Y%m%d}.zip"


# --- The readable document --------------------------------------------------------

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1d2430;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #2b6e62}
table{border-collapse:collapse;margin:.6rem 0;width:100%}
th,td{border:1px solid #c9d1d9;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef3f2}.meta{color:#5a6573;font-size:.92rem}.empty{color:#5a6573}
td table{margin:0;font-size:.94rem}
"""


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Decimal, int, float, str, Promise)):
        return str(value)
    return str(value)


def _heading(key: str) -> str:
    label: str | None = str(FIELD_LABELS[key]) if key in FIELD_LABELS else None
    if label is None and key.startswith("average_"):
        group = key.removeprefix("average_")
        label = _("average: %(group)s") % {"group": GROUP_LABELS.get(group, group)}
    return escape(capfirst(label) if label is not None else key.replace("_", " ").capitalize())


def _cell(value: Any) -> str:
    if isinstance(value, list):
        if not value:
            return "—"
        if all(isinstance(item, dict) for item in value):
            return _table(value)
        return escape(", ".join(_text(item) for item in value))
    if isinstance(value, dict):
        return _table([value])
    return escape(_text(value)).replace("\n", "<br>")


def _table(rows: list[dict]) -> str:
    keys: list[str] = []
    for row in rows:
        keys += [key for key in row if key not in keys]
    if len(rows) == 1:
        # One record reads better as a list of fields.
        body = "".join(f"<tr><th>{_heading(k)}</th><td>{_cell(rows[0][k])}</td></tr>" for k in keys)
        return f"<table>{body}</table>"
    head = "".join(f"<th>{_heading(k)}</th>" for k in keys)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(row.get(k))}</td>" for k in keys) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(category: DataCategory, records: list[dict]) -> str:
    # The labels are read into names first: gettext's extractor does not look inside
    # f-strings.
    nothing, purpose, basis, kept = _("Nothing."), _("Purpose"), _("Legal basis"), _("Kept")
    how_long = _("%(days)s days after you leave") % {"days": retention_days(category.retention)}
    notes = "".join(f"<p class='meta'>{escape(str(note))}</p>" for note in category.notes)
    content = _table(records) if records else f"<p class='empty'>{escape(nothing)}</p>"
    return (
        f"<section id='{escape(category.key)}'><h2>{escape(capfirst(str(category.label)))}</h2>"
        f"<p class='meta'>{escape(purpose)}: {escape(str(category.purpose))}<br>"
        f"{escape(basis)}: {escape(str(category.legal_basis))}<br>"
        f"{escape(kept)}: {escape(how_long)}</p>{notes}{content}</section>"
    )


def _html(employee: Employee, sections, made_at: datetime, *, by_hr: bool) -> str:
    title = _("What Groeipad holds about you")
    intro = _(
        "This document lists all personal data Groeipad holds about you, kind by kind, "
        "with why we keep it and for how long (article 15 GDPR). The same data is in "
        "data.json, readable by machines. Raters of 360-degree feedback stay anonymous: "
        "their answers appear only as in your report."
    )
    made = _("Made on %(when)s for employee number %(number)s.") % {
        "when": _text(made_at),
        "number": employee.employee_number,
    }
    by = _("Produced by HR at your request.") if by_hr else ""
    toc = "".join(
        f"<li><a href='#{escape(c.key)}'>{escape(capfirst(str(c.label)))}</a> ({len(records)})</li>"
        for c, records in sections
    )
    body = "".join(_section(category, records) for category, records in sections)
    return (
        f"<!DOCTYPE html><html lang='{escape(get_language() or 'nl')}'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1><p>{escape(intro)}</p>"
        f"<p class='meta'>{escape(made)} {escape(by)}</p><ol>{toc}</ol>{body}</body></html>"
    )
