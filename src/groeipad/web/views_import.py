"""The import page for HR: upload a file, see every problem or what changed."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from groeipad.learning.imports import import_learning
from groeipad.people.imports import import_employees, import_movements
from groeipad.people.visibility import is_hr
from groeipad.surveys.imports import import_enps

IMPORTS = {
    "employees": (_("Employees"), import_employees),
    "movements": (_("Internal moves"), import_movements),
    "learning": (_("Learning activities"), import_learning),
    "enps": (_("eNPS answers"), import_enps),
}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[(kind, label) for kind, (label, _service) in IMPORTS.items()],
    )
    file = forms.FileField(label=_("File (CSV or XLSX)"))
    dry_run = forms.BooleanField(
        label=_("Dry run: check and show what would change, without saving"),
        required=False,
        initial=True,
    )


@login_required
def import_page(request):
    if not is_hr(request.user):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            _label, service = IMPORTS[form.cleaned_data["kind"]]
            result = service(
                path_or_file=upload,
                name=upload.name,
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
    else:
        form = ImportForm()
    status = 400 if result is not None and result.errors else 200
    return render(request, "web/import.html", {"form": form, "result": result}, status=status)
