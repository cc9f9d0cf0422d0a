"""A demo-like person for the AVG tests: Carol Bakker (1003, Planning, manager Alice) with
a plan, assessments, a talent profile, a closed 360 round with three anonymous peer
raters, learning, a mentor, coaching, an application, reminders and e-mail.

Names and addresses of everyone who must not appear in Carol's export are listed in
``FOREIGN``; a mentor and her manager may be named (Carol sees them in the app).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

# Raters: one colleague (Dave, also an account) and two external addresses.
RATER_EMAILS = ("dave@example.nl", "piet.beoordelaar@extern.nl", "kees.beoordelaar@extern.nl")
RATER_TEXTS = ("Blijf zo helder plannen", "Meer delegeren graag", "Sterk in overzicht")
# What must never be in Carol's export: the raters, and people she has no relation with.
FOREIGN = (
    "dave@example.nl",
    "Dave",
    "Visser",
    "piet.beoordelaar",
    "kees.beoordelaar",
    "extern.nl",
    "bob@example.nl",
    "de Vries",
    "hanna@example.nl",
    "Smit",
    "geheim-",
)


@dataclass
class Subject:
    employee: object
    user: object
    competency: object
    last_year: int


def _inviter(rater_model, now):
    """A rater invited now (with the fields of whichever rater model is installed)."""
    fields = {f.name for f in rater_model._meta.get_fields()}

    def invite(feedback_round, group, email, user, token):
        extra = {"submitted_at": None} if "submitted_at" in fields else {}
        return rater_model.objects.create(
            round=feedback_round,
            group=group,
            email=email,
            user=user,
            token_hash=token * 64,
            expires_at=now,
            invited_at=now,
            **extra,
        )

    return invite


def _submitter(rater_model, answer_model):
    """Submit a rater's answers: linked to the rater, or (the unlinked storage of issue 14)
    as a Response of its round and group that points nowhere."""
    unlinked = "response" in {f.name for f in answer_model._meta.get_fields()}

    def submit(rater, answers):
        if unlinked:
            from groeipad.feedback.models import Response

            response = Response.objects.create(round=rater.round, group=rater.group)
            for question, rating, text in answers:
                answer_model.objects.create(
                    response=response, question=question, rating=rating, text=text
                )
            rater_model.objects.filter(pk=rater.pk).update(answered=True)
        else:
            for question, rating, text in answers:
                answer_model.objects.create(
                    rater=rater, question=question, rating=rating, text=text
                )
            rater_model.objects.filter(pk=rater.pk).update(submitted_at=timezone.now())

    return submit


def build_subject(personas, *, leave_date: date | None = None) -> Subject:
    from groeipad.coaching.models import CoachingSession, CoachingTrajectory, CoachKind
    from groeipad.feedback.models import (
        Answer,
        FeedbackRound,
        OpenKind,
        Question,
        Rater,
        RaterGroup,
        RoundStatus,
    )
    from groeipad.learning.models import (
        ActivityKind,
        Enrolment,
        EnrolmentStatus,
        Evaluation,
        EvaluationAnswer,
        LearningActivity,
        LearningOffer,
        OfferKind,
    )
    from groeipad.mentoring.models import Match, Meeting, PairFeedback, Participant, Programme
    from groeipad.mentoring.models import Role as MentoringRole
    from groeipad.mobility.models import Application, RotationOffer
    from groeipad.mobility.models import OfferKind as RotationKind
    from groeipad.notifications.models import OutgoingEmail, Reminder, ReminderKind
    from groeipad.people.models import Employee, Movement, MovementKind, User
    from groeipad.plans.models import Action, CheckIn, DevelopmentPlan, Goal, Instrument
    from groeipad.skills.models import (
        Assessment,
        AssessmentKind,
        Competency,
        Framework,
        PotentialObservation,
        TalentProfile,
    )
    from groeipad.skills.services import scale_default

    today = timezone.localdate()
    last_year = today.year - 1
    carol, alice, bob = personas.carol, personas.alice, personas.bob
    carol_user = User.objects.get(employee=carol)
    alice_user = User.objects.get(employee=alice)
    mila = Employee.objects.create(
        employee_number="1010",
        first_name="Mila",
        last_name="Mentor",
        email="mila@example.nl",
        department=personas.finance,
        hire_date=date(2015, 1, 1),
    )
    competency = Competency.objects.create(
        framework=Framework.objects.create(name="AVG"),
        name_nl="Plannen",
        name_en="Planning",
        scale=scale_default(),
    )

    # The plan, a goal, an action and a check-in.
    plan = DevelopmentPlan.objects.create(
        employee=carol,
        period_start=date(last_year, 1, 1),
        period_end=date(last_year + 1, 1, 1),
        strengths="Carol's overzicht",
        ambitions="Teamleider worden",
    )
    goal = Goal.objects.create(
        plan=plan,
        title="Leren delegeren",
        owner=carol,
        deadline=date(last_year, 9, 1),
        proposed_by="employee",
        competency=competency,
    )
    Action.objects.create(
        goal=goal,
        description="Cursus delegeren volgen",
        instrument=Instrument.EXTERNAL_TRAINING,
        owner=carol,
        due_date=date(last_year, 6, 1),
    )
    CheckIn.objects.create(
        employee=carol,
        manager=alice,
        plan=plan,
        scheduled_for=date(last_year, 3, 1),
        shared_notes="Gedeelde notitie over delegeren",
        employee_private_notes="Mijn eigen twijfel",
        manager_private_notes="Alice's eigen notitie geheim-manager",
    )
    # Assessments: her own, the manager's shared one, and one not yet shared.
    Assessment.objects.create(
        employee=carol,
        competency=competency,
        kind=AssessmentKind.SELF,
        level=3,
        assessor=carol_user,
    )
    Assessment.objects.create(
        employee=carol,
        competency=competency,
        kind=AssessmentKind.MANAGER,
        level=4,
        assessor=alice_user,
        note="Gedeelde beoordeling",
        shared_at=timezone.now(),
    )
    Assessment.objects.create(
        employee=carol,
        competency=competency,
        kind=AssessmentKind.MANAGER,
        level=2,
        assessor=alice_user,
        note="Concept geheim-concept",
    )
    TalentProfile.objects.create(employee=carol, strengths="Structuur", ambitions="Leidinggeven")
    PotentialObservation.objects.create(
        employee=carol,
        signal="initiative",
        observed_on=date(last_year, 4, 1),
        what_happened="Nam het rooster over",
        what_it_showed="Initiatief",
        observer=alice_user,
    )

    # A closed 360 round: self and three peers (raters stay anonymous).
    feedback_round = FeedbackRound.objects.create(
        employee=carol,
        started_by=carol_user,
        status=RoundStatus.CLOSED,
        closes_on=today - timedelta(days=10),
    )
    rating = Question.objects.create(round=feedback_round, position=1, competency=competency)
    open_q = Question.objects.create(round=feedback_round, position=2, open_kind=OpenKind.KEEP)
    now = timezone.now()
    dave_user = User.objects.get(employee=personas.dave)
    invite = _inviter(Rater, now)
    submit = _submitter(Rater, Answer)
    submit(
        invite(feedback_round, RaterGroup.SELF, carol.email, carol_user, "0"),
        [(rating, 3, "")],
    )
    for index, (email, text) in enumerate(zip(RATER_EMAILS, RATER_TEXTS, strict=True), start=1):
        rater = invite(
            feedback_round,
            RaterGroup.PEER,
            email,
            dave_user if email.startswith("dave") else None,
            str(index),
        )
        submit(rater, [(rating, index + 2, ""), (open_q, None, text)])
    # Dave's own round, which Carol rated: none of it is Carol's to see.
    daves = FeedbackRound.objects.create(
        employee=personas.dave, status=RoundStatus.OPEN, closes_on=today + timedelta(days=5)
    )
    dave_q = Question.objects.create(round=daves, position=1, competency=competency)
    submit(invite(daves, RaterGroup.PEER, carol.email, carol_user, "9"), [(dave_q, 2, "")])

    # Learning: an activity last year, a request with an evaluation.
    LearningActivity.objects.create(
        employee=carol,
        date=date(last_year, 5, 1),
        title="Delegeren voor planners",
        kind=ActivityKind.EXTERNAL_TRAINING,
        hours=Decimal("8"),
        cost=Decimal("650"),
    )
    offer = LearningOffer.objects.create(title="Timemanagement", kind=OfferKind.E_LEARNING)
    enrolment = Enrolment.objects.create(
        employee=carol,
        offer=offer,
        status=EnrolmentStatus.COMPLETED,
        department=carol.department,
        reason="Ik wil beter plannen",
        decision_reason="Akkoord, goed plan",
        decided_by=alice_user,
        cost=Decimal("100"),
        hours=Decimal("4"),
        reaction_answered=True,
    )
    # Carol's own reaction is anonymous: stored unlinked, it belongs to nobody.
    EvaluationAnswer.objects.create(offer=offer, level="reaction", rating=2, comment="Saai")
    # Alice's behaviour rating of Carol is a rating of Carol, linked.
    Evaluation.objects.create(
        enrolment=enrolment, level="behaviour", rating=4, comment="Nuttig", rater=alice_user
    )

    # Mentoring: Mila mentors Carol.
    programme = Programme.objects.create(name="Buddy")
    mentor = Participant.objects.create(
        programme=programme, employee=mila, role=MentoringRole.MENTOR, languages="nl"
    )
    mentee = Participant.objects.create(
        programme=programme, employee=carol, role=MentoringRole.MENTEE, languages="nl, en"
    )
    mentee.wants.add(competency)
    match = Match.objects.create(
        programme=programme, mentor=mentor, mentee=mentee, goal=goal, share_goal=True
    )
    Meeting.objects.create(match=match, date=date(last_year, 2, 1), notes="Eerste gesprek")
    # End feedback is anonymous: unlinked rows of the programme, the pair only flags it.
    PairFeedback.objects.create(
        programme=programme, role=MentoringRole.MENTEE, rating=5, brought="Veel zelfvertrouwen"
    )
    PairFeedback.objects.create(
        programme=programme, role=MentoringRole.MENTOR, rating=4, brought="Mila's geheim"
    )
    Match.objects.filter(pk=match.pk).update(mentee_answered=True, mentor_answered=True)
    # Coaching with an external coach.
    trajectory = CoachingTrajectory.objects.create(
        employee=carol,
        coach_kind=CoachKind.EXTERNAL,
        coach_name="Coach Cor",
        coach_email="cor@coaching.nl",
        goal_text="Grenzen stellen",
        planned_sessions=3,
        budget=Decimal("900"),
        department=carol.department,
        reason="Werkdruk",
    )
    CoachingSession.objects.create(trajectory=trajectory, date=date(last_year, 3, 3), notes="Start")
    # A rotation application.
    rotation = RotationOffer.objects.create(
        host_department=personas.finance,
        kind=RotationKind.choices[0][0],
        title="Meekijken bij Finance",
        duration_weeks=4,
        start_date=date(last_year, 8, 1),
    )
    Application.objects.create(offer=rotation, employee=carol, motivation="Nieuwsgierig")
    # A reminder and an e-mail.
    Reminder.objects.create(
        key="carol-1", user=carol_user, kind=ReminderKind.CHECKIN_DUE, subject="Check-in"
    )
    OutgoingEmail.objects.create(to=carol.email, subject="Je check-in", text="Tekst")
    # A move last year (KPIs count it).
    Movement.objects.create(employee=carol, date=date(last_year, 7, 1), kind=MovementKind.PROMOTION)
    if leave_date is not None:
        Employee.objects.filter(pk=carol.pk).update(leave_date=leave_date, leave_reason="voluntary")
        carol.refresh_from_db()
    assert bob  # Bob (Alice's manager) is in the organisation, never in Carol's export
    return Subject(employee=carol, user=carol_user, competency=competency, last_year=last_year)
