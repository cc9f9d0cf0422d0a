"""360-degree feedback for the demo organisation: closed rounds with reports, open, drafts.

Runs after the people, competency and plan demos. Written through the models, the way
``services.round_start`` and ``rater_invite`` write them (the job profile's competencies
and the four open questions, N frozen from the settings, only a SHA-256 of each link's
token), but dated around the demo's as-of day and without sending a single e-mail: the
services check "the closing date lies in the future" against the real clock and mail
every rater, neither of which suits a generated history.

- The demo employee: a closed round, shared with their manager, whose report shows a
  blind spot and a hidden strength; the manager's own rating is shown, named, and the one
  "other" rater is fewer than N, so that group is withheld (the anonymity rule, visibly).
  Answers are written as unlinked responses (no rater), as ``answer_submit`` does.
- The demo manager: a closed round a year ago with their direct reports as a group, and
  an open round now with some raters answered.
- HR started draft rounds for the demo team's department (a "group start"): the demo
  employee finds a draft to add raters to and open.
- A handful of other closed and open rounds across the organisation for HR's overview.
"""

from __future__ import annotations

import random
import secrets
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from groeipad.feedback.access import token_hash
from groeipad.feedback.models import (
    MIN_GROUP_SIZE_FLOOR,
    Answer,
    FeedbackRound,
    FeedbackSettings,
    Question,
    Rater,
    RaterGroup,
    Response,
    RoundStatus,
)
from groeipad.feedback.services import LINK_DAYS, OPEN_QUESTIONS
from groeipad.people.demo import PERSONAS
from groeipad.people.models import Employee, User
from groeipad.skills.models import Competency
from groeipad.skills.selectors import requirements_for_profile

# One rater of a generated round: (group, who, submitted).
RaterRow = tuple[str, Employee, bool]

OPEN_TEXTS = {
    "keep": (
        "Je rust in drukke weken; daar heeft het hele team wat aan.",
        "Hoe je nieuwe collega's op weg helpt.",
        "Je denkt mee met de cliënt en houdt je afspraken.",
        "Je zegt het eerlijk als iets niet goed gaat.",
        "De manier waarop je het overleg voorbereidt.",
    ),
    "start": (
        "Vaker je mening geven in het teamoverleg; je hebt goede ideeën.",
        "Taken eerder overdragen als het druk wordt.",
        "Feedback vragen na een presentatie.",
        "Meer delen wat je weet, bijvoorbeeld in een korte werkinstructie.",
    ),
    "stop": (
        "Alles zelf willen oplossen.",
        "Mails na werktijd beantwoorden; dat zet anderen ook aan.",
        "Te snel ja zeggen op extra werk.",
    ),
    "unused_talent": (
        "Je kunt goed uitleggen; zet dat in bij het inwerken.",
        "Je oog voor detail bij de kwaliteitsaudits.",
        "Je tekentalent: maak eens een plaat van het proces.",
        "Je netwerk buiten de afdeling.",
    ),
}
OTHER_ROUNDS = 6  # closed rounds of others, for HR's overview
OTHER_OPEN = 2
GROUP_DRAFTS = 8  # at most this many drafts from HR's group start


def _persona_users() -> dict[str, User | None]:
    users = {u.email: u for u in User.objects.filter(email__in=[e for e, _r in PERSONAS.values()])}
    return {key: users.get(email) for key, (email, _role) in PERSONAS.items()}


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def feedback_demo_remove() -> None:
    """Questions point at competencies with PROTECT: remove the rounds before the skills."""
    FeedbackRound.objects.all().delete()


