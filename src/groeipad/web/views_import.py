"""The import page for HR (filled in by the imports work)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from groeipad.people.visibility import is_hr


@login_required
def import_page(request):
    if not is_hr(request.user):
        raise PermissionDenied
    return render(request, "web/import.html", {})
