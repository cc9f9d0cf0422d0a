"""The subject-access export (art. 15): a ZIP with readable HTML and JSON, with the
person's data and no rater's identity, nor anybody else's personal data."""

from __future__ import annotations

import io
import json
import zipfile
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from groeipad.people.tests.privacy_world import FOREIGN, RATER_EMAILS, RATER_TEXTS, build_subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def subject(personas):
    with translation.override("en"):
        yield build_subject(personas)


class _Parsed(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.sections: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag not in {"br", "meta"}:
            self.stack.append(tag)
        if tag == "section":
            self.sections.append(values.get("id", ""))
        if tag in {"link", "script", "img"} or (values.get("src") or "").startswith("http"):
            self.external.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> after {self.stack}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _open(content: bytes) -> tuple[dict, str, _Parsed]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["data.json", "index.html"]
        data = json.loads(archive.read("data.json"))
        html = archive.read("index.html").decode()
    parsed = _Parsed()
    parsed.feed(html)
    parsed.close()
    assert parsed.stack == [], parsed.stack
    return data, html, parsed


def test_own_export_has_the_data_and_no_rater_identity(subject, personas):
    from groeipad.people.rights import subject_access_export
    from groeipad.privacy.models import AuditEvent
    from groeipad.privacy.registry import categories

    with translation.override("en"):
        content = subject_access_export(subject.user, subject.employee)
    data, html, parsed = _open(content)

    # Every category, in the JSON and as a section of the readable document.
    keys = [c.key for c in categories()]
    assert sorted(data["categories"]) == sorted(keys)
    assert parsed.sections == list(data["categories"])
    assert parsed.sections[0] == "employee_record"
    assert parsed.external == []  # self-contained: no external CSS, JS or images
    records = {key: value["records"] for key, value in data["categories"].items()}

    assert records["employee_record"][0]["employee_number"] == "1003"
    assert records["employee_record"][0]["manager"] == "Alice Jansen"  # she sees it
    assert [p["goals"][0]["goal"] for p in records["plans"]] == ["Leren delegeren"]
    assert records["plans"][0]["goals"][0]["actions"][0]["action"] == "Cursus delegeren volgen"
    assert records["checkins"][0]["my_private_notes"] == "Mijn eigen twijfel"
    # Self and the shared manager's rating; not the manager's draft.
    assert sorted(a["level"] for a in records["assessments"]) == [3, 4]
    assert records["talent_profile"][0]["strengths"] == "Structuur"
    assert records["learning_activities"][0]["title"] == "Delegeren voor planners"
    assert records["learning_requests"][0]["evaluations"][0]["comment"] == "Nuttig"
    assert records["mentoring"][0]["pairs"][0]["mentor"] == "Mila Mentor"
    # Anonymous answers are nobody's: the export says only that they were given.
    assert records["mentoring"][0]["pairs"][0]["end_feedback_given"] is True
    assert "Veel zelfvertrouwen" not in json.dumps(records) and "Saai" not in json.dumps(records)
    assert records["coaching"][0]["coaching_goal"] == "Grenzen stellen"
    assert records["rotation_applications"][0]["motivation"] == "Nieuwsgierig"
    assert len(records["reminders"]) == 1 and len(records["outgoing_emails"]) == 1
    assert records["survey_answers"] == []

    # The 360 round only as its released report: the peers' average and open answers.
    (round_,) = records["feedback_rounds"]
    report = round_["report"]
    (row,) = report["competencies"]
    assert row["self"] == 3
    assert row["average_peer"] == "4.00"  # (3 + 4 + 5) / 3, computed here
    assert sorted(report["open_answers"][0]["answers"]) == sorted(RATER_TEXTS)
    # Her invitation to rate Dave: that she was invited and answered, nothing about whom.
    assert records["feedback_invitations"] == [
        {"invited_at": records["feedback_invitations"][0]["invited_at"], "answered": True}
    ]

    text = json.dumps(data, ensure_ascii=False) + html
    for foreign in FOREIGN:
        assert foreign not in text, foreign
    for email in RATER_EMAILS:
        assert email not in text
    # No answer is linked to anyone: the report has no rater, id or order key.
    assert "rater" not in json.dumps(report)
    assert "Delegeren voor planners" in "".join(parsed.text)
    assert AuditEvent.objects.filter(action="export", object_type="employee").count() == 1


def test_hr_export_leaves_the_360_report_out(subject, personas):
    from groeipad.people.rights import subject_access_export

    content = subject_access_export(personas.user("hanna"), subject.employee)
    data, _html, _parsed = _open(content)
    (round_,) = data["categories"]["feedback_rounds"]["records"]
    assert "report" not in round_
    for text in RATER_TEXTS:
        assert text not in json.dumps(data, ensure_ascii=False)
    assert data["made_by"] == "hr"


def test_a_raters_export_says_nothing_of_the_rounds_they_rated(subject, personas):
    from groeipad.people.rights import subject_access_export

    data, html, _parsed = _open(subject_access_export(personas.user("dave"), personas.dave))
    text = json.dumps(data, ensure_ascii=False) + html
    assert data["categories"]["feedback_invitations"]["records"][0]["answered"] is True
    for foreign in ("Carol", "Bakker", "carol@example.nl", "Sterk in overzicht"):
        assert foreign not in text


def test_manager_and_outsider_are_refused(subject, personas):
    from groeipad.people.rights import subject_access_export

    for who in ("alice", "bob", "dave"):
        with pytest.raises(PermissionDenied):
            subject_access_export(personas.user(who), subject.employee)


def test_pages_and_api_own_hr_manager_outsider(subject, personas, client):
    from groeipad.privacy.models import AuditEvent

    def get(user, url):
        client.force_login(user)
        return client.get(url)

    own = get(subject.user, "/api/v1/privacy/export")
    assert own.status_code == 200 and own["Content-Type"] == "application/zip"
    _open(own.content)
    assert get(subject.user, "/privacy/mijn-gegevens/").status_code == 200
    page = get(subject.user, "/privacy/mijn-gegevens/download/")
    assert page.status_code == 200 and _open(page.content)[0]["made_by"] == "self"
    # HR, for a person; the manager and an outsider are refused, the same for an unknown
    # number (nothing says whether it exists).
    assert get(personas.user("hanna"), "/api/v1/privacy/export/1003").status_code == 200
    assert get(personas.user("hanna"), "/privacy/medewerkers/1003/export/").status_code == 200
    assert get(personas.user("hanna"), "/api/v1/privacy/export/9999").status_code == 404
    for who in ("alice", "dave"):
        for url in (
            "/api/v1/privacy/export/1003",
            "/api/v1/privacy/export/9999",
            "/privacy/medewerkers/1003/export/",
            "/privacy/medewerkers/1003/",
            "/privacy/",
        ):
            assert get(personas.user(who), url).status_code == 403, (who, url)
    # An account without an employee record has no data of its own here.
    assert get(personas.admin.user, "/api/v1/privacy/export").status_code == 404
    assert AuditEvent.objects.filter(action="export").count() == 4


def test_hr_finds_a_person_by_number_or_name_not_from_a_list_of_everyone(subject, personas, client):
    client.force_login(personas.user("hanna"))
    empty = client.get("/privacy/")
    assert empty.status_code == 200 and "1003" not in empty.content.decode()
    found = client.get("/privacy/", {"q": "Bakker"}).content.decode()
    assert "/privacy/medewerkers/1003/" in found and "/privacy/medewerkers/1001/" not in found


def test_command_writes_the_zip(subject, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    target = tmp_path / "carol.zip"
    call_command("privacy", "export", "1003", "-o", str(target))
    data, _html, _parsed = _open(target.read_bytes())
    assert data["employee_number"] == "1003"
    with pytest.raises(CommandError, match="No employee with number '4242'"):
        call_command("privacy", "export", "4242", "-o", str(tmp_path / "x.zip"))


def test_every_field_of_the_export_has_a_readable_heading(subject):
    from groeipad.people.rights import subject_access_export
    from groeipad.people.rights.labels import FIELD_LABELS, GROUP_LABELS

    data, html, _parsed = _open(subject_access_export(subject.user, subject.employee))
    keys: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            keys.update(value)
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for category in data["categories"].values():
        walk(category["records"])
    unlabelled = {
        key
        for key in keys
        if key not in FIELD_LABELS
        and not (key.startswith("average_") and key.removeprefix("average_") in GROUP_LABELS)
    }
    assert not unlabelled
    assert "Average: peers" in html and "Co-signed at" in html
