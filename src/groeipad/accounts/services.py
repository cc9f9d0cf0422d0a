"""Writes of the accounts app: invitations, activation, deactivation, roles.

Each is an action (``lib.actions``): access check, one transaction, the typed audit
record (object type ``user``, the account's id), and mail through the outbox, which the
worker delivers only after the transaction committed.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from groeipad.accounts import rules
from groeipad.accounts.models import AccountDeactivation, AccountInvitation
from groeipad.accounts.selectors import has_left, is_pending
from groeipad.lib.actions import Actor, action, actor_user, audit, ensure
from groeipad.notifications.services import email_queue
from groeipad.people.models import Employee, Role, User
from groeipad.privacy.models import AuditAction, ObjectType


class Skip:
    """Why an employee was not invited (stable keys; ``SKIP_LABELS`` says it in words)."""

    NO_EMAIL = "no_email"
    LEFT = "left"
    HAS_ACCOUNT = "has_account"
    DEACTIVATED = "deactivated"
    EMAIL_IN_USE = "email_in_use"
    UNKNOWN = "unknown"


def skip_label(reason: str) -> str:
    return {
        Skip.NO_EMAIL: _("no e-mail address"),
        Skip.LEFT: _("has left"),
        Skip.HAS_ACCOUNT: _("already has an active account"),
        Skip.DEACTIVATED: _("account is deactivated (reactivate it first)"),
        Skip.EMAIL_IN_USE: _("the e-mail address belongs to another account"),
        Skip.UNKNOWN: _("no such employee"),
    }.get(reason, reason)


@dataclass
class InviteReport:
    invited: int = 0
    reinvited: int = 0
    # (employee number, reason key)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def skipped_counts(self) -> dict[str, int]:
        return dict(Counter(reason for _number, reason in self.skipped))

    def summary(self) -> str:
        text = _("%(invited)d invited, %(reinvited)d invited again, %(skipped)d skipped") % {
            "invited": self.invited,
            "reinvited": self.reinvited,
            "skipped": len(self.skipped),
        }
        if self.skipped:
            reasons = ", ".join(
                f"{skip_label(reason)}: {count}" for reason, count in self.skipped_counts().items()
            )
            text += f" ({reasons})"
        return text


def _usable_email(address: str) -> bool:
    # Parked (import) and pseudonymised (erasure) addresses are not mailboxes.
    address = (address or "").strip()
    return "@" in address and not address.lower().endswith(".invalid")


def invitation_days() -> int:
    return max(1, int(getattr(settings, "GROEIPAD_INVITATION_DAYS", 14)))


def invitation_link(token: str) -> str:
    return settings.BASE_URL + reverse("accounts:activate", args=[token])


@action
def invite(*, actor: Actor, employees: Iterable[Employee]) -> InviteReport:
    """Invite each employee who has an e-mail address and no account, or an account that
    never set a password (then: a fresh link; the older ones stop working)."""
    ensure(rules.may_manage_accounts(actor), _("Only HR may invite employees."))
    report = InviteReport()
    today, now = timezone.localdate(), timezone.now()
    wanted = list(employees)
    # Lock the employees: two HR advisers inviting the same person at once make one
    # account, not a clash on the unique employee link.
    list(
        Employee.objects.select_for_update()
        .filter(pk__in=[e.pk for e in wanted])
        .values_list("pk", flat=True)
    )
    emails = {e.email.strip().lower() for e in wanted if e.email}
    taken = {
        u.email: u.employee_id
        for u in User.objects.filter(email__in=emails).only("email", "employee_id")
    }
    accounts = {u.employee_id: u for u in User.objects.filter(employee__in=wanted)}
    invitees: list[tuple[User, Employee, bool]] = []
    for employee in wanted:
        user = accounts.get(employee.pk)
        reason = _skip_reason(employee, user, taken, today)
        if reason:
            report.skipped.append((employee.employee_number, reason))
            continue
        if user is None:
            invitees.append((_account_for(actor, employee), employee, False))
        else:
            invitees.append((user, employee, True))
    if not invitees:
        return report
    AccountInvitation.objects.filter(
        user__in=[u for u, _e, _again in invitees], used_at__isnull=True, voided_at__isnull=True
    ).update(voided_at=now)
    for user, employee, again in invitees:
        _send_invitation(actor, user, employee, now, again=again)
        if again:
            report.reinvited += 1
        else:
            report.invited += 1
    return report


def _skip_reason(employee: Employee, user: User | None, taken: dict, today) -> str | None:
    if not _usable_email(employee.email):
        return Skip.NO_EMAIL
    if has_left(employee, today):
        return Skip.LEFT
    if user is not None:
        if not user.is_active:
            return Skip.DEACTIVATED
        return None if is_pending(user) else Skip.HAS_ACCOUNT
    holder = taken.get(employee.email.strip().lower(), False)
    if holder is not False:
        return Skip.EMAIL_IN_USE
    return None


def _account_for(actor: Actor, employee: Employee) -> User:
    user = User(email=employee.email.strip().lower(), role=Role.EMPLOYEE, employee=employee)
    user.set_unusable_password()
    user.save()
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.USER,
        object_id=user.pk,
        summary=f"account {user.email} ({Role.EMPLOYEE}) for an invitation",
        changes={"employee": employee.employee_number},
    )
    return user


def _send_invitation(
    actor: Actor, user: User, employee: Employee, now: datetime, *, again: bool
) -> None:
    token = secrets.token_urlsafe(32)
    days = invitation_days()
    invitation = AccountInvitation.objects.create(
        user=user,
        token_hash=AccountInvitation.hash_token(token),
        created_at=now,
        expires_at=now + timedelta(days=days),
        invited_by=actor_user(actor),
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": employee.first_name,
            "link": invitation_link(token),
            "days": days,
            "expires_at": invitation.expires_at,
            "base_url": settings.BASE_URL,
        }
        text = render_to_string("accounts/email/invitation.txt", context)
        subject = _("Your Groeipad account: choose your password")
    email_queue(to=user.email, subject=subject, text=text, key=f"account-invite:{invitation.pk}")
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.USER,
        object_id=user.pk,
        summary=f"invitation {'sent again' if again else 'sent'} to {user.email}",
        changes={"invitation": invitation.pk, "expires_at": invitation.expires_at.isoformat()},
    )


class InvitationInvalid(Exception):
    """The link is unknown, used, voided or expired."""


@action
def invitation_accept(*, token: str, password: str) -> User:
    """Set the first password through an open invitation; the link is used up."""
    from django.contrib.auth.password_validation import validate_password

    now = timezone.now()
    invitation = (
        AccountInvitation.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=AccountInvitation.hash_token(token))
        .first()
    )
    if invitation is None or not invitation.is_open(now) or not invitation.user.is_active:
        raise InvitationInvalid
    user = invitation.user
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    audit(
        actor=user,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.USER,
        object_id=user.pk,
        summary=f"invitation accepted: {user.email} set a password",
        changes={"invitation": invitation.pk},
    )
    return user


@action
def invitation_renew_by_email(*, email: str) -> bool:
    """Someone asks for a new link: invite again only an account that was invited and
    never activated, of a current employee. The caller answers the same either way."""
    user = (
        User.objects.select_related("employee")
        .filter(email__iexact=(email or "").strip(), is_active=True)
        .first()
    )
    if user is None or user.employee is None or not is_pending(user):
        return False
    if not AccountInvitation.objects.filter(user=user).exists():
        return False
    report = invite(actor=None, employees=[user.employee])
    return bool(report.reinvited)


# --- Deactivation, reactivation, roles ------------------------------------------------


def _ensure_may_change(actor: Actor, user: User) -> None:
    if rules.is_self(actor, user):
        raise PermissionDenied(_("You cannot change your own account here."))
    ensure(rules.may_change_account(actor, user), _("You may not change this account."))


@action
def account_deactivate(*, actor: Actor, user: User) -> bool:
    """End an account: it cannot log in, its sessions and API tokens stop at the next
    request (Django and the API check ``is_active``). False if it was inactive already."""
    _ensure_may_change(actor, user)
    now = timezone.now()
    AccountInvitation.objects.filter(
        user=user, used_at__isnull=True, voided_at__isnull=True
    ).update(voided_at=now)
    AccountDeactivation.objects.update_or_create(
        user=user, defaults={"deactivated_by": actor_user(actor), "at": now}
    )
    if not user.is_active:
        return False
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    _revoke_tokens(user, now)
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.USER,
        object_id=user.pk,
        summary=f"account {user.email} deactivated",
        changes={"is_active": [True, False]},
    )
    return True


def _revoke_tokens(user: User, now: datetime) -> None:
    """Revoke the account's API tokens where tokens can be revoked (a ``revoked_at``);
    without it, the API's check of ``is_active`` refuses them all the same."""
    from groeipad.people.models import ApiToken

    if any(f.name == "revoked_at" for f in ApiToken._meta.get_fields()):
        # By name: the field arrives with the self-service tokens work (people.ApiToken).
        ApiToken.objects.filter(user=user, **{"revoked_at__isnull": True}).update(
            **{"revoked_at": now}
        )


