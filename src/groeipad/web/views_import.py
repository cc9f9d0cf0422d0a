"""The import page for HR: upload a file, see every problem or what changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from groeipad.accounts.services import after_employee_import
from groeipad.learning.imports import import_learning
from groeipad.lib.uploads import accepts_upload
from groeipad.people import scope
from groeipad.people.imports import import_employees, import_movements
from groeipad.skills.imports import import_competencies, import_esco
from groeipad.skills.imports.esco import VERSION_MAX_LENGTH
from groeipad.surveys.imports import import_enps

# What each kind of file is called, and the service that imports it.
IMPORTS: dict[str, tuple[Promise, Callable[..., Any]]] = {
    "employees": (_("Employees"), import_employees),
    "movements": (_("Internal moves"), import_movements),
    "learning": (_("Learning activities"), import_learning),
    "enps": (_("eNPS answers"), import_enps),
    "competencies": (_("Competency framework"), import_competencies),
    "esco": (_("ESCO skills (the English file of the ESCO download)"), import_esco),
}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[(kind, label) for kind, (label, _service) in IMPORTS.items()],
    )
    file = forms.FileField(label=_("File (CSV or XLSX)"))
    # ESCO comes as one file per language, from one release: the English file is the
    # main file above; these two are asked only for ESCO.
    file_nl = forms.FileField(
        label=_("ESCO only: the Dutch file (skills_nl.csv)"),
        required=False,
    )
    esco_version = forms.CharField(
        label=_("ESCO only: the ESCO version, such as v1.2.0"),
        max_length=VERSION_MAX_LENGTH,
        required=False,
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check and show what would change, without saving"),
        required=False,
        initial=True,
    )
    invite = forms.BooleanField(
        label=_("Employees only: invite everyone with an e-mail address who has no account"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "esco":
            if not (data.get("esco_version") or "").strip():
                self.add_error("esco_version", _("Say which ESCO version the files come from."))
        elif data.get("file_nl") or data.get("esco_version"):
            self.add_error("kind", _("A Dutch file and an ESCO version are for ESCO skills only."))
        if data.get("invite") and data.get("kind") != "employees":
            self.add_error("invite", _("Invitations go with an import of employees only."))
        return data

    def import_options(self) -> dict:
        if self.cleaned_data["kind"] != "esco":
            return {}
        dutch = self.cleaned_data["file_nl"]
        return {
            "nl": dutch,
            "nl_name": dutch.name if dutch else None,
            "esco_version": self.cleaned_data["esco_version"],
        }


@accepts_upload
@login_required
def import_page(request):
    if not scope.is_hr(request.viewer):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            kind = form.cleaned_data["kind"]
            _label, service = IMPORTS[kind]
            # The import and what follows it for accounts commit together; invitation
            # mails are delivered only after that commit, and a refused file sends none.
            with transaction.atomic():
                result = service(
                    path_or_file=upload,
                    name=upload.name,
                    actor=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                    **form.import_options(),
                )
                if kind == "employees" and result.applied:
                    result.notes += after_employee_import(
                        actor=request.user, invite_all=form.cleaned_data["invite"]
                    )
    else:
        form = ImportForm()
    status = 400 if result is not None and result.errors else 200
    return render(request, "web/import.html", {"form": form, "result": result}, status=status)
