"""The admin page "Mail (demo)": what ``groeipad mailcatcher`` caught, for staff only."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from groeipad.notifications import mailbox


@staff_member_required
def mail_list(request):
    return render(
        request,
        "notifications/admin/mail_list.html",
        {
            **admin.site.each_context(request),
            "title": _("Mail (demo)"),
            "messages_caught": mailbox.stored_messages(),
            "folder": mailbox.mail_dir(),
        },
    )


@staff_member_required
def mail_detail(request, name: str):
    caught = mailbox.stored_message(name)
    return render(
        request,
        "notifications/admin/mail_detail.html",
        {**admin.site.each_context(request), "title": caught.subject, "caught": caught},
    )
