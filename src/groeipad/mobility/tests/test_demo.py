"""The demo's rotations and internships: offers from several departments, each state."""

from collections import Counter
from datetime import date

from django.core.management import call_command

from groeipad.mobility import selectors
from groeipad.mobility.models import Application, RotationOffer
from groeipad.people.models import User

AS_OF = date(2026, 6, 1)
ARGS = ["demo_data", "--employees", "150", "--seed", "3", "--as-of", AS_OF.isoformat()]


def _snapshot():
    return (
        sorted(RotationOffer.objects.values_list("title", "host_department__name", "status")),
        Counter(
            (a.offer.title, a.employee.employee_number, a.state)
            for a in Application.objects.select_related("offer", "employee")
        ),
    )


def test_demo_rotations_in_every_state_and_replace_removes_them(db):
    call_command(*ARGS)
    manager = User.objects.get(email="manager@demo.groeipad.nl")
    employee = User.objects.get(email="medewerker@demo.groeipad.nl")
    offers = RotationOffer.objects.all()
    assert offers.count() == 5
    assert len({o.host_department_id for o in offers}) == 5
    assert offers.filter(is_transfer=True).count() == 1
    applications = list(Application.objects.select_related("offer", "employee"))
    assert {a.state for a in applications} == {
        "awaiting_consent",
        "awaiting_host",
        "chosen",
        "not_chosen",
        "refused",
    }
    # Nobody applies to their own department.
    assert all(
        a.employee.department_id != a.offer.host_department_id or a.state == "chosen"
        for a in applications
    )
    # The demo employee waits for the demo manager's consent; the manager consented once.
    assert [a.employee_id for a in selectors.consent_queue(manager)] == [employee.employee_id]
    assert Application.objects.filter(consent_by=manager, consent="given").exists()
    # Chosen: an action in the plan through the service; refusals carry a reason.
    for a in applications:
        if a.state == "chosen":
            assert a.plan_action is not None
            assert a.plan_action.goal.plan.employee_id == a.employee_id
        if a.state in ("refused", "not_chosen"):
            assert (a.consent_reason or a.decision_reason).strip()
    first = _snapshot()
    call_command(*ARGS, "--replace")
    assert _snapshot() == first
