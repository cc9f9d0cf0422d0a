"""Reads of the accounts app: account status per employee, the HR accounts page's rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groeipad.accounts.models import AccountInvitation
from groeipad.lib.rows import annotated, attach
from groeipad.people import scope
from groeipad.people.models import Employee, User


class Status:
    NONE = "none"
    INVITED = "invited"
    ACTIVE = "active"
    DEACTIVATED = "deactivated"


STATUS_LABELS = {
    Status.NONE: _("no account"),
    Status.INVITED: _("invited"),
    Status.ACTIVE: _("active"),
    Status.DEACTIVATED: _("deactivated"),
}
STATUSES = tuple(STATUS_LABELS)


def _pending(prefix: str = "") -> Q:
    """An account that never set a password and never logged in (an invitation's)."""
    return Q(
        **{
            f"{prefix}password__startswith": UNUSABLE_PASSWORD_PREFIX,
            f"{prefix}last_login__isnull": True,
        }
    )


def is_pending(user: User) -> bool:
    return user.password.startswith(UNUSABLE_PASSWORD_PREFIX) and user.last_login is None


def status_of(user: User | None) -> str:
    if user is None:
        return Status.NONE
    if not user.is_active:
        return Status.DEACTIVATED
    return Status.INVITED if is_pending(user) else Status.ACTIVE


def _status_filter(status: str, prefix: str) -> Q:
    if status == Status.NONE:
        return Q(**{f"{prefix}isnull": True}) if prefix else Q(pk__in=[])
    if status == Status.DEACTIVATED:
        return Q(**{f"{prefix}is_active": False})
    active = Q(**{f"{prefix}is_active": True})
    if status == Status.INVITED:
        return active & _pending(prefix)
    return active & ~_pending(prefix)


def has_left(employee: Employee, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return employee.leave_date is not None and employee.leave_date < today


def account_rows(*, search: str = "", status: str | None = None) -> QuerySet[Employee]:
    """The HR accounts page: every employee with their account, searched and filtered."""
    rows = with_accounts(scope.organisation())
    for term in search.split():
        rows = rows.filter(
            Q(first_name__icontains=term)
            | Q(last_name__icontains=term)
            | Q(employee_number__iexact=term)
            | Q(email__icontains=term)
            | Q(user__email__icontains=term)
        )
    if status in STATUSES:
        rows = rows.filter(_status_filter(status, "user__"))
    return rows.order_by(Lower("last_name"), Lower("first_name"), "employee_number")


def account_users(*, search: str = "", status: str | None = None) -> QuerySet[User]:
    """Accounts (with their employee), for the API and the command line."""
    users = User.objects.select_related("employee")
    for term in search.split():
        users = users.filter(
            Q(email__icontains=term)
            | Q(employee__first_name__icontains=term)
            | Q(employee__last_name__icontains=term)
            | Q(employee__employee_number__iexact=term)
        )
    if status in STATUSES:
        users = users.filter(_status_filter(status, ""))
    return users.order_by("email")


def latest_invitations(invitations: QuerySet[AccountInvitation]) -> dict[int, AccountInvitation]:
    """Each account's latest invitation among ``invitations``: one query for the page."""
    latest: dict[int, AccountInvitation] = {}
    for invitation in invitations.order_by("user_id", "-created_at", "-pk"):
        latest.setdefault(invitation.user_id, invitation)
    return latest


def with_accounts(employees: QuerySet[Employee]) -> QuerySet[Employee]:
    """``employees`` with their account and their latest invitation's dates, in the same
    query (no query per row, and none extra for the page)."""
    latest = AccountInvitation.objects.filter(user__employee=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    return employees.select_related("user").annotate(
        invitation_sent_at=Subquery(latest.values("created_at")[:1]),
        invitation_expires_at=Subquery(latest.values("expires_at")[:1]),
    )


def attach_accounts(employees: Sequence[Employee]) -> Sequence[Employee]:
    """Give each employee (read through ``with_accounts``) ``account`` (or None),
    ``account_status`` and its label, and whether the latest invitation expired. No query."""
    now = timezone.now()
    for employee in employees:
        expires = annotated(employee, "invitation_expires_at")
        try:
            user: User | None = employee.user
        except User.DoesNotExist:
            user = None
        status = status_of(user)
        attach(
            employee,
            account=user,
            account_status=status,
            account_status_label=STATUS_LABELS[status],
            invitation_expired=expires is not None and expires <= now,
        )
    return employees


def attach_invitations(users: Sequence[User]) -> Sequence[User]:
    invitations = latest_invitations(
        AccountInvitation.objects.filter(user__in=[u.pk for u in users])
    )
    for user in users:
        status = status_of(user)
        attach(user, account_status=status, invitation=invitations.get(user.pk))
    return users


def invitation_by_token(token: str) -> AccountInvitation | None:
    return (
        AccountInvitation.objects.select_related("user", "user__employee")
        .filter(token_hash=AccountInvitation.hash_token(token))
        .first()
    )


def employees_by_numbers(numbers: Iterable[str]) -> list[Employee]:
    return list(Employee.objects.filter(employee_number__in=list(numbers)).select_related("user"))


def employees_without_account(today: date | None = None) -> QuerySet[Employee]:
    """Current employees (leavers out) with no account, or one never activated."""
    today = today or timezone.localdate()
    return (
        Employee.objects.filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .filter(Q(user__isnull=True) | (Q(user__is_active=True) & _pending("user__")))
        .exclude(email="")
        .select_related("user")
    )


def user_by_id(user_id: int) -> User | None:
    return User.objects.select_related("employee").filter(pk=user_id).first()


def user_by_email(email: str) -> User | None:
    return User.objects.select_related("employee").filter(email__iexact=email.strip()).first()
