"""``groeipad mentoring match --programme NAME [--json] [--dry-run]``."""

from __future__ import annotations

import getpass
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from groeipad.mentoring import selectors, services
from groeipad.mentoring.matching import MatchingError


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Mentoring programmes: match mentees with mentors."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        match = sub.add_parser("match", help="propose the best pairs (keeps locked and confirmed)")
        match.add_argument("--programme", required=True, metavar="NAME")
        match.add_argument(
            "--json", dest="as_json", action="store_true", help="print the result as JSON"
        )
        match.add_argument(
            "--dry-run", action="store_true", help="print the pairs without storing them"
        )

    def handle(self, *args, action: str, programme: str, as_json: bool, dry_run: bool, **options):
        found = selectors.programme_by_name(programme)
        if found is None:
            raise CommandError(_('no mentoring programme named "%(name)s"') % {"name": programme})
        try:
            result = services.programme_match(actor=_actor(), programme=found, save=not dry_run)
        except MatchingError as error:
            raise CommandError(str(error), returncode=1) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=1) from error
        if as_json:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        for pair in result.pairs:
            self.stdout.write(
                _("%(mentor)s -> %(mentee)s  score %(score)d%(locked)s  %(why)s")
                % {
                    "mentor": pair.mentor.number,
                    "mentee": pair.mentee.number,
                    "score": pair.score,
                    "locked": " " + _("(locked)") if pair.locked else "",
                    "why": _why(pair.reasons),
                }
            )
        for unmatched in result.unmatched:
            self.stdout.write(
                _("%(mentee)s unmatched: %(reason)s")
                % {"mentee": unmatched.mentee.number, "reason": unmatched.reason}
            )
        self.stdout.write(
            _("%(pairs)d pairs, %(unmatched)d unmatched, total score %(score)d")
            % {
                "pairs": len(result.pairs),
                "unmatched": len(result.unmatched),
                "score": result.total_score,
            }
        )
        if dry_run:
            self.stdout.write(_("dry run: nothing written"))


def _why(reasons: dict) -> str:
    parts = []
    if reasons.get("competencies"):
        parts.append(_("%(count)d shared competencies") % {"count": len(reasons["competencies"])})
    if reasons.get("other_department"):
        parts.append(_("other department"))
    if reasons.get("more_senior"):
        parts.append(_("mentor more senior"))
    if reasons.get("languages"):
        parts.append(_("language %(list)s") % {"list": ", ".join(reasons["languages"])})
    return "; ".join(parts)


def _actor() -> str:
    try:
        return _("command line (%(user)s)") % {"user": getpass.getuser()}
    except (KeyError, OSError):
        return _("command line")
