"""Accounts in the API (``/api/v1/accounts``): HR lists, invites, deactivates, reactivates
and changes roles, through the same services as the HR page and the command line."""

# No "from __future__ import annotations": ninja reads the list operation's parameter
# types through the pagination wrapper, where a string annotation cannot be resolved.
from datetime import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import StringConstraints

from groeipad.accounts import selectors, services
from groeipad.accounts.selectors import STATUSES
from groeipad.api.errors import service_call
from groeipad.people import scope
from groeipad.people.models import Role, User

router = Router(tags=["accounts"])

BIGINT = 9_223_372_036_854_775_807
# Text the database can hold: PostgreSQL refuses NUL characters (a 422 here, not a 500).
NO_NUL = r"^[^\x00]*$"
EmployeeNumber = Annotated[str, StringConstraints(max_length=50, pattern=NO_NUL)]


class AccountOut(Schema):
    id: int
    email: str
    role: str
    status: str
    employee_number: str | None
    name: str | None
    last_login: datetime | None
    invitation_sent_at: datetime | None
    invitation_expires_at: datetime | None

    @staticmethod
    def of(user: User) -> "AccountOut":
        invitation = getattr(user, "invitation", None)
        employee = user.employee
        return AccountOut(
            id=user.pk,
            email=user.email,
            role=user.role,
            status=selectors.status_of(user),
            employee_number=employee.employee_number if employee else None,
            name=employee.full_name if employee else None,
            last_login=user.last_login,
            invitation_sent_at=invitation.created_at if invitation else None,
            invitation_expires_at=invitation.expires_at if invitation else None,
        )


def _ensure_hr(request) -> None:
    if not scope.is_hr(request.viewer):
        raise PermissionDenied(_("Only HR may manage accounts."))


def _account(request, user_id: int) -> User:
    _ensure_hr(request)
    user = selectors.user_by_id(user_id)
    if user is None:
        raise Http404
    return user


class _AccountPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=1_000_000_000)

    def paginate_queryset(
        self,
        queryset: QuerySet,
        pagination: LimitOffsetPagination.Input,
        request: HttpRequest,
        **params: Any,
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        users = list(page["items"])
        selectors.attach_invitations(users)
        page["items"] = [AccountOut.of(u) for u in users]
        return page


StatusName = Literal["none", "invited", "active", "deactivated"]
assert set(STATUSES) == {"none", "invited", "active", "deactivated"}


@router.get("", response=list[AccountOut], summary="HR: accounts, searched and filtered")
@paginate(_AccountPagination)
def account_list(
    request,
    search: str = Query("", max_length=200, pattern=NO_NUL),
    status: StatusName | None = None,
):
    _ensure_hr(request)
    return selectors.account_users(search=search, status=status)


class InviteIn(Schema):
    employee_numbers: list[EmployeeNumber] = Field(..., min_length=1, max_length=1000)


class Skipped(Schema):
    employee_number: str
    reason: str
    message: str


class InviteOut(Schema):
    invited: int
    reinvited: int
    skipped: list[Skipped]


@router.post("/invitations", response=InviteOut, summary="HR: invite employees (by number)")
def account_invite(request, payload: InviteIn):
    _ensure_hr(request)
    numbers = [n.strip() for n in payload.employee_numbers if n.strip()]
    employees = selectors.employees_by_numbers(numbers)
    report = service_call(lambda: services.invite(actor=request.user, employees=employees))
    found = {e.employee_number for e in employees}
    report.skipped += [(n, services.Skip.UNKNOWN) for n in dict.fromkeys(numbers) if n not in found]
    return InviteOut(
        invited=report.invited,
        reinvited=report.reinvited,
        skipped=[
            Skipped(employee_number=n, reason=r, message=services.skip_label(r))
            for n, r in report.skipped
        ],
    )


@router.post("/{user_id}/deactivate", response=AccountOut, summary="HR: deactivate an account")
def account_deactivate(request, user_id: int = Path(..., ge=1, le=BIGINT)):
    user = _account(request, user_id)
    service_call(lambda: services.account_deactivate(actor=request.user, user=user))
    return AccountOut.of(user)


@router.post("/{user_id}/reactivate", response=AccountOut, summary="HR: reactivate an account")
def account_reactivate(request, user_id: int = Path(..., ge=1, le=BIGINT)):
    user = _account(request, user_id)
    service_call(lambda: services.account_reactivate(actor=request.user, user=user))
    return AccountOut.of(user)


class RoleIn(Schema):
    role: Literal["employee", "hr", "admin", "privacy"]


assert set(Role.values) == {"employee", "hr", "admin", "privacy"}


@router.patch("/{user_id}/role", response=AccountOut, summary="HR: change an account's role")
def account_role(request, payload: RoleIn, user_id: int = Path(..., ge=1, le=BIGINT)):
    user = _account(request, user_id)
    service_call(
        lambda: services.account_role_set(actor=request.user, user=user, role=payload.role)
    )
    return AccountOut.of(user)
