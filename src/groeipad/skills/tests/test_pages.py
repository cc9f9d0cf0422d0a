"""The competency pages per role: talent page, overview, targets, heat map and exports."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from groeipad.people.models import Department, Employee, JobProfile
from groeipad.privacy.models import AuditEvent
from groeipad.skills.models import (
    Assessment,
    AssessmentKind,
    JobProfileParent,
    JobRequirement,
    PotentialObservation,
    StrategicTarget,
    TalentProfile,
)
from groeipad.skills.services import assessment_record

SELF, MANAGER = AssessmentKind.SELF, AssessmentKind.MANAGER


def talent_url(number: str, what: str = "") -> str:
    if not what:
        return reverse("skills:employee_talent", args=[number])
    return reverse(f"skills:{what}", args=[number])


def profile_post(**changes) -> dict:
    data = {
        "strengths": "Plannen onder druk",
        "ambitions": "Teamleider worden",
        "energy_sources": "Puzzels oplossen",
        "unused_talent": "Tekenen",
        "aspired_job_profile": "",
        "version": "",
    }
    return {**data, **changes}


# --- Talent profile --------------------------------------------------------------------


def test_employee_writes_own_talent_profile_and_manager_reads_it(login, personas, profiles):
    client = login(personas.user("alice"))
    senior = profiles["senior"]
    response = client.post(
        talent_url("1002", "talent_profile_save"), profile_post(aspired_job_profile=senior.pk)
    )
    assert response.status_code == 302
    profile = TalentProfile.objects.get(employee=personas.alice)
    assert (profile.strengths, profile.aspired_job_profile) == ("Plannen onder druk", senior)
    assert AuditEvent.objects.filter(object_type="talent_profile").count() == 1

    page = login(personas.user("bob")).get(talent_url("1002")).content.decode()
    assert "Teamleider worden" in page and "Puzzels oplossen" in page
    # The manager reads it; the form to edit it is the employee's alone.
    assert reverse("skills:talent_profile_save", args=["1002"]) not in page
    # The aspired profile gets its own gap table.
    assert "Senior planner" in page


def test_manager_cannot_write_the_employees_talent_profile(login, personas):
    client = login(personas.user("bob"))
    response = client.post(talent_url("1002", "talent_profile_save"), profile_post())
    assert response.status_code == 403
    assert not TalentProfile.objects.exists()


def test_stale_save_keeps_the_users_text_and_says_so(login, personas):
    client = login(personas.user("alice"))
    client.post(talent_url("1002", "talent_profile_save"), profile_post())
    opened_version = TalentProfile.objects.get().version
    # Meanwhile, in another tab, the profile is saved again.
    client.post(
        talent_url("1002", "talent_profile_save"),
        profile_post(ambitions="Iets anders", version=opened_version),
    )
    response = client.post(
        talent_url("1002", "talent_profile_save"),
        profile_post(ambitions="Mijn nieuwe tekst", version=opened_version),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mijn nieuwe tekst" in page  # the user's text stays in the form
    assert "Iets anders" in page  # the saved version is shown beside it
    assert "changed elsewhere" in page or "ergens anders gewijzigd" in page
    saved = TalentProfile.objects.get()
    assert saved.ambitions == "Iets anders"
    # Saving again from this form overwrites deliberately.
    assert f'value="{saved.version}"' in page
    again = client.post(
        talent_url("1002", "talent_profile_save"),
        profile_post(ambitions="Mijn nieuwe tekst", version=saved.version),
    )
    assert again.status_code == 302
    assert TalentProfile.objects.get().ambitions == "Mijn nieuwe tekst"


# --- Assessments ---------------------------------------------------------------------


def test_employee_self_assesses_with_level_note_and_evidence(login, personas, profiles, competency):
    client = login(personas.user("alice"))
    collab = competency("Collaboration")
    page = client.get(talent_url("1002")).content.decode()
    # Each level's label and behavioural indicator are on the form.
    assert "Bekwaam" in page and "Stemt eigen werk af op dat van het team." in page
    response = client.post(
        talent_url("1002", "assessment_add"),
        {"competency": collab.pk, "level": 2, "note": "groeit", "evidence": "project X"},
    )
    assert response.status_code == 302
    rating = Assessment.objects.get()
    assert (rating.kind, rating.level, rating.note, rating.evidence) == (
        SELF,
        2,
        "groeit",
        "project X",
    )


def test_a_level_off_the_scale_is_refused_and_nothing_saved(login, personas, profiles, competency):
    client = login(personas.user("alice"))
    response = client.post(
        talent_url("1002", "assessment_add"),
        {"competency": competency("Collaboration").pk, "level": 9, "note": "x"},
    )
    assert response.status_code == 400
    assert "Samenwerken" in response.content.decode()
    assert not Assessment.objects.exists()


def test_manager_rating_reaches_the_employee_only_after_sharing(
    login, client, personas, profiles, competency
):
    comms = competency("Communication")
    alice = login(personas.user("alice"))
    alice.post(talent_url("1002", "assessment_add"), {"competency": comms.pk, "level": 2})
    bob = login(personas.user("bob"))
    bob.post(talent_url("1002", "assessment_add"), {"competency": comms.pk, "level": 4})
    page = bob.get(talent_url("1002")).content.decode()
    assert "1 of your ratings is not shared" in page or "1 van je beoordelingen" in page

    def alice_gap_row():
        login(personas.user("alice"))
        response = client.get(talent_url("1002"))
        gaps = response.context["gap_rows"]
        return {row["competency"].name_en: (row["current"], row["source"]) for row in gaps}

    # Before sharing: alice's page uses her own rating; the manager's 4 does not leak.
    assert alice_gap_row()["Communication"] == (2, "self")
    history = client.get(talent_url("1002")).context["blocks"]
    assert all(a.kind == SELF for block in history for a in block["history"])

    login(personas.user("bob"))
    response = client.post(talent_url("1002", "assessments_share"))
    assert response.status_code == 302
    assert Assessment.objects.filter(kind=MANAGER, shared_at__isnull=True).count() == 0
    # Communication requires 4; the manager's 4 meets it, hand-computed gap 0.
    assert alice_gap_row()["Communication"] == (4, "manager")
    gaps = client.get(talent_url("1002")).context["gap_rows"]
    assert {r["competency"].name_en: r["gap"] for r in gaps} == {
        "Communication": 0,
        "Collaboration": None,  # not assessed: shown apart, never a zero
    }


def test_employee_cannot_rate_as_manager_or_share(login, personas, profiles, competency):
    client = login(personas.user("carol"))
    # carol is below alice: a post to alice's page is a 404 (she may not see alice).
    collab = competency("Collaboration").pk
    response = client.post(talent_url("1002", "assessment_add"), {"competency": collab, "level": 5})
    assert response.status_code == 404
    assert client.post(talent_url("1003", "assessments_share")).status_code == 403
    assert not Assessment.objects.exists()


def test_outsider_gets_404_on_the_talent_page_and_its_forms(login, personas, profiles):
    client = login(personas.user("dave"))
    assert client.get(talent_url("1003")).status_code == 404
    assert client.post(talent_url("1003", "talent_profile_save"), profile_post()).status_code == 404
    assert client.post(talent_url("1003", "observation_add"), {}).status_code == 404


def test_history_shows_growth_over_time(login, personas, profiles, competency):
    collab = competency("Collaboration")
    for level, day in ((1, date(2025, 1, 5)), (3, date(2025, 9, 1))):
        assessment_record(
            actor=personas.user("alice"),
            employee=personas.alice,
            competency=collab,
            kind=SELF,
            level=level,
            assessed_on=day,
        )
    blocks = login(personas.user("alice")).get(talent_url("1002")).context["blocks"]
    block = next(b for b in blocks if b["competency"] == collab)
    assert [a.level for a in block["history"]] == [3, 1]  # newest first


# --- Potential -------------------------------------------------------------------------


def test_manager_adds_an_observed_example_and_the_employee_sees_it(login, personas):
    body = {
        "signal": "initiative",
        "observed_on": "2025-05-01",
        "what_happened": "Zette zelf een overleg op over de roosters",
        "what_it_showed": "Neemt initiatief",
    }
    assert (
        login(personas.user("alice")).post(talent_url("1003", "observation_add"), body).status_code
        == 302
    )
    page = login(personas.user("carol")).get(talent_url("1003")).content.decode()
    assert "Zette zelf een overleg op over de roosters" in page
    assert "high potential" not in page.lower()
    # The employee does not record signals about themself.
    assert (
        login(personas.user("carol")).post(talent_url("1003", "observation_add"), body).status_code
        == 403
    )
    assert PotentialObservation.objects.count() == 1


def test_an_observation_in_the_future_is_refused(login, personas):
    body = {
        "signal": "curiosity",
        "observed_on": "2999-01-01",
        "what_happened": "x",
        "what_it_showed": "y",
    }
    response = login(personas.user("hanna")).post(talent_url("1003", "observation_add"), body)
    assert response.status_code == 400
    assert not PotentialObservation.objects.exists()


# --- Overview (frameworks and job profiles) ------------------------------------------


def test_hr_installs_the_starter_framework_from_the_empty_page(login, personas):
    client = login(personas.user("hanna"))
    page = client.get(reverse("skills:overview")).content.decode()
    assert reverse("skills:install_starter") in page
    assert client.post(reverse("skills:install_starter")).status_code == 302
    page = client.get(reverse("skills:overview")).content.decode()
    assert "Groeipad basiscompetenties" in page and "Samenwerken" in page


def test_hr_sets_and_removes_requirements_and_builds_on(login, personas, profiles, competency):
    client = login(personas.user("hanna"))
    planner, senior = profiles["planner"], profiles["senior"]
    leadership = competency("Leadership")
    url = reverse("skills:requirement_set")
    client.post(
        url, {"job_profile": planner.pk, "competency": leadership.pk, "level": 2, "weight": 1}
    )
    assert JobRequirement.objects.get(job_profile=planner, competency=leadership).level == 2
    client.post(
        reverse("skills:requirement_remove"),
        {"job_profile": planner.pk, "competency": leadership.pk},
    )
    assert not JobRequirement.objects.filter(job_profile=planner, competency=leadership).exists()
    # A loop is refused with a message; nothing changes.
    response = client.post(
        reverse("skills:profile_parent_set"), {"job_profile": planner.pk, "parent": senior.pk}
    )
    assert response.status_code == 302
    assert not JobProfileParent.objects.filter(job_profile=planner).exists()
    page = client.get(reverse("skills:overview")).content.decode()
    assert "loop" in page or "lus" in page
    assert "Planner" in page and ("inherited from Planner" in page or "geërfd van Planner" in page)


def test_manager_reads_the_overview_but_cannot_change_it(login, personas, profiles, competency):
    client = login(personas.user("bob"))
    page = client.get(reverse("skills:overview")).content.decode()
    assert reverse("skills:requirement_set") not in page
    response = client.post(
        reverse("skills:requirement_set"),
        {
            "job_profile": profiles["planner"].pk,
            "competency": competency("Leadership").pk,
            "level": 2,
            "weight": 1,
        },
    )
    assert response.status_code == 403
    assert login(personas.user("carol")).get(reverse("skills:overview")).status_code == 403


# --- Strategic targets ---------------------------------------------------------------


def test_hr_creates_and_deletes_a_target(login, personas, profiles, competency):
    client = login(personas.user("hanna"))
    collab = competency("Collaboration")
    response = client.post(
        reverse("skills:target_create"),
        {
            "competency": collab.pk,
            "level": 3,
            "headcount": 4,
            "due_date": "2027-01-01",
            "department": personas.planning.pk,
            "note": "groei",
        },
    )
    assert response.status_code == 302
    target = StrategicTarget.objects.get()
    page = client.get(reverse("skills:targets")).content.decode()
    assert "Operations/Planning" in page
    client.post(reverse("skills:target_delete"), {"target": target.pk})
    assert not StrategicTarget.objects.exists()


def test_a_bad_target_says_what_is_wrong_and_keeps_the_input(login, personas, profiles, competency):
    client = login(personas.user("hanna"))
    response = client.post(
        reverse("skills:target_create"),
        {
            "competency": competency("Collaboration").pk,
            "level": 3,
            "headcount": 0,
            "due_date": "2027-01-01",
            "note": "mijn reden",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "mijn reden" in page
    assert not StrategicTarget.objects.exists()


def test_targets_show_only_people_the_viewer_may_see(login, personas, profiles, competency):
    collab = competency("Collaboration")
    for person, level in ((personas.dave, 2), (personas.carol, 2)):
        assessment_record(
            actor=person.user, employee=person, competency=collab, kind=SELF, level=level
        )
    hr = login(personas.user("hanna"))
    hr.post(
        reverse("skills:target_create"),
        {"competency": collab.pk, "level": 3, "headcount": 2, "due_date": "2027-01-01"},
    )
    hr_page = hr.get(reverse("skills:targets")).content.decode()
    assert "Dave Visser" in hr_page and "Carol Bakker" in hr_page
    alice_page = login(personas.user("alice")).get(reverse("skills:targets")).content.decode()
    assert "Carol Bakker" in alice_page and "Dave Visser" not in alice_page
    assert reverse("skills:target_create") not in alice_page


# --- Heat map and exports ------------------------------------------------------------


@pytest.fixture
def rated(personas, profiles, competency):
    """Planner (alice, carol in Planning) requires Collaboration 3, Communication 4."""
    collab, comms = competency("Collaboration"), competency("Communication")
    alice, carol = personas.alice, personas.carol
    assessment_record(actor=alice.user, employee=alice, competency=collab, kind=SELF, level=2)
    assessment_record(
        actor=personas.user("bob"), employee=alice, competency=collab, kind=MANAGER, level=4
    )
    assessment_record(actor=alice.user, employee=alice, competency=comms, kind=SELF, level=2)
    assessment_record(actor=carol.user, employee=carol, competency=collab, kind=SELF, level=1)
    return personas


# By hand: Collaboration: alice 4 (manager beats self) gap 0, carol 1 gap 2 -> 2 assessed,
# 1 met, average gap 1.0. Communication: alice 2 gap 2, carol none -> 1 assessed, 0 met,
# average 2.0. Operations rolls up Planning (bob has no job profile).
EXPECTED = {
    ("Operations", "Samenwerken"): ["2", "2", "1", "1.0"],
    ("Operations", "Communiceren"): ["2", "1", "0", "2.0"],
    ("Operations/Planning", "Samenwerken"): ["2", "2", "1", "1.0"],
    ("Operations/Planning", "Communiceren"): ["2", "1", "0", "2.0"],
}


def test_employee_cannot_open_the_heat_map_or_its_exports(login, personas):
    client = login(personas.user("carol"))
    for name in ("skills:heatmap", "skills:heatmap_csv", "skills:heatmap_xlsx"):
        assert client.get(reverse(name)).status_code == 403


def test_heat_map_page_shows_the_hand_computed_cells(login, rated):
    response = login(rated.user("hanna")).get(reverse("skills:heatmap"))
    rows = {row["path"]: row for row in response.context["rows"]}
    planning = {item["competency"].name_en: item for item in rows["Operations/Planning"]["cells"]}
    assert planning["Collaboration"]["average"] == 1.0
    assert planning["Collaboration"]["css"] == "heat-3"
    assert planning["Communication"]["css"] == "heat-5"
    page = response.content.decode()
    assert "2 of 2 assessed, 1 at or above the level" in page or "2 van 2 beoordeeld" in page


def test_csv_export_equals_the_hand_computed_numbers_and_is_audited(login, rated):
    client = login(rated.user("hanna"))
    response = client.get(reverse("skills:heatmap_csv"))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    cells = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert cells == EXPECTED
    event = AuditEvent.objects.get(object_type="skills_heatmap")
    assert event.action == "export" and event.changes["format"] == "csv"


def test_xlsx_export_neutralises_formula_like_department_names(login, rated):
    evil = Department.objects.create(name='=HYPERLINK("http://x")', parent=None)
    Employee.objects.filter(pk=rated.carol.pk).update(department=evil)
    client = login(rated.user("hanna"))
    workbook = load_workbook(io.BytesIO(client.get(reverse("skills:heatmap_xlsx")).content))
    cells = list(workbook.worksheets[1].iter_rows(values_only=True))
    departments = {row[0] for row in cells[1:]}
    assert '\'=HYPERLINK("http://x")' in departments
    carol_row = next(r for r in cells[1:] if r[0].startswith("'=") and r[1] == "Samenwerken")
    assert carol_row[2:] == (1, 1, 0, 2.0)  # carol alone: 1 level against 3
    csv_text = client.get(reverse("skills:heatmap_csv")).content.decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
    assert '\'=HYPERLINK("http://x")' in {row[0] for row in csv_rows}
    assert AuditEvent.objects.filter(object_type="skills_heatmap").count() == 2


def test_manager_heat_map_is_scoped_to_their_line(login, rated, competency):
    dave = rated.dave
    dave.job_profile = JobProfile.objects.get(name="Planner")
    dave.save()
    assessment_record(
        actor=dave.user, employee=dave, competency=competency("Collaboration"), kind=SELF, level=3
    )
    hr_paths = [
        p
        for _pk, p in login(rated.user("hanna"))
        .get(reverse("skills:heatmap"))
        .context["heat"]
        .departments
    ]
    bob_paths = [
        p
        for _pk, p in login(rated.user("bob"))
        .get(reverse("skills:heatmap"))
        .context["heat"]
        .departments
    ]
    assert "Finance" in hr_paths and "Finance" not in bob_paths
