"""The outbox in the admin: HR and administrators see what mail waits, failed or went out."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from groeipad.notifications.models import OutgoingEmail
from groeipad.notifications.services import email_retry_now


def _may_see_outbox(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and (user.is_superuser or user.is_hr))


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Read-only: mail is written by the application; "retry now" is the one action."""

    change_list_template = "admin/notifications/outgoingemail/change_list.html"
    list_display = (
        "created_at",
        "to",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error_short",
    )
    list_display_links = ("subject",)
    list_filter = ("status",)
    search_fields = ("to", "subject", "key")
    date_hierarchy = "created_at"
    readonly_fields = (
        "to",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "claimed_until",
        "last_error",
        "key",
        "created_at",
        "sent_at",
    )
    # Never the body: a pending mail may carry someone's personal link (a 360 rater's).
    fields = readonly_fields
    actions = ["retry_now"]

    @admin.display(description=_("last error"))
    def last_error_short(self, email: OutgoingEmail) -> str:
        error = email.last_error
        return error if len(error) <= 80 else f"{error[:79]}…"

    @admin.action(description=_("Retry now"))
    def retry_now(self, request, queryset):
        count = email_retry_now(list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail will be tried again now.",
                "%(count)d e-mails will be tried again now.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def has_module_permission(self, request):
        return _may_see_outbox(request)

    def has_view_permission(self, request, obj=None):
        return _may_see_outbox(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
