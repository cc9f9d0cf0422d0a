"""Password reset by mail and password change: Django's forms, our outbox and audit.

The reset mail goes through ``notifications.email_queue`` (delivered by the worker
after commit, retried while the mail server is down), never from inside the request.
Django's ``PasswordResetForm.get_users`` only finds active accounts with a usable
password, and the page answers the same whether the address exists or not. The link's
token is Django's: it stops working once the password changed (single use) and after
PASSWORD_RESET_TIMEOUT (GROEIPAD_PASSWORD_RESET_MINUTES). Setting a new password ends
every session of the account.
"""

from __future__ import annotations

from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.template import loader

from groeipad.notifications.services import email_queue
from groeipad.people.services import password_set
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.privacy.services import audit_record


class PasswordResetForm(auth_forms.PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        text = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else ""
        )
        user = context["user"]
        with transaction.atomic():
            email_queue(to=to_email, subject=subject, text=text, html=html)
            audit_record(
                actor=None,
                action=AuditAction.CREATE,
                object_type=ObjectType.USER,
                object_id=user.pk,
                summary=f"password reset link sent to {user.email}",
                changes={"password_reset": "requested"},
            )


class SetPasswordForm(auth_forms.SetPasswordForm):
    """The reset link's form: the new password through ``people.services.password_set``,
    which also ends every session of the account."""

    def save(self, commit=True):
        password_set(
            actor=self.user,
            user=self.user,
            password=self.cleaned_data["new_password1"],
            keep_session_key=None,
            how="reset",
        )
        return self.user


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Old password and the new one twice; saving ends every other session."""

    keep_session_key: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One card of several on the page: no jumping to it.
        self.fields["old_password"].widget.attrs.pop("autofocus", None)

    def save(self, commit=True):
        password_set(
            actor=self.user,
            user=self.user,
            password=self.cleaned_data["new_password1"],
            keep_session_key=self.keep_session_key,
            how="change",
        )
        return self.user
