"""What the people app holds about a person: the employee record and the account."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groeipad.people.models import ApiToken, Employee, Movement, Role, User, UserSession
from groeipad.people.pseudonyms import is_pseudonymised, pseudonym_email, pseudonym_of
from groeipad.people.selectors import department_paths
from groeipad.people.sessions import user_sessions_end
from groeipad.privacy.registry import DataCategory, register


def _employee_export(employee: Employee) -> list[dict]:
    e = Employee.objects.select_related("department", "job_profile", "manager").get(pk=employee.pk)
    paths = department_paths()
    moves = Movement.objects.filter(employee=e).select_related("job_profile").order_by("date")
    return [
        {
            "employee_number": e.employee_number,
            "first_name": e.first_name,
            "last_name": e.last_name,
            "email": e.email,
            "department": paths.get(e.department_id, e.department.name),
            "job_profile": e.job_profile.name if e.job_profile else None,
            # One's own manager is named on one's own pages.
            "manager": e.manager.full_name if e.manager else None,
            "hire_date": e.hire_date,
            "leave_date": e.leave_date,
            "leave_reason": e.get_leave_reason_display() if e.leave_reason else None,
            "annual_salary": e.annual_salary,
            "fte": e.fte,
            "internal_moves": [
                {
                    "date": move.date,
                    "kind": move.get_kind_display(),
                    "department": paths.get(move.department_id) if move.department_id else None,
                    "job_profile": move.job_profile.name if move.job_profile else None,
                }
                for move in moves
            ],
        }
    ]


def _employee_erase(employee: Employee, dry_run: bool) -> int:
    """Pseudonymise: name, e-mail and employee number go; what KPIs count stays
    (department, job, manager, hire and leave dates and reason, salary, FTE, moves)."""
    if is_pseudonymised(employee):
        return 0
    if dry_run:
        return 1
    alias = pseudonym_of(employee.pk)
    fields = {
        "employee_number": alias,
        "first_name": "verwijderd",
        "last_name": alias.removeprefix("verwijderd-"),
        "email": pseudonym_email(employee.pk),
        "updated_at": timezone.now(),
    }
    # An update, not save(): the line and the accounts stay as they are.
    Employee.objects.filter(pk=employee.pk).update(version=F("version") + 1, **fields)
    for name, value in fields.items():
        setattr(employee, name, value)
    return 1


def _account(employee: Employee) -> User | None:
    return User.objects.filter(employee_id=employee.pk).first()


def _account_export(employee: Employee) -> list[dict]:
    user = _account(employee)
    if user is None:
        return []
    tokens = ApiToken.objects.filter(user=user).order_by("created_at")
    return [
        {
            "email": user.email,
            "role": user.get_role_display(),
            "active": user.is_active,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "api_tokens": [
                {
                    "name": token.name,
                    "prefix": token.prefix,
                    "scope": token.scope,
                    "created_at": token.created_at,
                    "expires_at": token.expires_at,
                    "last_used_at": token.last_used_at,
                    "revoked_at": token.revoked_at,
                }
                for token in tokens
            ],
            "sessions": [
                {
                    "started_at": row.created_at,
                    "last_seen_at": row.last_seen_at,
                    "browser": row.user_agent,
                    "ip": row.ip,
                }
                for row in UserSession.objects.filter(user=user).order_by("created_at")
            ],
        }
    ]


def _account_erase(employee: Employee, dry_run: bool) -> int:
    """Deactivate and anonymise the account; its API tokens and sessions go."""
    user = _account(employee)
    if user is None:
        return 0
    tokens = ApiToken.objects.filter(user=user)
    anonymous = user.email == pseudonym_email(employee.pk) and not user.is_active
    count = tokens.count() + (0 if anonymous and not user.has_usable_password() else 1)
    if dry_run or count == 0:
        return count
    tokens.delete()
    user_sessions_end(user=user, audited=False)
    user.email = pseudonym_email(employee.pk)
    user.is_active = False
    user.role = Role.EMPLOYEE
    user.set_unusable_password()
    user.save(update_fields=["email", "is_active", "role", "password"])
    return count


register(
    DataCategory(
        key="employee_record",
        app="people",
        label=_("employee record: name, e-mail, department, job, manager, dates, salary, moves"),
        purpose=_("to know who works where, and to compute the organisation's talent KPIs"),
        legal_basis=_("employment contract (article 6(1)(b) GDPR)"),
        retention="employment",
        seen_by=("own", "line", "hr", "kpi_line"),
        export=_employee_export,
        erase=_employee_erase,
        notes=(
            _(
                "Erasure pseudonymises the record: name, e-mail address and employee number "
                "are replaced; department, job, manager, dates, salary, FTE and moves stay "
                "so that past KPIs do not change."
            ),
        ),
    )
)
register(
    DataCategory(
        key="account",
        app="people",
        label=_("account: login e-mail, role, API tokens, browser sessions"),
        purpose=_("to let you log in and use the API"),
        legal_basis=_("employment contract (article 6(1)(b) GDPR)"),
        retention="development",
        seen_by=("own", "hr"),
        export=_account_export,
        erase=_account_erase,
    )
)