class _Writer:
    """Collects rounds, raters and answers; written in three bulk inserts at the end."""

    def __init__(self, rng: random.Random, settings: FeedbackSettings):
        self.rng = rng
        self.settings = settings
        self.rounds: list[tuple] = []
        self._competencies: dict[int, list[Competency]] = {}

    def competencies(self, employee: Employee) -> list[Competency]:
        key = employee.job_profile_id or 0
        if key not in self._competencies:
            ids = list(requirements_for_profile(employee.job_profile))
            self._competencies[key] = sorted(
                Competency.objects.filter(pk__in=ids).select_related("scale"),
                key=lambda c: c.name.casefold(),
            )
        return self._competencies[key]

    def round(
        self,
        employee: Employee,
        *,
        started: date,
        closes_on: date,
        status: str,
        started_by: User | None,
        raters: list[RaterRow],
        shared: bool = False,
        tilt: dict[int, float] | None = None,
    ) -> FeedbackRound:
        """raters: (group, employee, submitted). tilt: position -> how others differ from self."""
        feedback_round = FeedbackRound(
            employee=employee,
            started_by=started_by,
            status=status,
            closes_on=closes_on,
            started_at=_at(started),
            # A share is with the manager of that moment, recorded (rules.is_shared_with_manager).
            share_with_manager=shared and employee.manager_id is not None,
            shared_with_manager_employee_id=employee.manager_id if shared else None,
            min_group_size=max(self.settings.min_group_size, MIN_GROUP_SIZE_FLOOR),
        )
        questions = [Question(competency=c) for c in self.competencies(employee)]
        questions += [Question(open_kind=kind) for kind in OPEN_QUESTIONS]
        for position, question in enumerate(questions, start=1):
            question.position = position
        rows: list[RaterRow] = []
        if status != RoundStatus.DRAFT:
            rows.append((RaterGroup.SELF, employee, True))
        rows += raters
        self.rounds.append((feedback_round, questions, rows, tilt or {}, started))
        return feedback_round

    def write(self, users_by_email: dict[str, User]) -> dict[str, int]:
        FeedbackRound.objects.bulk_create([r for r, *_rest in self.rounds])
        questions = []
        for feedback_round, round_questions, *_rest in self.rounds:
            for question in round_questions:
                question.round = feedback_round
            questions += round_questions
        Question.objects.bulk_create(questions)
        raters, pending_answers, responses = [], [], []
        for feedback_round, round_questions, rows, tilt, started in self.rounds:
            invited = feedback_round.status != RoundStatus.DRAFT
            closes = _at(feedback_round.closes_on, 23)
            self_scores: dict[int, int] = {}
            for group, person, submitted in rows:
                closed = feedback_round.status == RoundStatus.CLOSED
                rater = Rater(
                    round=feedback_round,
                    group=group,
                    email=person.email.lower(),
                    email_key=person.email.lower(),
                    employee=person,
                    user=users_by_email.get(person.email.lower()),
                    token_hash=token_hash(secrets.token_urlsafe(32)),
                    expires_at=min(_at(started) + timedelta(days=LINK_DAYS), closes),
                    invited_at=_at(started) if invited else None,
                    # A closed round's invitations no longer know who answered.
                    answered=None if closed else submitted,
                )
                raters.append(rater)
                if submitted:
                    # The answers go to a Response of the round and group: no rater.
                    response = Response(round=feedback_round, group=group)
                    responses.append(response)
                    pending_answers.append((response, round_questions, group, tilt, self_scores))
        Rater.objects.bulk_create(raters)
        # Random ids, and shuffled: neither ids nor insertion order follow the raters.
        self.rng.shuffle(responses)
        Response.objects.bulk_create(responses)
        answers = []
        texts: dict[int, dict[str, list[str]]] = {}  # per round: the texts not used yet
        for response, round_questions, group, tilt, self_scores in pending_answers:
            left = texts.setdefault(
                id(response.round), {kind: list(pool) for kind, pool in OPEN_TEXTS.items()}
            )
            answers += self._answers(response, round_questions, group, tilt, self_scores, left)
        Answer.objects.bulk_create(answers, batch_size=2000)
        return {
            "rounds": len(self.rounds),
            "raters": len(raters),
            "responses": len(responses),
            "answers": len(answers),
        }

    def _answers(self, response, questions, group, tilt, self_scores, left) -> list[Answer]:
        """left: open question kind -> texts nobody in this round wrote yet."""
        rng = self.rng
        rows = []
        for question in questions:
            if question.open_kind:
                pool = left[question.open_kind]
                if pool and (group == RaterGroup.SELF or rng.random() < 0.7):
                    text = pool.pop(rng.randrange(len(pool)))
                    rows.append(Answer(response=response, question=question, text=text))
                continue
            scale = question.competency.scale
            low, high = scale.min_level, scale.max_level
            if group == RaterGroup.SELF:
                if question.position in tilt:
                    # A blind spot rates oneself high, a hidden strength low.
                    score = high - 1 if tilt[question.position] < 0 else low + 1
                else:
                    score = rng.choice((low + 1, low + 2, low + 2, high - 1))
                self_scores[question.position] = score
            else:
                base = self_scores.get(question.position, (low + high) / 2)
                shift = tilt.get(question.position, 0.0)
                if not shift and rng.random() < 0.06 and group == RaterGroup.OTHER:
                    rows.append(Answer(response=response, question=question, rating=None))
                    continue
                score = round(base + shift + rng.choice((-1, 0, 0, 0, 1)) * 0.6)
            rows.append(
                Answer(response=response, question=question, rating=min(max(score, low), high))
            )
        return rows


