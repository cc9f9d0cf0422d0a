"""Invitations: an account for an employee, a hashed single-use link that expires, a
fresh link that voids the older one, skipped employees with their reason, the audit log
and the mail delivered to a real SMTP server."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from groeipad.accounts import services
from groeipad.accounts.models import AccountInvitation
from groeipad.accounts.services import InvitationInvalid, Skip
from groeipad.accounts.tests.conftest import token_in
from groeipad.notifications.models import OutgoingEmail
from groeipad.notifications.services import emails_deliver_due
from groeipad.people.models import Role, User
from groeipad.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def _mail_token(to: str) -> str:
    email = OutgoingEmail.objects.filter(to=to).order_by("-pk").first()
    assert email is not None
    return token_in(email.text)


def test_invite_creates_an_account_without_password_and_stores_only_the_hash(personas, newcomers):
    noor = newcomers[0]
    report = services.invite(actor=personas.hanna.user, employees=[noor])
    assert (report.invited, report.reinvited, report.skipped) == (1, 0, [])
    user = User.objects.get(employee=noor)
    assert user.email == "noor@example.nl"
    assert user.role == Role.EMPLOYEE
    assert user.is_active and not user.has_usable_password()
    token = _mail_token("noor@example.nl")
    invitation = AccountInvitation.objects.get(user=user)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(v) for v in AccountInvitation.objects.values().get(pk=invitation.pk).values()]
    assert token not in " ".join(stored)
    assert invitation.invited_by == personas.hanna.user


def test_invitation_expires_after_the_configured_days(personas, newcomers, settings):
    settings.GROEIPAD_INVITATION_DAYS = 3
    before = timezone.now()
    services.invite(actor=personas.hanna.user, employees=[newcomers[0]])
    invitation = AccountInvitation.objects.get()
    assert before + timedelta(days=3) <= invitation.expires_at <= timezone.now() + timedelta(days=3)
    token = _mail_token("noor@example.nl")
    AccountInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(InvitationInvalid):
        services.invitation_accept(token=token, password="a long new passphrase 42")
    assert not User.objects.get(employee=newcomers[0]).has_usable_password()


def test_reinviting_sends_a_fresh_link_and_voids_the_old_one(personas, newcomers):
    services.invite(actor=personas.hanna.user, employees=[newcomers[0]])
    old = _mail_token("noor@example.nl")
    report = services.invite(actor=personas.hanna.user, employees=[newcomers[0]])
    assert (report.invited, report.reinvited) == (0, 1)
    new = _mail_token("noor@example.nl")
    assert new != old
    assert User.objects.filter(employee=newcomers[0]).count() == 1
    first, second = AccountInvitation.objects.order_by("pk")
    assert first.voided_at is not None and second.voided_at is None
    with pytest.raises(InvitationInvalid):
        services.invitation_accept(token=old, password="a long new passphrase 42")
    user = services.invitation_accept(token=new, password="a long new passphrase 42")
    assert user.check_password("a long new passphrase 42")


def test_a_link_works_once(personas, newcomers):
    services.invite(actor=personas.hanna.user, employees=[newcomers[0]])
    token = _mail_token("noor@example.nl")
    services.invitation_accept(token=token, password="a long new passphrase 42")
    with pytest.raises(InvitationInvalid):
        services.invitation_accept(token=token, password="another passphrase 43")
    user = User.objects.get(employee=newcomers[0])
    assert user.check_password("a long new passphrase 42")
    assert AccountInvitation.objects.get().used_at is not None


def test_skipped_employees_are_reported_with_their_reason(personas, newcomers):
    from groeipad.people.models import Employee

    noor, daan, sem = newcomers
    Employee.objects.filter(pk=daan.pk).update(email="")
    Employee.objects.filter(pk=sem.pk).update(
        leave_date=date(2024, 6, 30), leave_reason="voluntary"
    )
    daan.refresh_from_db()
    sem.refresh_from_db()
    carol_user = personas.user("carol")
    User.objects.filter(employee=personas.dave).update(is_active=False)
    report = services.invite(
        actor=personas.hanna.user,
        employees=[noor, daan, sem, personas.carol, personas.dave],
    )
    assert report.invited == 1
    assert dict(report.skipped) == {
        "2102": Skip.NO_EMAIL,
        "2103": Skip.LEFT,
        "1003": Skip.HAS_ACCOUNT,
        "1004": Skip.DEACTIVATED,
    }
    assert report.skipped_counts()[Skip.LEFT] == 1
    assert carol_user.email in {u.email for u in User.objects.all()}
    assert not User.objects.filter(employee__in=[daan, sem]).exists()


def test_an_address_taken_by_another_account_is_skipped(personas, newcomers):
    User.objects.create_user("noor@example.nl", "x-long-password-1")
    report = services.invite(actor=personas.hanna.user, employees=[newcomers[0]])
    assert report.skipped == [("2101", Skip.EMAIL_IN_USE)]
    assert not AccountInvitation.objects.exists()


def test_only_hr_invites(personas, newcomers):
    with pytest.raises(PermissionDenied):
        services.invite(actor=personas.user("bob"), employees=newcomers)
    assert not User.objects.filter(employee__in=newcomers).exists()
    assert not OutgoingEmail.objects.exists()


def test_invitations_are_audited(personas, newcomers):
    services.invite(actor=personas.hanna.user, employees=newcomers[:2])
    services.invite(actor=personas.hanna.user, employees=newcomers[:1])
    users = {u.employee_id: u.pk for u in User.objects.filter(employee__in=newcomers[:2])}
    events = AuditEvent.objects.filter(object_type="user", object_id=str(users[newcomers[0].pk]))
    summaries = sorted(e.summary for e in events)
    assert any(s.startswith("account noor@example.nl") for s in summaries)
    assert any("invitation sent to" in s for s in summaries)
    assert any("invitation sent again" in s for s in summaries)
    assert {e.actor_id for e in events} == {personas.hanna.user.pk}


def test_the_mail_reaches_a_real_smtp_server_with_a_working_link(personas, newcomers, smtp, client):
    smtp.start()
    services.invite(actor=personas.hanna.user, employees=[newcomers[0]])
    assert emails_deliver_due() == 1
    [(recipients, message)] = smtp.messages
    assert recipients == ["noor@example.nl"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Noor" in body
    token = token_in(body)
    path = f"/account/activeren/{token}/"
    assert client.get(path).status_code == 200
    response = client.post(
        path,
        {"new_password1": "a long new passphrase 42", "new_password2": "a long new passphrase 42"},
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").context["user"].email == "noor@example.nl"
    # The outbox keeps no working link once the mail is sent.
    assert token not in OutgoingEmail.objects.get().text


def test_a_mail_server_that_is_down_loses_no_invitation(personas, newcomers, smtp):
    # The server is down (not started): the invitation stays, the mail waits for a retry.
    services.invite(actor=personas.hanna.user, employees=[newcomers[0]])
    assert emails_deliver_due() == 0
    assert AccountInvitation.objects.count() == 1
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.PENDING
