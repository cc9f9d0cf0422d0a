"""The transparency page and the audit log: what is processed, who sees it (from the
scopes), thresholds, retention, and the log with filters, one page at a time."""

from __future__ import annotations

import datetime as dt
import inspect
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext_lazy

from groeipad.people import scope, transparency
from groeipad.privacy import registry
from groeipad.privacy.models import AuditAction, AuditEvent, ObjectType
from groeipad.privacy.services import audit_record

PAGE = "/privacy/transparantie/"
LOG = "/privacy/auditlog/"
API = "/api/v1/privacy/transparency"
API_LOG = "/api/v1/privacy/audit"


@pytest.fixture
def category(monkeypatch):
    """A kind of data registered for this test only (the apps register their own)."""
    registered = registry.DataCategory(
        key="test_notes",
        app="zz_test",
        label=gettext_lazy("test notes"),
        purpose=gettext_lazy("proving the transparency page"),
        legal_basis=gettext_lazy("legitimate interest"),
        retention="development",
        seen_by=("own", "line", "hr"),
        export=lambda employee: [],
        erase=lambda employee, dry_run: 0,
    )
    registry.categories()  # discover the apps' own first, so the test's stays last
    monkeypatch.setitem(registry._REGISTRY, registered.key, registered)
    return registered


@pytest.fixture
def hr(login, personas):
    return login(personas.user("hanna"))


# --- Who sees what comes from the scopes -------------------------------------------------


def _scopes_named_in_scope_module() -> set[str]:
    """The scopes people.scope's own docstring lists (``name(...)``)."""
    return set(re.findall(r"``(\w+)\(", scope.__doc__ or ""))


def test_every_audience_is_decided_by_a_function_of_people_scope():
    for audience in transparency.AUDIENCES.values():
        assert getattr(scope, audience.decided_by.__name__) is audience.decided_by
        assert audience.definition, f"{audience.scope_name} has no docstring"
        first_paragraph = inspect.getdoc(audience.decided_by).split("\n\n")[0]
        assert audience.definition == " ".join(first_paragraph.split()).replace("``", "")


def test_the_scopes_people_scope_lists_are_audiences_or_deliberately_not():
    # visible_employees is the union of own, line and organisation (listed themselves).
    named = {a.decided_by.__name__ for a in transparency.AUDIENCES.values()}
    assert _scopes_named_in_scope_module() - named == {"visible_employees"}


def test_every_registered_category_names_known_audiences():
    unknown = {
        category.key: [n for n in category.seen_by if n not in transparency.AUDIENCES]
        for category in registry.categories()
    }
    assert not {key: names for key, names in unknown.items() if names}


def test_a_category_naming_an_unknown_audience_is_shown_as_unknown(hr, category, monkeypatch):
    odd = registry.DataCategory(**{**category.__dict__, "key": "odd", "seen_by": ("nobody",)})
    monkeypatch.setitem(registry._REGISTRY, "odd", odd)
    [row] = [r for r in transparency.category_rows() if r.key == "odd"]
    assert (row.audiences, row.unknown_audiences) == ([], ["nobody"])
    row = unescape(hr.get(PAGE).content.decode()).split('data-category="odd"')[1]
    assert '"nobody"' in row.split("</tr>")[0]


# --- The page and its API ---------------------------------------------------------------


def test_the_page_shows_the_category_its_audiences_thresholds_and_retention(hr, category, settings):
    settings.GROEIPAD_RETENTION_DAYS = {"development": 400, "employment": 2555, "audit": 2555}
    settings.GROEIPAD_ANONYMITY_K = {"feedback": 4, "survey": 2}
    page = hr.get(PAGE).content.decode()
    html = unescape(page)
    row = html.split('data-category="test_notes"')[1].split("</tr>")[0]
    for text in ("test notes", "proving the transparency page", "legitimate interest", ">400 "):
        assert text in row
    for name in ("own", "line", "hr"):
        assert f'href="#audience-{name}"' in row
    assert scope.line.__doc__.split(".")[0].strip() in html  # the scope's own words
    assert "people.scope.organisation" in html
    feedback = html.split('data-instrument="feedback"')[1].split("</tr>")[0]
    survey = html.split('data-instrument="survey"')[1].split("</tr>")[0]
    assert ">4<" in feedback
    assert ">3<" in survey  # configured 2, never below 3
    assert ">400<" in html.split('data-rule="development"')[1].split("</tr>")[0]