def feedback_demo_generate(*, seed: int, today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(seed * 3607 + 360)
    writer = _Writer(rng, FeedbackSettings.current())
    personas = _persona_users()
    current = list(
        Employee.objects.filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .filter(hire_date__lte=today - timedelta(days=120))
        .select_related("job_profile")
        .order_by("employee_number")
    )
    by_id = {e.pk: e for e in current}
    reports: dict[int, list[Employee]] = {}
    for person in current:
        if person.manager_id:
            reports.setdefault(person.manager_id, []).append(person)
    busy: set[int] = set()  # employees with a round in progress (draft or open)

    def colleagues(person: Employee, k: int, exclude: set[int | None]) -> list[Employee]:
        pool = [
            e for e in current if e.department_id == person.department_id and e.pk not in exclude
        ]
        if len(pool) < k:
            pool += [e for e in current if e.pk not in exclude and e not in pool]
        return rng.sample(pool, k)

    def outsiders(person: Employee, k: int, exclude: set[int | None]) -> list[Employee]:
        pool = [
            e for e in current if e.department_id != person.department_id and e.pk not in exclude
        ]
        return rng.sample(pool, k)

    hr, manager_user, employee_user = personas["hr"], personas["manager"], personas["employee"]
    demo_employee = by_id.get(getattr(employee_user, "employee_id", None) or 0)
    demo_manager = by_id.get(getattr(manager_user, "employee_id", None) or 0)

    # The demo employee: a closed round whose report shows signals and a withheld group.
    if demo_employee is not None:
        taken: set[int | None] = {demo_employee.pk, demo_employee.manager_id}
        peers = colleagues(demo_employee, 5, taken)
        taken |= {p.pk for p in peers}
        other = outsiders(demo_employee, 1, taken)
        raters: list[RaterRow] = [(RaterGroup.PEER, p, i < 4) for i, p in enumerate(peers)]
        boss = by_id.get(demo_employee.manager_id or 0)
        if boss is not None:
            raters.append((RaterGroup.MANAGER, boss, True))
        raters.append((RaterGroup.OTHER, other[0], True))
        count = len(writer.competencies(demo_employee))
        tilt = {1: -1.8, min(3, count): 1.6} if count >= 2 else {}
        closes = today - timedelta(days=75)
        writer.round(
            demo_employee,
            started=closes - timedelta(days=21),
            closes_on=closes,
            status=RoundStatus.CLOSED,
            started_by=employee_user,
            raters=raters,
            shared=True,
            tilt=tilt,
        )

    # The demo manager: last year's round with their team, and one open now.
    if demo_manager is not None:
        team = [e for e in reports.get(demo_manager.pk, []) if e.pk != demo_manager.pk]
        taken = {demo_manager.pk, demo_manager.manager_id} | {e.pk for e in team}
        peers = colleagues(demo_manager, 3, taken)
        taken |= {p.pk for p in peers}
        boss = by_id.get(demo_manager.manager_id or 0)

        def manager_raters(submitted_share: float) -> list[RaterRow]:
            rows: list[RaterRow] = [
                (RaterGroup.DIRECT_REPORT, e, rng.random() < submitted_share) for e in team
            ]
            rows += [(RaterGroup.PEER, p, rng.random() < submitted_share) for p in peers]
            if boss is not None:
                rows.append((RaterGroup.MANAGER, boss, submitted_share >= 1))
            return rows

        closes = today - timedelta(days=330)
        writer.round(
            demo_manager,
            started=closes - timedelta(days=21),
            closes_on=closes,
            status=RoundStatus.CLOSED,
            started_by=manager_user,
            raters=manager_raters(1.0),
            tilt={2: 1.3},
        )
        writer.round(
            demo_manager,
            started=today - timedelta(days=6),
            closes_on=today + timedelta(days=15),
            status=RoundStatus.OPEN,
            started_by=manager_user,
            raters=manager_raters(0.5),
        )
        busy.add(demo_manager.pk)

    # Others across the organisation: closed rounds (a report each) and open ones.
    skip = {getattr(demo_employee, "pk", None), getattr(demo_manager, "pk", None)}
    candidates = [e for e in current if e.pk not in skip and e.manager_id in by_id]
    chosen = rng.sample(candidates, min(len(candidates), OTHER_ROUNDS + OTHER_OPEN))
    for index, person in enumerate(chosen):
        taken = {person.pk, person.manager_id}
        peers = colleagues(person, rng.randint(3, 5), taken)
        taken |= {p.pk for p in peers}
        others = outsiders(person, rng.randint(0, 3), taken)
        is_open = index >= OTHER_ROUNDS
        # Closed: most raters answered, not all; open: about half so far.
        share = 0.5 if is_open else 0.85
        raters = [(RaterGroup.PEER, p, rng.random() < share) for p in peers]
        raters += [(RaterGroup.OTHER, p, rng.random() < share) for p in others]
        assert person.manager_id is not None  # chosen among those with a manager
        raters.append((RaterGroup.MANAGER, by_id[person.manager_id], not is_open))
        if is_open:
            started = today - timedelta(days=rng.randint(3, 10))
            closes = started + timedelta(days=21)
            busy.add(person.pk)
        else:
            closes = today - timedelta(days=rng.randint(20, 500))
            started = closes - timedelta(days=21)
        writer.round(
            person,
            started=started,
            closes_on=closes,
            status=RoundStatus.OPEN if is_open else RoundStatus.CLOSED,
            started_by=None,
            raters=raters,
            shared=rng.random() < 0.5,
        )

    # HR's group start for the demo team's department: drafts, raters still to add.
    if demo_employee is not None and hr is not None:
        group = [
            e
            for e in current
            if e.department_id == demo_employee.department_id and e.pk not in busy and e.email
        ]
        group.sort(key=lambda e: (e.pk != demo_employee.pk, e.employee_number))
        for person in group[:GROUP_DRAFTS]:
            writer.round(
                person,
                started=today - timedelta(days=3),
                closes_on=today + timedelta(days=28),
                status=RoundStatus.DRAFT,
                started_by=hr,
                raters=[],
            )
    users = {u.email.lower(): u for u in User.objects.filter(employee__isnull=False)}
    counts = writer.write(users)
    counts["drafts"] = FeedbackRound.objects.filter(status=RoundStatus.DRAFT).count()
    return counts
