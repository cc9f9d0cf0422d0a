"""What the feedback app holds about a person: 360 rounds about them, invitations to rate.

A round's answers appear only as its released report (``anonymity.report_for``): no
rater is named, counted per person or linked to an answer.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from groeipad.feedback.anonymity import report_for, report_ready
from groeipad.feedback.models import FeedbackRound, Rater
from groeipad.people.models import Employee, User
from groeipad.people.pseudonyms import DOMAIN, pseudonym_of
from groeipad.privacy.registry import DataCategory, register


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _rounds(employee: Employee):
    return FeedbackRound.objects.filter(employee=employee).order_by("started_at", "pk")


def _round_facts(feedback_round: FeedbackRound) -> dict:
    return {
        "started_at": feedback_round.started_at,
        "closes_on": feedback_round.closes_on,
        "status": feedback_round.get_status_display(),
        "minimum_raters_per_group": feedback_round.min_group_size,
        "shared_with_manager": feedback_round.share_with_manager,
        "shared_with_mentor": feedback_round.mentor_id is not None,
    }


def _report(feedback_round: FeedbackRound) -> dict | None:
    if not report_ready(feedback_round):
        return None
    report = report_for(feedback_round)
    return {
        "groups_shown": list(report.shown),
        "groups_withheld": list(report.withheld),
        # The manager's own answer is shown as theirs, named (as in the report).
        "manager": getattr(report, "manager_name", "") or None,
        "competencies": [
            {
                "competency": row.name,
                "self": row.self_score,
                **(
                    {"manager_score": getattr(row, "manager_score", None)}
                    if getattr(row, "manager_score", None) is not None
                    else {}
                ),
                **{
                    f"average_{cell.bucket}": (
                        str(cell.average) if cell.average is not None else None
                    )
                    for cell in row.cells
                },
                "others_average": (
                    str(row.others_average) if row.others_average is not None else None
                ),
                "signal": row.signal,
            }
            for row in report.rows
        ],
        "open_answers": [
            {
                "question": str(block.question),
                "answers": list(block.answers),
                **(
                    {"manager_answer": getattr(block, "manager_answer", "")}
                    if getattr(block, "manager_answer", "")
                    else {}
                ),
            }
            for block in report.open_answers
        ],
    }


def _rounds_export(employee: Employee) -> list[dict]:
    return [{**_round_facts(r), "report": _report(r)} for r in _rounds(employee)]


def _rounds_hr_export(employee: Employee) -> list[dict]:
    # HR never reads a 360 report as such: the report is in the export the employee
    # downloads themself.
    return [_round_facts(r) for r in _rounds(employee)]


def _rounds_erase(employee: Employee, dry_run: bool) -> int:
    rounds = FeedbackRound.objects.filter(employee=employee)
    count = rounds.count()
    if not dry_run and count:
        rounds.delete()  # questions, raters and answers with them
    return count


def _as_rater(employee: Employee):
    accounts = User.objects.filter(employee_id=employee.pk).values("pk")
    emails = Q(email__iexact=employee.email)
    for user in User.objects.filter(employee_id=employee.pk).only("email"):
        emails |= Q(email__iexact=user.email)
    if _has_field(Rater, "employee"):  # a colleague chosen from the organisation
        emails |= Q(employee_id=employee.pk)
    # Not the self-assessment in one's own round: that goes with the round.
    return (
        Rater.objects.filter(Q(user__in=accounts) | emails)
        .exclude(round__employee_id=employee.pk)
        .exclude(email__iendswith=f"@{DOMAIN}")
    )


def _answered(rater: Rater) -> bool | None:
    """Answered yes or no; None once the round closed and forgot it."""
    if _has_field(Rater, "submitted_at"):
        return getattr(rater, "submitted_at", None) is not None
    return getattr(rater, "answered", None)


def _invitations_export(employee: Employee) -> list[dict]:
    # Only that one was invited and answered: never whom about, nor the answers.
    return [
        {"invited_at": r.invited_at, "answered": _answered(r)}
        for r in _as_rater(employee).order_by("invited_at", "pk")
    ]


def _invitations_erase(employee: Employee, dry_run: bool) -> int:
    raters = list(_as_rater(employee))
    if not dry_run:
        alias = pseudonym_of(employee.pk)
        fields = ["email", "user"]
        fields += [name for name in ("employee", "email_key") if _has_field(Rater, name)]
        for rater in raters:
            # One address per rater per round: the rater's id keeps it unique.
            rater.email = f"{alias}.{rater.pk}@{DOMAIN}"
            rater.user = None
            if "employee" in fields:
                rater.employee = None
            if "email_key" in fields:
                rater.email_key = rater.email
            # Unfinished answers to the colleague's form are theirs no longer.
            drafts = getattr(rater, "drafts", None)
            if drafts is not None:
                drafts.all().delete()
            rater.save(update_fields=fields)
    return len(raters)


_DEVELOPMENT = _("legitimate interest: your development (article 6(1)(f) GDPR)")

register(
    DataCategory(
        key="feedback_rounds",
        app="feedback",
        label=_("360-degree feedback rounds about you and their reports"),
        purpose=_("to give you feedback from the people you work with"),
        legal_basis=_DEVELOPMENT,
        retention="development",
        # HR sees that a round exists and how many answered, never the report; whom the
        # employee shares the report with (a manager, a mentor) is their choice (notes).
        seen_by=("own", "hr"),
        export=_rounds_export,
        hr_export=_rounds_hr_export,
        erase=_rounds_erase,
        notes=(
            _(
                "Raters stay anonymous: their answers are only in the report, per group "
                "that reached its minimum size. The report is yours: only whom you share "
                "it with (your manager, your mentor) reads it. HR sees that a round "
                "exists, never the report; an export HR produces leaves the report out."
            ),
        ),
    )
)
register(
    DataCategory(
        key="feedback_invitations",
        app="feedback",
        label=_("invitations to give 360-degree feedback to others"),
        purpose=_("to send you the link to the form and remind you until you answered"),
        legal_basis=_DEVELOPMENT,
        retention="development",
        # HR sees who was invited (and approves external raters); so does the colleague
        # who asked you, as the one who invited you.
        seen_by=("own", "hr"),
        export=_invitations_export,
        erase=_invitations_erase,
        notes=(
            _(
                "Your answers to others' forms are anonymous: they are not linked to you "
                "and not in this export."
            ),
        ),
    )
)