@action
def account_reactivate(*, actor: Actor, user: User) -> bool:
    """Let an account log in again; refused for someone who has left."""
    _ensure_may_change(actor, user)
    if user.employee is not None and has_left(user.employee):
        raise ValidationError(
            _("%(email)s has left; change the leave date before reactivating the account.")
            % {"email": user.email}
        )
    AccountDeactivation.objects.filter(user=user).delete()
    if user.is_active:
        return False
    User.objects.filter(pk=user.pk).update(is_active=True)
    user.is_active = True
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.USER,
        object_id=user.pk,
        summary=f"account {user.email} reactivated",
        changes={"is_active": [False, True]},
    )
    return True


@action
def account_role_set(*, actor: Actor, user: User, role: str) -> bool:
    """Give an account another role; only an administrator gives (or takes) admin."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role %(role)s.") % {"role": role})
    _ensure_may_change(actor, user)
    ensure(rules.may_give_role(actor, role), _("Only an administrator may give this role."))
    if user.role == role:
        return False
    before = user.role
    User.objects.filter(pk=user.pk).update(role=role, is_superuser=role == Role.ADMIN)
    user.role = role
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.USER,
        object_id=user.pk,
        summary=f"account {user.email}: role {before} → {role}",
        changes={"role": [before, role]},
    )
    return True


# --- Accounts follow employment ---------------------------------------------------------


@action
def returning_accounts_reactivate(
    *, actor: Actor, employee_ids: Iterable[int] | None = None
) -> int:
    """Reactivate the accounts of employees who are employed again (no leave date, or
    one not yet passed) that the leaver process ended, never those HR deactivated."""
    today = timezone.localdate()
    users = User.objects.filter(
        Q(employee__leave_date__isnull=True) | Q(employee__leave_date__gte=today),
        is_active=False,
        employee__isnull=False,
        hr_deactivation__isnull=True,
    )
    if employee_ids is not None:
        users = users.filter(employee_id__in=list(employee_ids))
    found = list(users.values_list("pk", "email"))
    if not found:
        return 0
    User.objects.filter(pk__in=[pk for pk, _email in found]).update(is_active=True)
    for pk, email in found:
        audit(
            actor=actor,
            verb=AuditAction.UPDATE,
            object_type=ObjectType.USER,
            object_id=pk,
            summary=f"account {email} reactivated: employed again",
            changes={"is_active": [False, True]},
        )
    return len(found)


# --- Several accounts at once (the HR page's checkboxes, the API, the command line) ----


class Operation:
    INVITE = "invite"
    DEACTIVATE = "deactivate"
    REACTIVATE = "reactivate"
    ROLE = "role"


OPERATIONS = (Operation.INVITE, Operation.DEACTIVATE, Operation.REACTIVATE, Operation.ROLE)


@dataclass
class BulkReport:
    changed: int = 0
    unchanged: int = 0
    # (employee number or e-mail address, why not)
    refused: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        text = _("%(changed)d changed, %(unchanged)d unchanged, %(refused)d refused") % {
            "changed": self.changed,
            "unchanged": self.unchanged,
            "refused": len(self.refused),
        }
        if self.refused:
            text += ": " + "; ".join(f"{who}: {why}" for who, why in self.refused[:10])
        return text


@action
def accounts_change(
    *, actor: Actor, employees: Iterable[Employee], operation: str, role: str | None = None
) -> BulkReport:
    """Deactivate, reactivate or give a role to the accounts of ``employees``; each one
    that may not be changed is reported with the reason, the others are changed."""
    ensure(rules.may_manage_accounts(actor), _("Only HR may change accounts."))
    if operation not in (Operation.DEACTIVATE, Operation.REACTIVATE, Operation.ROLE):
        raise ValidationError(_("Unknown action %(action)s.") % {"action": operation})
    if operation == Operation.ROLE and role not in Role.values:
        raise ValidationError(_("Choose a role."))
    report = BulkReport()
    employees = list(employees)
    accounts = {u.employee_id: u for u in User.objects.filter(employee__in=employees)}
    for employee in employees:
        user = accounts.get(employee.pk)
        if user is None:
            report.refused.append((employee.employee_number, _("has no account")))
            continue
        user.employee = employee
        try:
            if operation == Operation.DEACTIVATE:
                changed = account_deactivate(actor=actor, user=user)
            elif operation == Operation.REACTIVATE:
                changed = account_reactivate(actor=actor, user=user)
            else:
                changed = account_role_set(actor=actor, user=user, role=str(role))
        except PermissionDenied as error:
            report.refused.append((employee.employee_number, str(error)))
            continue
        except ValidationError as error:
            report.refused.append((employee.employee_number, " ".join(error.messages)))
            continue
        if changed:
            report.changed += 1
        else:
            report.unchanged += 1
    return report


@action
def after_employee_import(*, actor: Actor, invite_all: bool) -> list[str]:
    """What follows a committed employee import, in the caller's transaction: returning
    employees get their account back, and (``invite_all``) everyone with an e-mail address
    and no account is invited. Returns lines for the import's report."""
    from groeipad.accounts.selectors import employees_without_account

    notes = []
    returned = returning_accounts_reactivate(actor=actor)
    if returned:
        notes.append(_("%(count)d returning employees' accounts reactivated") % {"count": returned})
    if invite_all:
        report = invite(actor=actor, employees=employees_without_account())
        notes.append(_("Invitations: %(summary)s") % {"summary": report.summary()})
    return notes
