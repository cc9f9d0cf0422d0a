"""The report as CSV and XLSX: the same rows, from the same anonymity rule.

Both read only ``anonymity.report_for``: withheld groups are absent, a suppressed cell
says why ("fewer than 3 answers") instead of a number, open answers keep the rule's
keyed order, and no rater id, answer id or timestamp is written. The manager's own
rating is a named column, as on the page.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from groeipad.feedback.anonymity import Report
from groeipad.feedback.models import RaterGroup
from groeipad.feedback.presentation import bucket_label, signal_label
from groeipad.lib.spreadsheets_export import xlsx_bytes


def _value(value):
    return "" if value is None else value


def _manager_header(report: Report) -> list[str]:
    if not report.manager_name:
        return []
    return [_("Manager: %(name)s") % {"name": report.manager_name}]


def competency_rows(report: Report) -> list[list]:
    rows: list[list] = [
        [
            _("Competency"),
            _("Self"),
            *_manager_header(report),
            *[bucket_label(b) for b in report.shown],
            _("All others"),
            _("Signal"),
        ]
    ]
    for row in report.rows:
        cells = {c.bucket: c for c in row.cells}
        rows.append(
            [
                row.name,
                _value(row.self_score),
                *([_value(row.manager_score)] if report.manager_name else []),
                *[
                    cells[b].hidden_reason if cells[b].suppressed else _value(cells[b].average)
                    for b in report.shown
                ],
                row.others_reason if row.others_average is None else row.others_average,
                signal_label(row.signal),
            ]
        )
    return rows


def open_answer_rows(report: Report) -> list[list]:
    rows = []
    for block in report.open_answers:
        if block.manager_answer:
            label = _("Manager: %(name)s") % {"name": report.manager_name}
            rows.append([block.question, f"{label}: {block.manager_answer}"])
        rows += [[block.question, text] for text in block.answers]
    return rows


def about_rows(report: Report) -> list[list]:
    """What the reader needs to read the numbers right: N, and what was left out."""
    return [
        [_("Minimum raters per group (N)"), report.min_group_size],
        [_("Shown"), ", ".join(bucket_label(b) for b in report.shown)],
        [
            _("Left out (%(reason)s)") % {"reason": report.reason},
            ", ".join(str(RaterGroup(g).label) for g in report.withheld),
        ],
        [
            _("All others covers"),
            _("all groups") if report.others_scope == "all" else _("only the groups shown"),
        ],
    ]


def report_xlsx(report: Report) -> bytes:
    return xlsx_bytes(
        {
            _("Competencies"): competency_rows(report),
            _("Open answers"): [[_("Question"), _("Answer")], *open_answer_rows(report)],
            _("About"): about_rows(report),
        }
    )
