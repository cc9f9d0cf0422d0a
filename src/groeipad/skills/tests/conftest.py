import pytest

from groeipad.people.models import JobProfile
from groeipad.skills.models import Competency
from groeipad.skills.services import (
    framework_install_starter,
    job_profile_set_parent,
    requirement_set,
)


@pytest.fixture
def framework(personas):
    return framework_install_starter(actor=None)


@pytest.fixture
def competency(framework):
    def _get(name_en):
        return Competency.objects.get(framework=framework, name_en=name_en)

    return _get


@pytest.fixture
def profiles(personas, competency):
    """Planner: Collaboration 3, Communication 4 (weight 2).
    Senior planner builds on Planner: Communication 5 (override), Leadership 3."""
    hr = personas.user("hanna")
    planner = personas.alice.job_profile
    senior = JobProfile.objects.create(name="Senior planner")
    requirement_set(actor=hr, job_profile=planner, competency=competency("Collaboration"), level=3)
    requirement_set(
        actor=hr, job_profile=planner, competency=competency("Communication"), level=4, weight=2
    )
    requirement_set(actor=hr, job_profile=senior, competency=competency("Communication"), level=5)
    requirement_set(actor=hr, job_profile=senior, competency=competency("Leadership"), level=3)
    job_profile_set_parent(actor=hr, job_profile=senior, parent=planner)
    personas.carol.job_profile = planner
    personas.carol.save()
    return {"planner": planner, "senior": senior}
