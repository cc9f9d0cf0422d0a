from datetime import date

from django.core.management import call_command

from groeipad.skills.models import Assessment, AssessmentKind, CurrentLevel, JobRequirement


def live_current_levels() -> set[tuple[int, int, int]]:
    """The current level computed straight from the history: latest manager, else latest self."""
    latest: dict[tuple[int, int, str], tuple] = {}
    for a in Assessment.objects.order_by("assessed_on", "created_at", "id"):
        latest[(a.employee_id, a.competency_id, a.kind)] = a.level
    result = set()
    for (employee, competency, kind), level in latest.items():
        if (
            kind == AssessmentKind.MANAGER
            or (employee, competency, AssessmentKind.MANAGER) not in latest
        ):
            result.add((employee, competency, level))
    return result


def test_demo_data_includes_competencies_and_a_true_summary(db, capsys):
    call_command("demo_data", "--employees", "120", "--seed", "3", "--as-of", "2026-06-01")
    assert JobRequirement.objects.exists()
    assert Assessment.objects.filter(kind=AssessmentKind.MANAGER).exists()
    summary = set(CurrentLevel.objects.values_list("employee_id", "competency_id", "level"))
    assert summary == live_current_levels()
    assert not Assessment.objects.filter(assessed_on__gt=date(2026, 6, 1)).exists()
    # --replace clears the competency data that points at people first.
    call_command(
        "demo_data", "--employees", "120", "--seed", "4", "--as-of", "2026-06-01", "--replace"
    )
    assert set(CurrentLevel.objects.values_list("employee_id", "competency_id", "level")) == (
        live_current_levels()
    )
