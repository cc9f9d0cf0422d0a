"""Mentoring end feedback is an anonymous answer (specs/anonymity.md): k distinct people
per role, the step rule until every pair has answered, read by HR through the programme
page and the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from statistics import mean

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from groeipad.conftest import PASSWORD
from groeipad.mentoring import services
from groeipad.mentoring.models import Match
from groeipad.people.models import Employee, User
from groeipad.privacy.anonymity import stepped

pytestmark = pytest.mark.django_db
K = 3


def _person(personas, number, first, department):
    employee = Employee.objects.create(
        employee_number=number,
        first_name=first,
        last_name="Test",
        email=f"{first.lower()}@example.nl",
        department=department,
        hire_date=date(2020, 1, 1),
        annual_salary=Decimal("48000"),
    )
    User.objects.create_user(employee.email, PASSWORD, employee=employee)
    employee.refresh_from_db()
    return employee


def _programme(personas, pairs, mentors=None, capacity=1):
    """``pairs`` confirmed pairs of a closed programme; ``mentors`` people mentor them."""
    hr = personas.user("hanna")
    programme = services.programme_create(actor=hr, name="Groei")
    for i in range(mentors or pairs):
        mentor = _person(personas, f"40{i:02d}", f"Mentor{i}", personas.finance)
        services.participant_join(
            actor=hr, programme=programme, employee=mentor, role="mentor", capacity=capacity
        )
    for i in range(pairs):
        mentee = _person(personas, f"50{i:02d}", f"Mentee{i}", personas.planning)
        services.participant_join(actor=hr, programme=programme, employee=mentee, role="mentee")
    services.programme_match(actor=hr, programme=programme)
    matches = list(
        Match.objects.filter(programme=programme)
        .select_related("programme", "mentor__employee", "mentee__employee")
        .order_by("mentee__employee__employee_number")
    )
    assert len(matches) == pairs
    for m in matches:
        services.match_confirm(actor=m.mentor.employee.user, match=m)
        services.match_confirm(actor=m.mentee.employee.user, match=m)
    services.programme_close(actor=hr, programme=programme)
    return programme, [
        Match.objects.select_related("programme", "mentor__employee", "mentee__employee").get(
            pk=m.pk
        )
        for m in matches
    ]


def _give(match, role, rating):
    author = match.mentor if role == "mentor" else match.mentee
    services.feedback_give(actor=author.employee.user, match=match, rating=rating)


@pytest.fixture
def hr(personas, login, client):
    client.cookies["django_language"] = "en"
    return login(personas.user("hanna"))


def _api(hr, programme):
    response = hr.get(f"/api/v1/mentoring/programmes/{programme.pk}/feedback")
    assert response.status_code == 200
    return {row["role"]: row for row in response.json()}


def _expected(ratings, pairs):
    used = ratings[: stepped(len(ratings), K, closed=len(ratings) >= pairs)]
    return (round(mean(used), 1), len(used)) if len(used) >= K else (None, None)


@pytest.mark.parametrize("answers", [K - 1, K, K + 1])
def test_mentee_feedback_for_k_minus_1_k_and_k_plus_1(personas, hr, answers):
    programme, matches = _programme(personas, 5)
    ratings = [5, 2, 4, 1]
    for m, rating in zip(matches[:answers], ratings, strict=False):
        _give(m, "mentee", rating)
    row = _api(hr, programme)["mentee"]
    value, n = _expected(ratings[:answers], 5)
    assert (row["average"], row["answers"], row["suppressed"]) == (value, n, value is None)
    if value is None:
        assert row["suppressed_reason"] == "fewer than 3 answers"
    page = hr.get(f"/mentoring/{programme.pk}/").content.decode()
    if answers < K:
        assert page.count("fewer than 3 answers") == 2  # mentee and mentor rows
    else:  # k + 1 still shows the first k: 3 of 5, (5 + 2 + 4) / 3
        assert "3 of 5" in page and f"{mean(ratings[:K]):.1f}" in page
        assert "4 of 5" not in page


def test_the_average_moves_only_with_k_new_answers_or_when_all_have_answered(personas, hr):
    programme, matches = _programme(personas, 7)
    ratings = [5, 1, 3, 2, 5, 4, 1]
    seen = []
    for i, (m, rating) in enumerate(zip(matches, ratings, strict=True)):
        _give(m, "mentee", rating)
        row = _api(hr, programme)["mentee"]
        assert (row["average"], row["answers"]) == _expected(ratings[: i + 1], 7)
        seen.append((row["average"], row["answers"]))
    changes = [i + 1 for i in range(1, len(seen)) if seen[i] != seen[i - 1]]
    # 3 and 6 answers; and 7: every pair has answered, nothing more can come.
    assert changes == [3, 6, 7]
    assert seen[-1] == (round(mean(ratings), 1), 7)


def test_one_mentor_of_three_pairs_is_one_person(personas, hr):
    """The answers are linked to nobody, so one person is one answer: a mentor of three
    pairs answers once for the programme, and the other two pairs do not ask again."""
    programme, matches = _programme(personas, 3, mentors=1, capacity=3)
    _give(matches[0], "mentor", 2)
    for m in matches[1:]:
        with pytest.raises(ValidationError, match="once per programme"):
            _give(m, "mentor", 4)
    for m, rating in zip(matches, [2, 4, 5], strict=True):
        _give(m, "mentee", rating)
    rows = _api(hr, programme)
    assert rows["mentor"]["suppressed"] is True  # one answer, by one mentor
    # Every mentor (one) has answered: the role is closed, and still hidden under k.
    assert rows["mentor"]["answers"] is None
    assert (rows["mentee"]["average"], rows["mentee"]["answers"]) == (round(11 / 3, 1), 3)
    # "3 of N": N counts who can answer, so one mentor of three pairs is "of 1".
    assert (rows["mentor"]["pairs"], rows["mentor"]["people"]) == (3, 1)
    assert rows["mentee"]["people"] == 3
    page = hr.get(f"/mentoring/{programme.pk}/").content.decode()
    assert "3 of 3" in page


def test_the_threshold_is_the_instruments_setting(personas, hr):
    programme, matches = _programme(personas, 4)
    for m, rating in zip(matches[:3], [3, 4, 5], strict=True):
        _give(m, "mentee", rating)
    assert _api(hr, programme)["mentee"]["average"] == 4.0
    with override_settings(GROEIPAD_ANONYMITY_K={"mentoring": 4}):
        row = _api(hr, programme)["mentee"]
        assert (row["average"], row["suppressed_reason"]) == (None, "fewer than 4 answers")
    with override_settings(GROEIPAD_ANONYMITY_K={"mentoring": 1}):  # never below 3
        row = _api(hr, programme)["mentee"]
        assert (row["average"], row["answers"]) == (4.0, 3)


def test_roles_are_separate_and_no_total_gives_one_away(personas, hr):
    """No "all roles" figure is shown: the mentor row (hidden, two answers) cannot be had
    as a total minus the mentee row. The page and the API show only the two rows."""
    programme, matches = _programme(personas, 3)
    for m, rating in zip(matches, [4, 4, 4], strict=True):
        _give(m, "mentee", rating)
    for m in matches[:2]:
        _give(m, "mentor", 1)
    rows = _api(hr, programme)
    assert set(rows) == {"mentor", "mentee"}
    assert rows["mentor"]["suppressed"] is True and rows["mentee"]["average"] == 4.0
    page = hr.get(f"/mentoring/{programme.pk}/").content.decode()
    assert "1.0" not in page and "2 of 3" not in page
