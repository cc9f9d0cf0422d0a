"""The data migration: existing answers become unlinked responses, N below 3 becomes 3."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("feedback", "0003_shared_with_manager_employee")]
AFTER = [("feedback", "0006_raters_responses_unlink")]


@pytest.mark.django_db(transaction=True)
def test_existing_answers_move_to_responses_and_closed_rounds_forget():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Employee = old.get_model("people", "Employee")
    Department = old.get_model("people", "Department")
    Round = old.get_model("feedback", "FeedbackRound")
    Settings = old.get_model("feedback", "FeedbackSettings")
    Question = old.get_model("feedback", "Question")
    Rater = old.get_model("feedback", "Rater")
    Answer = old.get_model("feedback", "Answer")
    Framework = old.get_model("skills", "Framework")
    Competency = old.get_model("skills", "Competency")
    Scale = old.get_model("skills", "ProficiencyScale")

    department = Department.objects.create(name="Zorg")

    def person(number, name):
        return Employee.objects.create(
            employee_number=number,
            first_name=name,
            last_name="Test",
            email=f"{name.lower()}@zorg.example",
            department=department,
            hire_date=date(2020, 1, 1),
            annual_salary=1,
        )

    eva, piet = person("1", "Eva"), person("2", "Piet")
    Settings.objects.create(pk=1, min_group_size=2)
    scale = Scale.objects.create(name="1-5", min_level=1, max_level=5)
    competency = Competency.objects.create(
        framework=Framework.objects.create(name="F"), name_nl="L", name_en="L", scale=scale
    )
    today = timezone.localdate()
    closed = Round.objects.create(
        employee=eva, closes_on=today - timedelta(days=3), status="closed", min_group_size=2
    )
    opened = Round.objects.create(employee=eva, closes_on=today + timedelta(days=3), status="draft")
    now = timezone.now()
    for feedback_round in (closed, opened):
        question = Question.objects.create(round=feedback_round, position=1, competency=competency)
        for i, (email, submitted) in enumerate(
            [("Piet@zorg.example", True), ("x@elders.example", True), ("y@elders.example", False)]
        ):
            rater = Rater.objects.create(
                round=feedback_round,
                group="peer",
                email=email,
                token_hash=f"{feedback_round.pk}-{i}".ljust(64, "0"),
                expires_at=now,
                submitted_at=now if submitted else None,
            )
            Answer.objects.create(rater=rater, question=question, rating=i + 2)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Rater = new.get_model("feedback", "Rater")
    Response = new.get_model("feedback", "Response")
    Answer = new.get_model("feedback", "Answer")
    DraftAnswer = new.get_model("feedback", "DraftAnswer")
    Round = new.get_model("feedback", "FeedbackRound")
    Settings = new.get_model("feedback", "FeedbackSettings")

    assert Settings.objects.get().min_group_size == 3
    assert Round.objects.get(pk=closed.pk).min_group_size == 3
    for feedback_round in (closed, opened):
        responses = Response.objects.filter(round_id=feedback_round.pk)
        assert responses.count() == 2  # the two who submitted
        assert sorted(
            Answer.objects.filter(response__in=responses).values_list("rating", flat=True)
        ) == [2, 3]
    # The open round keeps "answered" and the draft; the closed round forgets both.
    assert sorted(Rater.objects.filter(round_id=opened.pk).values_list("answered", flat=True)) == [
        False,
        True,
        True,
    ]
    assert set(Rater.objects.filter(round_id=closed.pk).values_list("answered", flat=True)) == {
        None
    }
    assert list(DraftAnswer.objects.values_list("rater__round_id", "rating")) == [(opened.pk, 4)]
    piet_rater = Rater.objects.get(round_id=opened.pk, email="Piet@zorg.example")
    assert piet_rater.employee_id == piet.pk and not piet_rater.is_external
    external = Rater.objects.get(round_id=opened.pk, email="x@elders.example")
    assert (external.is_external, external.approval) == (True, "approved")
