"""Writes about people and accounts. Each validates, saves and writes the audit log."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.actions import action, actor_user, audit, ensure
from groeipad.lib.concurrency import StaleEdit
from groeipad.people import reporting_lines
from groeipad.people.accounts import leaver_accounts_deactivate
from groeipad.people.models import (
    ApiToken,
    Department,
    Employee,
    Movement,
    MovementKind,
    Role,
    TokenScope,
    User,
)

if TYPE_CHECKING:
    from groeipad.lib.actions import Actor
from groeipad.people import scope
from groeipad.people.scope import Viewer
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.privacy.services import audit_record

TOKEN_PREFIX = "gp_"

# Fields a person may correct on an employee record (the HR system stays the source
# for the rest, through imports).
EDITABLE_EMPLOYEE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "department",
    "job_profile",
    "manager",
    "hire_date",
    "leave_date",
    "leave_reason",
    "annual_salary",
    "fte",
)


@action
def user_create(
    *,
    actor: Actor,
    email: str,
    role: str = Role.EMPLOYEE,
    employee: Employee | None = None,
    password: str | None = None,
) -> User:
    email = email.strip().lower()
    if role not in Role.values:
        raise ValidationError(_("Unknown role %(role)s.") % {"role": role})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("An account for %(email)s already exists.") % {"email": email})
    if employee is not None and User.objects.filter(employee=employee).exists():
        raise ValidationError(
            _("Employee %(number)s already has an account.") % {"number": employee.employee_number}
        )
    user = User(email=email, role=role, employee=employee)
    if password is None:
        user.set_unusable_password()
    else:
        validate_password(password, user)
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.USER,
        object_id=user.pk,
        summary=f"account {email} ({role})",
        changes={"employee": employee.employee_number if employee else None},
    )
    return user


TOKEN_MAX_DAYS = 365


@action
def api_token_create(
    *,
    actor: Actor,
    user: User,
    name: str = "",
    scope: str = TokenScope.READ_WRITE,
    days: int | None = None,
) -> tuple[ApiToken, str]:
    """Create a token for ``user``; the plain key is returned once and never stored.

    ``days``: its lifetime, 1 to 365 (GROEIPAD_API_TOKEN_DAYS when not given). Only the
    account itself (or the command line, actor None) makes its tokens.
    """
    by = actor_user(actor)
    ensure(by is None or by.pk == user.pk, _("You can only create API tokens for yourself."))
    if scope not in TokenScope.values:
        raise ValidationError(
            _("Scope: choose %(choices)s, not %(scope)s.")
            % {"choices": " or ".join(TokenScope.values), "scope": scope}
        )
    days = settings.GROEIPAD_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= TOKEN_MAX_DAYS:
        raise ValidationError(
            _("Valid for: between 1 and %(max)s days, not %(days)s.")
            % {"max": TOKEN_MAX_DAYS, "days": days}
        )
    name = name.strip()
    if len(name) > 100:
        raise ValidationError(_("Name: at most 100 characters."))
    if not user.is_active:
        raise ValidationError(_("The account %(email)s is not active.") % {"email": user.email})
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:10],
        key_hash=ApiToken.hash_key(key),
        scope=scope,
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    audit(
        actor=actor,
        verb=AuditAction.TOKEN,
        object_type=ObjectType.API_TOKEN,
        object_id=token.pk,
        summary=f"API token {token.prefix}… ({scope}, {days} days) for {user.email}",
        changes={
            "user": user.email,
            "name": name,
            "scope": scope,
            "expires_at": str(token.expires_at),
        },
    )
    return token, key


@action
def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke ``token`` at once: its owner, HR or the command line (actor None) may.

    Revoking a revoked token changes nothing (and writes nothing).
    """
    by = actor_user(actor)
    ensure(by is None or by.pk == token.user_id or by.is_hr)
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by = by
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.API_TOKEN,
        object_id=token.pk,
        summary=f"API token {token.prefix}… of {token.user.email} revoked",
        changes={"revoked_at": [None, str(token.revoked_at)]},
    )
    return token


