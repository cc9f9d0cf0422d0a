"""``groeipad import KIND FILE [--dry-run]``; ESCO: ``groeipad import esco FILE_EN --nl FILE_NL
--esco-version V``."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from groeipad.accounts.services import after_employee_import
from groeipad.learning.imports import import_learning
from groeipad.lib.importing import ImportResult
from groeipad.mentoring.imports import import_mentoring
from groeipad.people.imports import import_employees, import_movements
from groeipad.skills.imports import import_competencies, import_esco
from groeipad.skills.imports.esco import VERSION_MAX_LENGTH
from groeipad.surveys.imports import import_enps

IMPORTS: dict[str, Callable[..., ImportResult]] = {
    "employees": import_employees,
    "movements": import_movements,
    "learning": import_learning,
    "enps": import_enps,
    "competencies": import_competencies,
    "esco": import_esco,
    "mentoring": import_mentoring,
}


class Command(BaseCommand):
    # System checks import every URL module (the API, charts, pages): seconds a
    # command does not need. `groeipad init` and the CI run them.
    requires_system_checks: list[str] = []
    help = (
        "Import employees, internal moves, learning activities, eNPS answers or competencies "
        "from CSV or XLSX, or ESCO skills from ESCO's CSV download."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(IMPORTS), help="what the file holds")
        parser.add_argument("file", help="a CSV or XLSX file (esco: the English skills file)")
        parser.add_argument("--nl", metavar="FILE_NL", help="esco only: the Dutch skills file")
        parser.add_argument(
            "--esco-version",
            metavar="VERSION",
            help="esco only, required: the ESCO release the files come from, such as v1.2.0",
        )
        parser.add_argument(
            "--programme", metavar="NAME", help="mentoring only, required: the programme"
        )
        parser.add_argument(
            "--invite",
            action="store_true",
            help="employees only: after the import, invite everyone with an e-mail address "
            "who has no account",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and report what would change, without writing",
        )

    def handle(self, *args, kind: str, file: str, dry_run: bool, invite: bool, **options):
        if invite and kind != "employees":
            raise CommandError(_("--invite is for the employees import only"))
        actor = _command_line_actor()
        # The import and what follows it for accounts (returning employees reactivated,
        # --invite) commit together; the invitation mails go out after the commit.
        with transaction.atomic():
            result = IMPORTS[kind](
                path_or_file=file,
                name=file,
                actor=actor,
                dry_run=dry_run,
                progress=_progress_bar if sys.stderr.isatty() else None,
                **_esco_options(kind, options["nl"], options["esco_version"]),
                **_mentoring_options(kind, options["programme"]),
            )
            if kind == "employees" and result.applied:
                result.notes += after_employee_import(actor=None, invite_all=invite)
        for warning in result.warnings:
            self.stderr.write(_("warning: %(warning)s") % {"warning": warning})
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            count = len(result.errors)
            raise CommandError(
                ngettext(
                    "%(count)d error in %(file)s; nothing was imported",
                    "%(count)d errors in %(file)s; nothing was imported",
                    count,
                )
                % {"count": count, "file": file},
                returncode=1,
            )
        for note in result.notes:
            self.stdout.write(note)
        self.stdout.write(result.summary())
        if dry_run:
            self.stdout.write(_("dry run: nothing written"))


def _esco_options(kind: str, nl: str | None, version: str | None) -> dict:
    if kind != "esco":
        if nl is not None or version is not None:
            raise CommandError(_("--nl and --esco-version are for the esco import only"))
        return {}
    if not version or not version.strip():
        raise CommandError(
            _("the esco import needs --esco-version: the ESCO release, such as v1.2.0")
        )
    if VERSION_MAX_LENGTH is not None and len(version.strip()) > VERSION_MAX_LENGTH:
        raise CommandError(
            _("--esco-version is longer than %(max)d characters") % {"max": VERSION_MAX_LENGTH}
        )
    return {"nl": nl, "nl_name": nl, "esco_version": version}


def _mentoring_options(kind: str, programme: str | None) -> dict:
    if kind != "mentoring":
        if programme is not None:
            raise CommandError(_("--programme is for the mentoring import only"))
        return {}
    if not programme or not programme.strip():
        raise CommandError(_("the mentoring import needs --programme NAME"))
    return {"programme": programme}


def _command_line_actor() -> str:
    # The audit log names who ran it; on the command line that is the system account.
    try:
        return _("command line (%(user)s)") % {"user": getpass.getuser()}
    except (KeyError, OSError):
        return _("command line")


def _progress_bar(rows):
    return tqdm(rows, file=sys.stderr, unit=_("rows"), leave=False)