def test_the_api_gives_the_same_as_the_page(hr, category, settings):
    settings.GROEIPAD_ANONYMITY_K = {"feedback": 4}
    body = hr.get(API).json()
    [row] = [c for c in body["categories"] if c["key"] == "test_notes"]
    assert row["seen_by"] == ["own", "line", "hr"]
    assert row["retention_days"] == registry.retention_days("development")
    audiences = {a["name"]: a for a in body["audiences"]}
    assert audiences["hr"]["scope"] == "people.scope.organisation"
    assert audiences["line"]["definition"] == transparency.AUDIENCES["line"].definition
    assert {t["instrument"]: t["k"] for t in body["thresholds"]}["feedback"] == 4
    assert {r["key"] for r in body["retention"]} == {"development", "employment", "audit"}


@pytest.mark.parametrize("who", ["alice", "bob", "dave"])
@pytest.mark.parametrize("url", [PAGE, LOG, API, API_LOG])
def test_employees_and_managers_are_refused(login, personas, who, url):
    assert login(personas.user(who)).get(url).status_code == 403


def test_an_administrator_sees_it(login, personas):
    client = login(personas.admin.user)
    assert [client.get(url).status_code for url in (PAGE, LOG, API, API_LOG)] == [200] * 4


# --- The audit log with filters ---------------------------------------------------------


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _entry(at, action=AuditAction.UPDATE, object_type=ObjectType.GOAL, actor="a@x.nl", **kw):
    return AuditEvent.objects.create(
        at=at,
        actor_label=actor,
        action=action,
        object_type=object_type,
        object_id=kw.pop("object_id", "1"),
        summary=kw.pop("summary", "s"),
        changes=kw.pop("changes", {}),
    )


@pytest.fixture
def log(db):
    day = dt.date(2025, 3, 10)
    return {
        "old": _entry(_at(day - dt.timedelta(days=30)), summary="old"),
        "read": _entry(
            _at(day),
            AuditAction.READ,
            ObjectType.DEVELOPMENT_PLAN,
            "bob@example.nl",
            changes={"employee_id": 1, "employee_number": "1003"},
            summary="read",
        ),
        "late": _entry(_at(day, 23), AuditAction.EXPORT, ObjectType.KPIS, summary="late"),
        "next": _entry(_at(day + dt.timedelta(days=1), 0), summary="next day"),
        "employee": _entry(
            _at(day), AuditAction.UPDATE, ObjectType.EMPLOYEE, object_id="1003", summary="emp"
        ),
    }


def _summaries(client, **params) -> list[str]:
    body = client.get(API_LOG, params).json()
    return [e["summary"] for e in body["entries"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["next day", "late", "emp", "read", "old"]),
        ({"since": "2025-03-10", "until": "2025-03-10"}, ["late", "emp", "read"]),
        ({"since": "2025-03-11"}, ["next day"]),
        ({"until": "2025-03-09"}, ["old"]),
        ({"action": "read"}, ["read"]),
        ({"object_type": "kpis"}, ["late"]),
        ({"actor": "BOB@example.nl"}, ["read"]),
        ({"employee": "1003"}, ["emp", "read"]),
        ({"employee": "1003", "action": "read"}, ["read"]),
        ({"employee": "9999"}, []),
    ],
)
def test_the_log_filters_newest_first(hr, personas, log, params, expected):
    summaries = [s for s in _summaries(hr, **params) if s in {e.summary for e in log.values()}]
    assert summaries == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "2025-13-45"}, "since"),
        ({"since": "2025-03-11", "until": "2025-03-10"}, "until"),
        ({"action": "rewrite"}, "action"),
        ({"object_type": "nonsense"}, "object_type"),
        ({"page": "0"}, "page"),
    ],
)
def test_a_bad_filter_says_which_and_shows_nothing(hr, log, params, field):
    api = hr.get(API_LOG, params)
    assert api.status_code == 422
    assert api.json()["detail"].startswith(f"{field}:")
    page = hr.get(LOG, params)
    assert page.status_code == 400
    assert 'id="audit-log"' not in page.content.decode()