def api_token_touch(token: ApiToken, now: datetime.datetime) -> None:
    """Note that ``token`` was used (the API writes this at most once a minute)."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


@action
def password_set(
    *, actor: Actor, user: User, password: str, keep_session_key: str | None = None, how: str
) -> None:
    """Give ``user`` a new password (``how``: "change" or "reset") and end their other
    sessions: every one but ``keep_session_key`` (None: all of them)."""
    from groeipad.people.sessions import user_sessions_end

    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    ended = user_sessions_end(user=user, keep_session_key=keep_session_key, audited=False)
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.USER,
        object_id=user.pk,
        summary=f"password of {user.email} {'reset' if how == 'reset' else 'changed'}; "
        f"{ended} other session(s) ended",
        changes={"password": how, "sessions_ended": ended},
    )


@action
def employee_update(*, actor: Actor, employee: Employee, version: int, **changes: Any) -> Employee:
    """Correct an employee record; refuse when it changed since ``version`` was read."""
    unknown = set(changes) - set(EDITABLE_EMPLOYEE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    before = {name: _display(getattr(employee, name)) for name in changes}
    for name, value in changes.items():
        setattr(employee, name, value)
    employee.full_clean()
    fields = [*changes, "version", "updated_at"]
    # The version in the WHERE clause makes this a compare-and-swap: of two people
    # saving at once, exactly one matches.
    updated = Employee.objects.filter(pk=employee.pk, version=version).update(
        **{name: getattr(employee, name) for name in changes},
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise StaleEdit
    employee.refresh_from_db(fields=fields)
    _keep_line_and_accounts(employee, changes)
    after = {name: _display(getattr(employee, name)) for name in changes}
    diff = {k: [before[k], after[k]] for k in changes if before[k] != after[k]}
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.EMPLOYEE,
        object_id=employee.employee_number,
        summary=f"changed {', '.join(diff) or 'nothing'}",
        changes=diff,
    )
    return employee


@action
def employee_transfer(
    *,
    actor: Actor | str,
    employee: Employee,
    department: Department,
    date: datetime.date,
    reason: str = "",
    manager: Employee | None = None,
) -> Movement:
    """Move an employee to another department for good: a transfer in the employment
    history (counted by the internal mobility KPI) and their present department, together.

    ``manager``, when given, becomes their manager in the same transaction, so the
    management line (and with it who sees the employee) moves along with them.
    The caller decides who may (for example the host department choosing a candidate).
    """
    if department.pk == employee.department_id:
        raise ValidationError(
            _("%(name)s already works in %(department)s.")
            % {"name": employee.full_name, "department": department.name}
        )
    if Movement.objects.filter(employee=employee, date=date, kind=MovementKind.TRANSFER).exists():
        raise ValidationError(
            _("%(name)s already has a transfer on %(date)s in the history.")
            % {"name": employee.full_name, "date": date.isoformat()}
        )
    if manager is not None:
        if manager.pk == employee.pk:
            raise ValidationError(
                _("New manager: %(name)s cannot be their own manager.")
                % {"name": employee.full_name}
            )
        if scope.in_line(_as_manager(employee), manager):
            raise ValidationError(
                _("New manager: %(manager)s reports to %(name)s, so cannot become their manager.")
                % {"manager": manager.full_name, "name": employee.full_name}
            )
    before = employee.department.name
    before_manager = employee.manager.employee_number if employee.manager else None
    changes: dict[str, list[str | None]] = {"department": [before, department.name]}
    movement = Movement.objects.create(
        employee=employee, date=date, kind=MovementKind.TRANSFER, department=department
    )
    employee.department = department
    fields = ["department", "version", "updated_at"]
    if manager is not None:
        employee.manager = manager
        fields.append("manager")
        changes["manager"] = [before_manager, manager.employee_number]
    employee.version = F("version") + 1  # incremented in the database
    employee.updated_at = timezone.now()
    # Employee.save keeps the reporting-line closure when the manager changes.
    employee.save(update_fields=fields)
    employee.refresh_from_db(fields=["version"])
    # audit_record, not audit: the actor may be a command line's label (the transfer run).
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=ObjectType.EMPLOYEE,
        object_id=employee.employee_number,
        summary=f"transfer on {date.isoformat()} to {department.name}"
        + (f", manager {manager.employee_number}" if manager is not None else "")
        + (f" ({reason})" if reason else ""),
        changes=changes,
    )
    return movement


def _as_manager(employee: Employee) -> Viewer:
    """``employee`` as the viewer of their own line (who reports to them today)."""
    return Viewer(
        user=None,
        employee_id=employee.pk,
        is_hr=False,
        is_admin=False,
        today=timezone.localdate(),
    )


def _keep_line_and_accounts(employee: Employee, changed: Iterable[str]) -> None:
    """A compare-and-swap update bypasses Employee.save: keep what save() keeps."""
    if "manager" in changed or "manager_id" in changed:
        reporting_lines.moved([employee.pk])
    if "leave_date" in changed:
        leaver_accounts_deactivate(today=timezone.localdate(), employee_ids=[employee.pk])


def _display(value: object) -> str | None:
    if value is None:
        return None
    return str(value)
