"""``groeipad demo-data``: fill an empty installation with a believable demo organisation."""

from __future__ import annotations

import sys
import time
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from groeipad.coaching.demo import coaching_demo_generate, coaching_demo_remove
from groeipad.feedback.demo import feedback_demo_generate, feedback_demo_remove
from groeipad.learning.demo import learning_demo_generate, learning_demo_remove
from groeipad.mentoring.demo import mentoring_demo_generate, mentoring_demo_remove
from groeipad.mobility.demo import mobility_demo_generate, mobility_demo_remove
from groeipad.people.demo import (
    DEMO_PASSWORD,
    DemoDataError,
    demo_data_generate,
    demo_data_present,
    demo_data_remove,
    demo_personas,
)
from groeipad.plans.demo import plans_demo_generate, plans_demo_remove
from groeipad.skills.demo import skills_demo_generate, skills_demo_remove


def _as_of(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            _("--as-of: %(value)s is not a date (YYYY-MM-DD).") % {"value": value}
        ) from error


class Command(BaseCommand):
    # System checks import every URL module (the API, charts, pages): seconds a
    # command does not need. `groeipad init` and the CI run them.
    requires_system_checks: list[str] = []
    help = _("Generate a believable demo organisation with years of history.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees",
            type=int,
            default=150,
            help=_("number of employees, current and left (default 150)"),
        )
        parser.add_argument("--years", type=int, default=5, help=_("years of history (default 5)"))
        parser.add_argument(
            "--seed", type=int, default=42, help=_("random seed: the same seed gives the same data")
        )
        parser.add_argument(
            "--as-of",
            type=_as_of,
            default=None,
            help=_("the demo's 'today', YYYY-MM-DD (default: today)"),
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--if-empty",
            action="store_true",
            help=_("do nothing (and succeed) when there is data already"),
        )
        group.add_argument(
            "--replace",
            action="store_true",
            help=_(
                "first remove all employees, departments, job profiles, "
                "their history, eNPS surveys and the demo accounts"
            ),
        )

    def handle(self, *args, employees, years, seed, as_of, if_empty, replace, **options):
        if demo_data_present():
            if if_empty:
                self.stdout.write(_("The demo data is already there; nothing changed."))
                self._logins(demo_personas())
                return
            if not replace:
                raise CommandError(
                    _(
                        "The database already holds employees or departments. Use --replace to "
                        "remove them and generate the demo anew, or --if-empty to leave them."
                    )
                )
        started = time.monotonic()
        try:
            # People and competencies land together or not at all.
            with transaction.atomic():
                if replace:
                    mobility_demo_remove()
                    coaching_demo_remove()
                    mentoring_demo_remove()
                    feedback_demo_remove()
                    learning_demo_remove()
                    plans_demo_remove()
                    skills_demo_remove()
                    demo_data_remove(actor=None)
                result = demo_data_generate(
                    employees=employees,
                    years=years,
                    seed=seed,
                    today=as_of,
                    progress=sys.stderr.isatty(),
                )
                skills = skills_demo_generate(seed=seed, today=as_of)
                plans = plans_demo_generate(seed=seed, today=as_of)
                learning = learning_demo_generate(seed=seed, today=as_of)
                feedback = feedback_demo_generate(seed=seed, today=as_of)
                mentoring = mentoring_demo_generate(seed=seed, today=as_of)
                coaching = coaching_demo_generate(seed=seed, today=as_of)
                mobility = mobility_demo_generate(seed=seed, today=as_of)
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        counts = result.counts
        self.stdout.write(
            _(
                "Demo organisation %(name)s: %(employees)s employees (%(leavers)s of whom left), "
                "%(departments)s departments, %(movements)s internal moves, %(learning)s learning "
                "activities, %(answers)s eNPS answers in %(surveys)s surveys (%(seconds).1f s)."
            )
            % {
                "name": result.organisation,
                "employees": counts["employees"],
                "leavers": counts["leavers"],
                "departments": counts["departments"],
                "movements": counts["movements"],
                "learning": counts["learning_activities"],
                "answers": counts["survey_answers"],
                "surveys": counts["surveys"],
                "seconds": time.monotonic() - started,
            }
        )
        self.stdout.write(
            _("Competencies: %(requirements)s job requirements, %(assessments)s ratings.") % skills
        )
        self.stdout.write(
            _(
                "Development plans: %(plans)s active plans, %(goals)s goals, %(actions)s actions, "
                "%(checkins)s check-ins."
            )
            % plans
        )
        self.stdout.write(
            _(
                "Learning catalogue: %(offers)s offers, %(sessions)s sessions, %(requests)s "
                "requests, %(evaluations)s evaluations, %(budgets)s department budgets, "
                "%(personal_budgets)s personal budgets."
            )
            % learning
        )
        self.stdout.write(
            _(
                "360 feedback: %(rounds)s rounds, %(raters)s raters. Mentoring: %(programmes)s "
                "programmes, %(matches)s pairs, %(meetings)s meetings. Coaching: "
                "%(trajectories)s trajectories. Rotations: %(offers)s offers, "
                "%(applications)s applications."
            )
            % {**feedback, **mentoring, **coaching, **mobility}
        )
        self._logins(result.personas)

    def _logins(self, personas) -> None:
        labels = {
            "hr": _("HR adviser"),
            "manager": _("manager"),
            "employee": _("employee"),
            "admin": _("administrator"),
        }
        self.stdout.write(
            _("Log in at %(url)s with password %(password)s as:")
            % {"url": settings.BASE_URL, "password": DEMO_PASSWORD}
        )
        for key, email, name in personas:
            who = f" ({name})" if name else ""
            self.stdout.write(f"  {labels[key]:<14} {email}{who}")
