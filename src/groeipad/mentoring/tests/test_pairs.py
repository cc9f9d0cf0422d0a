"""Pairs in use: goal link, sharing, closing a programme, end feedback, unmatched reasons."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from groeipad.mentoring import selectors, services
from groeipad.mentoring.models import Match, PairFeedback, Participant, Role
from groeipad.plans import services as plan_services


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def confirmed_pair(personas, programme, mentor, mentee):
    """A programme with one confirmed pair: ``mentor`` guides ``mentee`` (personas' names)."""
    hr = personas.user("hanna")
    services.participant_join(
        actor=hr, programme=programme, employee=getattr(personas, mentor), role="mentor"
    )
    services.participant_join(
        actor=hr, programme=programme, employee=getattr(personas, mentee), role="mentee"
    )
    services.programme_match(actor=hr, programme=programme)
    match = Match.objects.select_related("programme", "mentor", "mentee").get(
        programme=programme, mentee__employee=getattr(personas, mentee)
    )
    services.match_confirm(actor=personas.user(mentor), match=match)
    services.match_confirm(actor=personas.user(mentee), match=match)
    match.refresh_from_db()
    return match


def plan_with_goal(personas, name, title="Lead a planning meeting"):
    employee = getattr(personas, name)
    actor = personas.user(name)
    plan = plan_services.plan_create(
        actor=actor,
        employee=employee,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    goal = plan_services.goal_create(
        actor=actor, plan=plan, title=title, owner=employee, deadline=date(2026, 6, 30)
    )
    return plan, goal


@pytest.fixture
def pair(personas):
    """Dave (Finance) mentors carol: no management line between them."""
    programme = services.programme_create(actor=personas.user("hanna"), name="Buddy")
    return confirmed_pair(personas, programme, "dave", "carol")


@pytest.mark.django_db
def test_the_mentee_links_a_goal_of_their_own_plan_only(personas, pair):
    _plan, goal = plan_with_goal(personas, "carol")
    _other_plan, others_goal = plan_with_goal(personas, "alice", "Coach the team")
    with pytest.raises(PermissionDenied, match="Only the mentee"):
        services.match_goal_link(actor=personas.user("dave"), match=pair, goal=goal)
    with pytest.raises(ValidationError, match="mentee's own development plan"):
        services.match_goal_link(actor=personas.user("carol"), match=pair, goal=others_goal)
    services.match_goal_link(actor=personas.user("carol"), match=pair, goal=goal)
    assert Match.objects.get(pk=pair.pk).goal == goal
    services.match_goal_link(actor=personas.user("carol"), match=pair, goal=None)
    assert Match.objects.get(pk=pair.pk).goal is None


@pytest.mark.django_db
def test_a_goal_of_a_closed_plan_or_an_unconfirmed_pair_is_refused(personas, pair):
    plan, goal = plan_with_goal(personas, "carol")
    plan.status = "closed"
    plan.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="closed plan"):
        services.match_goal_link(actor=personas.user("carol"), match=pair, goal=goal)
    Match.objects.filter(pk=pair.pk).update(status="proposed")
    pair.refresh_from_db()
    with pytest.raises(ValidationError, match="both have confirmed"):
        services.match_goal_link(actor=personas.user("carol"), match=pair, goal=None)


@pytest.mark.django_db
def test_the_mentor_sees_only_what_the_mentee_shares(personas, pair):
    plan, goal = plan_with_goal(personas, "carol")
    plan.strengths = "Calm under pressure"
    plan.save(update_fields=["strengths"])
    carol, dave = personas.user("carol"), personas.user("dave")
    services.match_goal_link(actor=carol, match=pair, goal=goal)
    pair = Match.objects.select_related("mentor", "mentee__employee", "goal__plan").get(pk=pair.pk)
    # Nothing shared: the mentor sees neither; the mentee sees her own goal.
    assert selectors.shared_for(dave, pair) == selectors.Shared()
    assert selectors.shared_for(carol, pair).goal == goal
    with pytest.raises(PermissionDenied):
        services.match_sharing_set(actor=dave, match=pair, share_goal=True, share_plan=True)
    services.match_sharing_set(actor=carol, match=pair, share_goal=True, share_plan=False)
    shared = selectors.shared_for(dave, pair)
    assert (shared.goal, shared.plan) == (goal, None)
    services.match_sharing_set(actor=carol, match=pair, share_goal=False, share_plan=True)
    shared = selectors.shared_for(dave, pair)
    assert shared.goal is None
    assert shared.plan == plan and shared.plan_goals == [goal]
    # Anyone else, HR included, sees nothing through the pair.
    assert selectors.shared_for(personas.user("hanna"), pair) == selectors.Shared()


@pytest.mark.django_db
def test_feedback_waits_for_the_end_and_is_given_once_per_person(personas, pair):
    carol, dave = personas.user("carol"), personas.user("dave")
    with pytest.raises(ValidationError, match="has ended or HR has closed it"):
        services.feedback_give(actor=carol, match=pair, rating=4)
    services.programme_close(actor=personas.user("hanna"), programme=pair.programme)
    pair.programme.refresh_from_db()
    with pytest.raises(ValidationError, match="1 to 5"):
        services.feedback_give(actor=carol, match=pair, rating=6)
    services.feedback_give(actor=carol, match=pair, rating=4, brought=" A sounding board ")
    services.feedback_give(actor=dave, match=pair, rating=5)
    with pytest.raises(ValidationError, match="already given"):
        services.feedback_give(actor=carol, match=pair, rating=2)
    with pytest.raises(PermissionDenied):
        services.feedback_give(actor=personas.user("alice"), match=pair, rating=3)
    assert sorted(PairFeedback.objects.values_list("role", "rating", "brought")) == [
        ("mentee", 4, "A sounding board"),
        ("mentor", 5, ""),
    ]
    pair = Match.objects.select_related("mentor").get(pk=pair.pk)
    # Only "answered: yes" stays with the pair; the answers name neither side.
    assert (pair.mentor_answered, pair.mentee_answered) == (True, True)
    assert selectors.feedback_given(pair, personas.carol.pk)
    assert selectors.feedback_given(pair, personas.dave.pk)
    assert set(PairFeedback.objects.values_list("programme_id", flat=True)) == {pair.programme_id}


@pytest.mark.django_db
def test_feedback_opens_when_the_end_date_has_passed(personas, pair):
    programme = pair.programme
    programme.end_date = timezone.localdate() - timedelta(days=1)
    programme.save(update_fields=["end_date"])
    assert programme.has_ended()
    services.feedback_give(actor=personas.user("carol"), match=pair, rating=3)
    programme.end_date = timezone.localdate()
    assert not programme.has_ended()


@pytest.mark.django_db
def test_a_closed_programme_refuses_joining_matching_rules_and_meetings(personas, pair):
    hr = personas.user("hanna")
    programme = services.programme_close(actor=hr, programme=pair.programme)
    with pytest.raises(PermissionDenied):
        services.programme_close(actor=personas.user("dave"), programme=programme)
    for call in (
        lambda: services.programme_match(actor=hr, programme=programme),
        lambda: services.participant_join(
            actor=hr, programme=programme, employee=personas.bob, role="mentor"
        ),
        lambda: services.meeting_log(actor=personas.user("carol"), match=pair, on=date(2026, 3, 1)),
        lambda: services.programme_close(actor=hr, programme=programme),
    ):
        with pytest.raises(ValidationError, match="is closed"):
            call()


@pytest.mark.django_db
def test_hr_sees_feedback_only_as_averages_from_three_answers(personas):
    """Three confirmed pairs: mentees rate 5, 4 and 2 (average 11/3 = 3.7); one mentor
    rates 4: too few to show."""
    hr = personas.user("hanna")
    programme = services.programme_create(actor=hr, name="Groei")
    # Mentors with capacity enough, mentees outside their lines: bob and hanna mentor
    # dave, carol (bob is above carol: hanna then) and alice (bob is her manager).
    join = services.participant_join
    join(actor=hr, programme=programme, employee=personas.bob, role="mentor", capacity=3)
    join(actor=hr, programme=programme, employee=personas.hanna, role="mentor", capacity=3)
    for name in ("dave", "carol", "alice"):
        join(actor=hr, programme=programme, employee=getattr(personas, name), role="mentee")
    services.programme_match(actor=hr, programme=programme)
    matches = list(Match.objects.select_related("programme", "mentor", "mentee"))
    assert len(matches) == 3
    for m in matches:
        services.match_confirm(actor=m.mentor.employee.user, match=m)
        services.match_confirm(actor=m.mentee.employee.user, match=m)
    services.programme_close(actor=hr, programme=programme)
    ratings = {"dave": 5, "carol": 4, "alice": 2}
    for m in Match.objects.select_related("programme", "mentor__employee", "mentee__employee"):
        mentee = m.mentee.employee
        services.feedback_give(
            actor=mentee.user, match=m, rating=ratings[mentee.first_name.lower()]
        )
    first = Match.objects.select_related("programme", "mentor__employee", "mentee").first()
    services.feedback_give(actor=first.mentor.employee.user, match=first, rating=4)
    rows = {r.role: r for r in selectors.feedback_summary(programme)}
    assert (rows["mentee"].pairs, rows["mentee"].answers, rows["mentee"].average) == (3, 3, 3.7)
    # One answer: hidden, and so is its count (never 0, never the lone rating).
    assert (rows["mentor"].answers, rows["mentor"].average) == (None, None)
    assert rows["mentor"].cell.suppressed


@pytest.mark.django_db
def test_matching_stores_why_a_mentee_stays_unmatched(personas):
    hr = personas.user("hanna")
    programme = services.programme_create(actor=hr, name="Lijn")
    join = services.participant_join
    join(actor=hr, programme=programme, employee=personas.alice, role="mentor")
    carol = join(actor=hr, programme=programme, employee=personas.carol, role="mentee")
    dave = join(actor=hr, programme=programme, employee=personas.dave, role="mentee")
    services.programme_match(actor=hr, programme=programme)
    reasons = dict(
        Participant.objects.filter(programme=programme, role=Role.MENTEE).values_list(
            "employee__employee_number", "unmatched_reason"
        )
    )
    # alice is carol's manager: no allowed mentor; dave takes alice's one place.
    assert reasons == {"1003": "no_allowed_mentor", "1004": ""}
    assert [p.pk for p in selectors.unmatched_mentees(programme, Match.objects.all())] == [carol.pk]
    programme.refresh_from_db()
    assert programme.matched_at is not None
    assert dave.pk in set(Match.objects.values_list("mentee_id", flat=True))
