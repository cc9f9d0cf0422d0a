"""Reads about people, always scoped to what the viewer may see."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from groeipad.lib.trees import subtree_ids_sql
from groeipad.people.models import (
    ApiToken,
    Department,
    Employee,
    Movement,
    TokenStatus,
    User,
    UserSession,
)
from groeipad.people.scope import Viewer, visible_employees

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike


def department_paths() -> dict[int, str]:
    """Every department's full path ("Operations/Planning"), from one query."""
    rows = {
        pk: (name, parent)
        for pk, name, parent in Department.objects.values_list("id", "name", "parent_id")
    }
    paths: dict[int, str] = {}

    def path_of(pk: int, seen: frozenset = frozenset()) -> str:
        if pk in paths:
            return paths[pk]
        name, parent = rows[pk]
        if parent is None or parent in seen:
            result = name
        else:
            result = f"{path_of(parent, seen | {pk})}/{name}"
        paths[pk] = result
        return result

    for pk in rows:
        path_of(pk)
    return paths


def department_subtree_ids(department_id: int) -> RawSQL:
    """A subquery of ``department_id`` and every department below it."""
    return subtree_ids_sql(Department._meta.db_table, "parent_id", department_id, include_root=True)


class DepartmentNotFound(LookupError):
    pass


def department_by_name(name: str) -> Department:
    """A department by its path ("Operations/Planning") or, if unambiguous, its name."""
    wanted = name.strip().strip("/")
    paths = department_paths()
    by_path = [pk for pk, path in paths.items() if path.casefold() == wanted.casefold()]
    if not by_path and "/" not in wanted:
        by_path = [
            pk
            for pk, path in paths.items()
            if path.rsplit("/", 1)[-1].casefold() == wanted.casefold()
        ]
    if len(by_path) != 1:
        raise DepartmentNotFound(name)
    return Department.objects.get(pk=by_path[0])


def employee_list_for_viewer(
    viewer: Viewer | UserLike,
    *,
    search: str = "",
    department: Department | None = None,
    current_only: bool = False,
) -> QuerySet[Employee]:
    """``people.scope.visible_employees``, searched and filtered."""
    employees = visible_employees(viewer).select_related("department", "job_profile", "manager")
    for term in search.split():
        employees = employees.filter(
            Q(first_name__icontains=term)
            | Q(last_name__icontains=term)
            | Q(employee_number__iexact=term)
            | Q(email__icontains=term)
        )
    if department is not None:
        employees = employees.filter(department_id__in=department_subtree_ids(department.pk))
    if current_only:
        employees = employees.filter(leave_date__isnull=True)
    return employees


def movements_for_employee(employee: Employee) -> QuerySet[Movement]:
    return employee.movements.select_related("department", "job_profile").order_by("date")


def user_by_email(email: str) -> User | None:
    """The account with this e-mail address (any case), or None."""
    return User.objects.filter(email__iexact=email.strip()).first()


def employee_by_email(email: str) -> Employee | None:
    """The employee with this e-mail address (any case; unique), with their account."""
    return Employee.objects.select_related("user").filter(email__iexact=email.strip()).first()


def employee_by_number(number: str) -> Employee | None:
    return Employee.objects.filter(employee_number=number).first()


def api_token_by_key(key: str) -> ApiToken | None:
    """The token whose hash matches ``key``, with its account and employee, or None."""
    return (
        ApiToken.objects.select_related("user__employee")
        .filter(key_hash=ApiToken.hash_key(key))
        .first()
    )


def api_tokens_of_user(user: User) -> QuerySet[ApiToken]:
    """The account's own tokens, newest first (revoked and expired ones included)."""
    return ApiToken.objects.filter(user_id=user.pk).select_related("revoked_by")


def api_token_list_for_hr(
    *, search: str = "", status: str = "", now: datetime.datetime | None = None
) -> QuerySet[ApiToken]:
    """Every token, for HR's page: searched by the owner's address or name, filtered by
    status (active, expired, revoked). The caller pages it."""
    now = now or timezone.now()
    tokens = ApiToken.objects.select_related("user__employee", "revoked_by")
    for term in search.split():
        tokens = tokens.filter(
            Q(user__email__icontains=term)
            | Q(user__employee__first_name__icontains=term)
            | Q(user__employee__last_name__icontains=term)
            | Q(name__icontains=term)
            | Q(prefix__startswith=term)
        )
    if status == TokenStatus.ACTIVE:
        tokens = tokens.filter(revoked_at__isnull=True, expires_at__gt=now)
    elif status == TokenStatus.EXPIRED:
        tokens = tokens.filter(revoked_at__isnull=True, expires_at__lte=now)
    elif status == TokenStatus.REVOKED:
        tokens = tokens.filter(revoked_at__isnull=False)
    return tokens


def api_token_by_id_or_prefix(value: str) -> ApiToken | None:
    """For the command line: a token by its number or its (unique) prefix."""
    value = value.strip().rstrip("…")
    if value.isdigit():
        return ApiToken.objects.select_related("user").filter(pk=int(value)).first()
    found = list(ApiToken.objects.select_related("user").filter(prefix=value[:10])[:2])
    return found[0] if len(found) == 1 else None


def user_sessions_of_user(user: User) -> QuerySet[UserSession]:
    """The account's browser sessions, the most recently used first."""
    return UserSession.objects.filter(user_id=user.pk)