def test_the_page_shows_the_filtered_entries(hr, log):
    table = hr.get(LOG, {"action": "read"}).content.decode().split('id="audit-log"')[1]
    assert table.count("<tr>") == 2  # the head and the one read
    assert "bob@example.nl" in table and ">read</td>" in table
    assert ">late</td>" not in table


def _many(n: int) -> None:
    start = _at(dt.date(2024, 1, 1))
    AuditEvent.objects.bulk_create(
        AuditEvent(
            at=start + dt.timedelta(minutes=i),
            actor_label="bulk@x.nl",
            action=AuditAction.UPDATE,
            object_type=ObjectType.GOAL,
            object_id=str(i),
            summary=f"bulk {i}",
        )
        for i in range(n)
    )


def test_the_log_is_paged_newest_first_and_never_whole(hr, db):
    _many(120)
    first = hr.get(API_LOG, {"actor": "bulk@x.nl"}).json()
    assert (len(first["entries"]), first["has_next"], first["page"]) == (50, True, 1)
    assert first["entries"][0]["summary"] == "bulk 119"
    last = hr.get(API_LOG, {"actor": "bulk@x.nl", "page": 3}).json()
    assert [e["summary"] for e in last["entries"]] == [f"bulk {i}" for i in range(19, -1, -1)]
    assert last["has_next"] is False
    html = hr.get(LOG, {"actor": "bulk@x.nl", "page": 2}).content.decode()
    assert html.count("bulk@x.nl</td>") == 50
    assert 'rel="prev"' in html and 'rel="next"' in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_log_page_runs_a_fixed_number_of_queries(hr, db):
    _many(5)
    few = _queries(hr, LOG), _queries(hr, API_LOG)
    _many(500)
    assert (_queries(hr, LOG), _queries(hr, API_LOG)) == few


def test_reads_recorded_by_the_funnels_show_in_the_log(hr, personas):
    audit_record(
        actor=personas.user("bob"),
        action=AuditAction.READ,
        object_type=ObjectType.FEEDBACK_REPORT,
        object_id=7,
        summary="Read",
        changes={"employee_number": "1002"},
    )
    [entry] = hr.get(API_LOG, {"employee": "1002", "action": "read"}).json()["entries"]
    assert (entry["actor"], entry["object_type"], entry["object_id"]) == (
        "bob@example.nl",
        "feedback_report",
        "7",
    )


def test_the_privacy_role_reads_the_page_and_the_log_and_nothing_about_people(login, personas):
    from groeipad.people.models import Role, User

    officer = User.objects.create_user("fg@example.nl", "x", role=Role.PRIVACY)
    client = login(officer)
    assert [client.get(url).status_code for url in (PAGE, LOG, API, API_LOG)] == [200] * 4
    assert 'href="/privacy/transparantie/"' in client.get("/").content.decode()
    for url in ("/medewerkers/", "/medewerkers/1002/", "/competenties/medewerkers/1002/"):
        assert client.get(url).status_code in (403, 404)
    assert client.get("/api/v1/employees").json()["items"] == []
    assert client.get("/admin/privacy/auditevent/").status_code == 302


def test_the_privacy_link_is_only_in_the_menu_of_those_who_may(login, personas):
    assert (
        'href="/privacy/transparantie/"' in login(personas.user("hanna")).get("/").content.decode()
    )
    assert (
        'href="/privacy/transparantie/"'
        not in login(personas.user("bob")).get("/").content.decode()
    )
