"""Who may see what, for the whole product: every role x every page, API operation and
export x every relation of the object to the viewer.

The organisation and its objects are in ``conftest.py`` (E, M, G, T, L, O, P, H, A).
The expectations are written out by hand from the organisation chart (``SEES``), not
taken from ``people.scope``: this matrix checks the scopes, it must not reuse them.

Complete by construction: ``test_every_url_and_api_operation_is_in_the_matrix`` walks
Django's URL resolver and the OpenAPI document and fails on anything that is neither in
``PAGES`` / ``API`` nor in ``EXEMPT`` (with the reason it is exempt).

Outcomes for an object the viewer may not see: 404 (or 403 where a role check comes first),
exactly as for an id that does not exist, and none of its data in the body.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access.conftest import OWNERS, PEOPLE

pytestmark = pytest.mark.django_db

# Roles: the personas who log in (L left last month: their account is ended).
ROLES = ("anonymous", "E", "M", "G", "H", "A", "O", "L")
EVERYONE = frozenset(PEOPLE)
# Whose employee-level data each role may see: own, line (leavers out the day after
# leaving), HR everything.
SEES: dict[str, frozenset[str]] = {
    "anonymous": frozenset(),
    "L": frozenset(),
    "E": frozenset({"E"}),
    "M": frozenset({"M", "E", "T"}),
    "G": frozenset({"G", "M", "E", "T"}),
    "H": EVERYONE,
    "A": EVERYONE,
    "O": frozenset({"O"}),
}
# One's own manager is named on one's pages (without a link).
# One's own managers are named on one's pages (a goal's or action's owner may be anyone
# up the line, so the plan's owner choice lists them); a mentee and mentor (E and O) see
# each other's name.
MAY_NAME = {
    role: seen | {"E": {"M", "G", "O"}, "M": {"G"}, "O": {"P", "E"}}.get(role, set())
    for role, seen in SEES.items()
}
HR = frozenset({"H", "A"})
MANAGERS = frozenset({"M", "G"})


# --- Who may see an object of each kind ---------------------------------------------


def line_rule(role: str, owner: str) -> bool:
    return owner in SEES[role]


def round_counts_rule(role: str, owner: str) -> bool:
    """A 360 round (who was invited, how many answered): its employee and HR."""
    return role == owner or role in HR


def checkin_sides_rule(role: str, owner: str) -> bool:
    """A check-in's calendar file: its two sides, the employee and their current manager
    (a leaver's check-ins drop out of the manager's calendar with the leaver)."""
    manager = PEOPLE[owner][4]
    return role == owner or (role == manager and owner != "L")


def pair_rule(role: str, owner: str) -> bool:
    """A mentoring pair (owner: the mentee E; O is the mentor): the two of them only. HR
    runs the programmes and the matching, but a pair's page is the pair's; nor does the
    mentee's manager see it: mentoring is outside the line."""
    return role in {owner, "O"}


def hr_rule(role: str, owner: str) -> bool:
    """HR's privacy work on a person (export for them, erase a leaver): HR only."""
    return role in HR


def external_rater_rule(role: str, owner: str) -> bool:
    """An external 360 rater waiting for approval: HR, or the requester's current manager
    (while the requester is in their line: a leaver's drops out); never the requester."""
    manager = PEOPLE[owner][4]
    return role in HR or (role == manager and owner != "L")


def own_rule(role: str, owner: str) -> bool:
    """One's own things (an API token): the owner only, not HR nor the manager."""
    return role == owner


def round_report_rule(role: str, owner: str) -> bool:
    """The answers: the employee only, unless shared (nothing is shared here)."""
    return role == owner


# --- Expected outcomes --------------------------------------------------------------

OK = "200"
LOGIN = "login"  # page: 302 to /login/; API: 401
HIDDEN = "hidden"  # 404, or 403; the same as for an id that does not exist
ANSWERED = "answered"  # below 500: the viewer may see it (and may still not act)
NOT_ALLOWED = "405"


@dataclass(frozen=True)
class Entry:
    kind: str | None  # the object kind whose id fills the path; None: no id
    method: str = "GET"
    visible: object = line_rule  # (role, owner) -> bool, for kinds
    roles_ok: frozenset[str] | None = None  # for no-id entries: roles that get 200
    query: str = ""
    ok: tuple[int, ...] = (200,)  # what a GET answers to a viewer who may see it


def page(kind=None, method="GET", visible=line_rule, roles_ok=None, query="", ok=(200,)):
    return Entry(kind, method, visible, roles_ok, query, ok)


# A redirect to the viewer's plan, or to the employee's current plan.
TO_PLAN = (200, 302)
# Seen, but only the employee's manager rates behaviour / closes a goal the STARRT way.
SEEN_NOT_FOR_YOU = (200, 403)
# A report exists once the round closed: 409 before that, for those who may read it.
REPORT = (200, 409)


ALL_IN = frozenset(ROLES) - {"anonymous", "L"}
HR_AND_MANAGERS = HR | MANAGERS

# Every page (URL name) and what it is checked with. POST entries are posted empty.
PAGES: dict[str, Entry] = {
    # People
    "web:home": page(roles_ok=ALL_IN),
    "web:employee_list": page(roles_ok=HR_AND_MANAGERS),
    "web:employee_detail": page("employee"),
    "web:import": page(roles_ok=HR),
    # Privacy (AVG): one's own data; HR's export, erasure and retention pages
    "web:privacy_mine": page(roles_ok=ALL_IN - {"A"}),  # A has no employee record
    "web:privacy_download": page(roles_ok=ALL_IN - {"A"}),  # export (ZIP)
    "web:privacy_hr": page(roles_ok=HR),
    "web:privacy_retention": page(roles_ok=HR),
    "web:privacy_employee": page("employee", visible=hr_rule),
    "web:privacy_export": page("employee", visible=hr_rule),  # export (ZIP)
    "web:privacy_erase": page("employee", "POST", visible=hr_rule),
    # My account (password, sessions, API tokens) and HR's API tokens
    "web:account": page(roles_ok=ALL_IN),
    "web:account_password": page(method="POST"),
    "web:account_sessions_end": page(method="POST"),
    "web:account_token_create": page(method="POST"),
    "web:account_token_revoke": page("token", "POST", visible=own_rule),
    "web:hr_tokens": page(roles_ok=HR),
    "web:hr_token_revoke": page("token", "POST", visible=hr_rule),
    # Skills and talent
    "skills:overview": page(roles_ok=HR_AND_MANAGERS),
    "skills:targets": page(roles_ok=HR_AND_MANAGERS),
    "skills:heatmap": page(roles_ok=HR_AND_MANAGERS),
    "skills:heatmap_csv": page(roles_ok=HR_AND_MANAGERS),  # export
    "skills:heatmap_xlsx": page(roles_ok=HR_AND_MANAGERS),  # export
    "skills:employee_talent": page("employee"),
    "skills:talent_profile_save": page("employee", "POST"),
    "skills:assessment_add": page("employee", "POST"),
    "skills:assessments_share": page("employee", "POST"),
    "skills:observation_add": page("employee", "POST"),
    "skills:install_starter": page(method="POST"),
    "skills:requirement_set": page(method="POST"),
    "skills:requirement_remove": page(method="POST"),
    "skills:profile_parent_set": page(method="POST"),
    "skills:target_create": page(method="POST"),
    "skills:target_delete": page(method="POST"),
    # Insights (KPIs for the line / organisation) and their exports
    "insights:page": page(roles_ok=HR_AND_MANAGERS),
    "insights:export_csv": page(roles_ok=HR_AND_MANAGERS),
    "insights:export_xlsx": page(roles_ok=HR_AND_MANAGERS),
    "insights:settings": page(method="POST"),
    # Development plans
    "plans:mine": page(roles_ok=ALL_IN, ok=TO_PLAN),
    "plans:team": page(roles_ok=MANAGERS),
    "plans:hr": page(roles_ok=HR),
    "plans:employee": page("employee", ok=TO_PLAN),
    "plans:plan_start": page("employee", "POST"),
    "plans:checkin_add": page("employee", "POST"),
    "plans:cadence_save": page(method="POST"),
    "plans:plan": page("plan"),
    "plans:plan_save": page("plan", "POST"),
    "plans:plan_cosign": page("plan", "POST"),
    "plans:plan_close": page("plan", "POST"),
    "plans:plan_next": page("plan", "POST"),
    "plans:goal_add": page("plan", "POST"),
    "plans:goal_close": page("goal", ok=SEEN_NOT_FOR_YOU),
    "plans:goal_seed": page("goal", "POST"),
    "plans:action_add": page("goal", "POST"),
    "plans:action_status": page("action", "POST"),
    "plans:checkin": page("checkin"),
    "plans:checkin_next_step": page("checkin", "POST"),
    "notifications:reminders": page(roles_ok=ALL_IN),
    "plans_extra:checkin_feed": page(roles_ok=ALL_IN),  # export (calendar)
    "plans_extra:checkin_ics": page("checkin", visible=checkin_sides_rule),  # export (calendar)
    "plans_extra:plan_print": page("plan"),  # export (print)
    # 360 feedback
    "feedback:mine": page(roles_ok=ALL_IN),
    "feedback:hr": page(roles_ok=HR),
    "feedback:settings": page(roles_ok=HR),
    "feedback:group_start": page(roles_ok=HR),
    "feedback:start": page(method="POST"),
    "feedback:round": page("round", visible=round_counts_rule),
    "feedback:open": page("round", "POST", visible=round_counts_rule),
    "feedback:invite": page("round", "POST", visible=round_counts_rule),
    "feedback:remind": page("round", "POST", visible=round_counts_rule),
    "feedback:close": page("round", "POST", visible=round_counts_rule),
    "feedback:share": page("round", "POST", visible=round_counts_rule),
    "feedback:report": page("round", visible=round_report_rule, ok=REPORT),
    "feedback:report_csv": page("round", visible=round_report_rule, ok=REPORT),  # export
    "feedback:report_xlsx": page("round", visible=round_report_rule, ok=REPORT),  # export
    "feedback:approvals": page(roles_ok=ALL_IN),  # one's own queue (empty for most)
    "feedback:rater_approve": page("rater", "POST", visible=external_rater_rule),
    "feedback:rater_refuse": page("rater", "POST", visible=external_rater_rule),
    # Learning
    "learning:catalogue": page(roles_ok=ALL_IN),
    "learning:mine": page(roles_ok=ALL_IN),
    "learning:offer_new": page(roles_ok=HR),
    "learning:queue": page(roles_ok=HR_AND_MANAGERS),
    "learning:budgets": page(roles_ok=HR_AND_MANAGERS),
    "learning:budget_save": page(method="POST"),
    "learning:export_xlsx": page(roles_ok=HR_AND_MANAGERS),  # export
    "learning:decide": page("enrolment", "POST"),
    "learning:complete": page("enrolment", "POST"),
    "learning:evaluate": page("enrolment", "POST"),
    "learning:cancel": page("enrolment", "POST"),
    "learning:behaviour": page("enrolment", ok=SEEN_NOT_FOR_YOU),
    # Coaching
    "coaching:list": page(roles_ok=ALL_IN),
    "coaching:new": page(roles_ok=ALL_IN),
    "coaching:detail": page("trajectory"),
    "coaching:decide": page("trajectory", "POST"),
    "coaching:session_add": page("trajectory", "POST"),
    "coaching:complete": page("trajectory", "POST"),
    "coaching:evaluate": page("trajectory", "POST"),
    "coaching:cancel": page("trajectory", "POST"),
    # Mentoring
    "mentoring:programmes": page(roles_ok=ALL_IN),
    "mentoring:mine": page(roles_ok=ALL_IN),
    "mentoring:programme_create": page(method="POST"),
    "mentoring:pair": page("pair", visible=pair_rule),
    "mentoring:confirm": page("pair", "POST", visible=pair_rule),
    "mentoring:meeting": page("pair", "POST", visible=pair_rule),
    "mentoring:goal_link": page("pair", "POST", visible=pair_rule),
    "mentoring:sharing": page("pair", "POST", visible=pair_rule),
    "mentoring:feedback": page("pair", "POST", visible=pair_rule),
    # Mobility
    "mobility:offers": page(roles_ok=ALL_IN),
    "mobility:mine": page(roles_ok=ALL_IN),
    "mobility:offer_create": page(roles_ok=HR_AND_MANAGERS),
    "mobility:consents": page(roles_ok=HR_AND_MANAGERS),
    "mobility:host_queue": page(roles_ok=HR_AND_MANAGERS),
    "mobility:consent": page("application", "POST"),
    "mobility:decide": page("application", "POST"),
    "mobility:withdraw": page("application", "POST"),
    "mobility:transfer_cancel": page("application", "POST"),
    "transparency:page": page(roles_ok=HR),
    "transparency:audit_log": page(roles_ok=HR),
    # Single sign-on: every page answers 404 while SSO is off, as here; with SSO on they
    # are for anyone (start, callback, failure page): accounts/tests/test_oidc_*.py.
    "oidc:login": page(roles_ok=frozenset()),
    "oidc:callback": page(roles_ok=frozenset()),
    "oidc:failed": page(roles_ok=frozenset()),
}

# Every API operation ("METHOD /path" as in the OpenAPI document).
API: dict[str, Entry] = {
    "GET /api/v1/employees": page(roles_ok=ALL_IN),
    "GET /api/v1/employees/{employee_number}": page("employee"),
    "GET /api/v1/employees/{employee_number}/gaps": page("employee"),
    "GET /api/v1/employees/{employee_number}/assessments": page("employee"),
    "POST /api/v1/employees/{employee_number}/assessments": page("employee", "POST"),
    "POST /api/v1/employees/{employee_number}/assessments/share": page("employee", "POST"),
    "GET /api/v1/employees/{employee_number}/talent-profile": page("employee"),
    "PUT /api/v1/employees/{employee_number}/talent-profile": page("employee", "PUT"),
    "GET /api/v1/employees/{employee_number}/potential": page("employee"),
    "POST /api/v1/employees/{employee_number}/potential": page("employee", "POST"),
    "GET /api/v1/kpis": page(roles_ok=HR_AND_MANAGERS, query="?start=2024-01-01&end=2024-12-31"),
    "GET /api/v1/skills/heatmap": page(roles_ok=HR_AND_MANAGERS),
    "GET /api/v1/skills/targets": page(roles_ok=HR_AND_MANAGERS),
    "GET /api/v1/plans": page(roles_ok=ALL_IN),
    "POST /api/v1/plans": page(method="POST"),
    "GET /api/v1/plans/{plan_id}": page("plan"),
    "PATCH /api/v1/plans/{plan_id}": page("plan", "PATCH"),
    "POST /api/v1/plans/{plan_id}/cosign": page("plan", "POST"),
    "POST /api/v1/plans/{plan_id}/close": page("plan", "POST"),
    "GET /api/v1/plans/{plan_id}/goals": page("plan"),
    "POST /api/v1/plans/{plan_id}/goals": page("plan", "POST"),
    "GET /api/v1/plans/goals/{goal_id}": page("goal"),
    "PATCH /api/v1/plans/goals/{goal_id}": page("goal", "PATCH"),
    "POST /api/v1/plans/goals/{goal_id}/close": page("goal", "POST"),
    "GET /api/v1/plans/goals/{goal_id}/actions": page("goal"),
    "POST /api/v1/plans/actions": page(method="POST"),
    "GET /api/v1/plans/actions/{action_id}": page("action"),
    "PATCH /api/v1/plans/actions/{action_id}": page("action", "PATCH"),
    "GET /api/v1/plans/checkins": page(roles_ok=ALL_IN),
    "POST /api/v1/plans/checkins": page(method="POST"),
    "GET /api/v1/plans/checkins/{checkin_id}": page("checkin"),
    "PUT /api/v1/plans/checkins/{checkin_id}": page("checkin", "PUT"),
    "POST /api/v1/plans/checkins/{checkin_id}/next-steps": page("checkin", "POST"),
    "GET /api/v1/feedback/rounds": page(roles_ok=ALL_IN),
    "POST /api/v1/feedback/rounds": page(method="POST"),
    "POST /api/v1/feedback/rounds/group": page(method="POST"),
    "GET /api/v1/feedback/rounds/{round_id}": page("round", visible=round_counts_rule),
    "GET /api/v1/feedback/rounds/{round_id}/report": page(
        "round", visible=round_report_rule, ok=REPORT
    ),
    "POST /api/v1/feedback/rounds/{round_id}/open": page(
        "round", "POST", visible=round_counts_rule
    ),
    "GET /api/v1/feedback/rounds/{round_id}/raters": page("round", visible=round_counts_rule),
    "GET /api/v1/feedback/rounds/{round_id}/colleagues": page(
        "round", visible=lambda role, owner: role == owner
    ),
    "POST /api/v1/feedback/rounds/{round_id}/raters": page(
        "round", "POST", visible=round_counts_rule
    ),
    "GET /api/v1/feedback/raters/pending": page(roles_ok=ALL_IN),
    "POST /api/v1/feedback/raters/{rater_id}/approve": page(
        "rater", "POST", visible=external_rater_rule
    ),
    "POST /api/v1/feedback/raters/{rater_id}/refuse": page(
        "rater", "POST", visible=external_rater_rule
    ),
    "GET /api/v1/feedback/settings": page(roles_ok=ALL_IN),
    "PUT /api/v1/feedback/settings": page(method="PUT"),
    "GET /api/v1/learning/offers": page(roles_ok=ALL_IN),
    "POST /api/v1/learning/offers": page(method="POST"),
    "GET /api/v1/learning/requests": page(roles_ok=ALL_IN),
    "POST /api/v1/learning/requests": page(method="POST"),
    "POST /api/v1/learning/requests/{enrolment_id}/approve": page("enrolment", "POST"),
    "POST /api/v1/learning/requests/{enrolment_id}/decline": page("enrolment", "POST"),
    "POST /api/v1/learning/requests/{enrolment_id}/complete": page("enrolment", "POST"),
    "POST /api/v1/learning/requests/{enrolment_id}/evaluations": page("enrolment", "POST"),
    "GET /api/v1/learning/budgets": page(roles_ok=HR_AND_MANAGERS),
    "GET /api/v1/learning/budgets/personal": page(roles_ok=HR_AND_MANAGERS),
    "GET /api/v1/coaching": page(roles_ok=ALL_IN),
    "POST /api/v1/coaching": page(method="POST"),
    "GET /api/v1/coaching/evaluation-summary": page(roles_ok=HR),
    "GET /api/v1/coaching/{trajectory_id}": page("trajectory"),
    "PUT /api/v1/coaching/{trajectory_id}": page("trajectory", "PUT"),
    "POST /api/v1/coaching/{trajectory_id}/approve": page("trajectory", "POST"),
    "POST /api/v1/coaching/{trajectory_id}/decline": page("trajectory", "POST"),
    "POST /api/v1/coaching/{trajectory_id}/sessions": page("trajectory", "POST"),
    "POST /api/v1/coaching/{trajectory_id}/complete": page("trajectory", "POST"),
    "POST /api/v1/coaching/{trajectory_id}/evaluations": page("trajectory", "POST"),
    "POST /api/v1/coaching/{trajectory_id}/cancel": page("trajectory", "POST"),
    "GET /api/v1/rotations/offers": page(roles_ok=ALL_IN),
    "POST /api/v1/rotations/offers": page(method="POST"),
    "GET /api/v1/rotations/applications": page(roles_ok=ALL_IN),
    "GET /api/v1/rotations/applications/{application_id}": page("application"),
    "POST /api/v1/rotations/applications/{application_id}/consent": page("application", "POST"),
    "POST /api/v1/rotations/applications/{application_id}/refuse": page("application", "POST"),
    "POST /api/v1/rotations/applications/{application_id}/choose": page("application", "POST"),
    "POST /api/v1/rotations/applications/{application_id}/reject": page("application", "POST"),
    "POST /api/v1/rotations/applications/{application_id}/withdraw": page("application", "POST"),
    "POST /api/v1/rotations/applications/{application_id}/cancel-transfer": page(
        "application", "POST"
    ),
    "GET /api/v1/mentoring/programmes": page(roles_ok=ALL_IN),
    "GET /api/v1/mentoring/pairs/{match_id}": page("pair", visible=pair_rule),
    "POST /api/v1/mentoring/pairs/{match_id}/confirm": page("pair", "POST", visible=pair_rule),
    "GET /api/v1/mentoring/pairs/{match_id}/meetings": page("pair", visible=pair_rule),
    "POST /api/v1/mentoring/pairs/{match_id}/meetings": page("pair", "POST", visible=pair_rule),
    "POST /api/v1/mentoring/pairs/{match_id}/goal": page("pair", "POST", visible=pair_rule),
    "POST /api/v1/mentoring/pairs/{match_id}/sharing": page("pair", "POST", visible=pair_rule),
    "POST /api/v1/mentoring/pairs/{match_id}/feedback": page("pair", "POST", visible=pair_rule),
    "POST /api/v1/mentoring/programmes": page(method="POST"),
    "GET /api/v1/mentoring/mine": page(roles_ok=ALL_IN),
    "GET /api/v1/privacy/export": page(roles_ok=ALL_IN - {"A"}),
    "GET /api/v1/privacy/export/{employee_number}": page("employee", visible=hr_rule),
    # Posted empty: a dry run (nothing is erased without "dry_run": false).
    "POST /api/v1/privacy/erase/{employee_number}": page("employee", "POST", visible=hr_rule),
    "GET /api/v1/privacy/retention": page(roles_ok=HR),
    "GET /api/v1/competencies": page(roles_ok=ALL_IN),
    "GET /api/v1/esco": page(roles_ok=ALL_IN),
    "GET /api/v1/privacy/transparency": page(roles_ok=HR),
    "GET /api/v1/privacy/audit": page(roles_ok=HR),
    "GET /api/v1/account/tokens": page(roles_ok=ALL_IN),
    "POST /api/v1/account/tokens": page(method="POST"),
    "DELETE /api/v1/account/tokens/{token_id}": page("token", "DELETE", visible=own_rule),
    "GET /api/v1/account/sessions": page(roles_ok=ALL_IN),
    "DELETE /api/v1/account/sessions": page(method="DELETE"),
    "GET /api/v1/tokens": page(roles_ok=HR),
    "DELETE /api/v1/tokens/{token_id}": page("token", "DELETE", visible=hr_rule),
}

# Deliberately not in the matrix, each with its reason.
EXEMPT: dict[str, str] = {
    # No data behind them.
    "web:login": "the login form; anonymous by design",
    "web:logout": "POST only; ends one's own session",
    "web:password_reset*": "password reset by mail: anonymous by design (no account data; "
    "web/tests/test_password_reset.py)",
    "set_language": "stores the language choice in a cookie",
    "api:api-root": "nothing lives at the API root",
    "api:openapi-json": "the API's public description (no data)",
    "api:openapi-view": "the API's public documentation page (no data)",
    "admin:*": "Django's admin guards itself (HR and admin only); "
    "web/tests/test_url_walk.py walks it for every role",
    # The rater's personal link: no account; the token is the key.
    "feedback:rater": "the rater's token link (feedback/tests test links per rater)",
    # Reference data and catalogue objects, the same for everyone signed in: no
    # relation to the viewer (walked for every role by web/tests/test_url_walk.py).
    "learning:offer": "a catalogue offer: the same for everyone signed in",
    "learning:offer_edit": "HR edits catalogue offers",
    "learning:session_add": "HR adds sessions to catalogue offers",
    "learning:request": "anyone may request an active offer (for themself)",
    "learning:competency_link": "HR links offers to competencies",
    "mobility:offer": "open offers are visible to everyone (hosts also see closed ones)",
    "mobility:apply": "anyone may apply to an open offer (for themself)",
    "mobility:close": "the host or HR closes an offer",
    "GET /api/v1/learning/offers/{offer_id}": "a catalogue offer",
    "GET /api/v1/rotations/offers/{rotation_id}": "an open offer",
    "POST /api/v1/rotations/offers/{rotation_id}/close": "the host or HR closes an offer",
    "POST /api/v1/rotations/offers/{rotation_id}/applications": "apply for oneself",
    "POST /api/v1/competencies/{competency_id}/esco": "HR links reference data",
    "notifications:reminder_dismiss": "one's own reminders only (notifications/tests)",
    "notifications_mail:*": "the demo mailbox under /admin/mail/: HR and admin only, "
    "guarded like the admin (notifications/tests)",
    # Mentoring programmes and pairs: a pair exists only after the solver matched a
    # programme; mentoring/tests/test_access.py and test_api.py cover who sees a pair.
    "mentoring:programme": "mentoring programmes (mentoring/tests)",
    "mentoring:join": "mentoring programmes (mentoring/tests)",
    "mentoring:match": "mentoring programmes (mentoring/tests)",
    "mentoring:rule": "mentoring programmes (mentoring/tests)",
    "mentoring:rule_remove": "mentoring programmes (mentoring/tests)",
    "mentoring:programme_close": "mentoring programmes (mentoring/tests)",
    "/api/v1/mentoring/programmes/{programme_id}*": "mentoring programmes (mentoring/tests)",
}


# --- Enumerating what exists ----------------------------------------------------------


def url_names(patterns=None, namespace: str = "", prefix: str = "") -> list[tuple[str, str]]:
    """(key, route) for every URL pattern, recursively; key is namespace:name."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        text = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace or "") if n)
            found += url_names(entry.url_patterns, inner, text)
        elif isinstance(entry, URLPattern):
            name = entry.name or text
            found.append((f"{namespace}:{name}" if namespace else name, "/" + text))
    return found


def api_operations() -> list[tuple[str, str, str]]:
    """(METHOD, path, key) for every operation of the OpenAPI document."""
    document = json.loads(Client().get("/api/v1/openapi.json").content)
    return [
        (method.upper(), path, f"{method.upper()} {path}")
        for path, operations in document["paths"].items()
        for method in operations
    ]


def exempt(key: str) -> bool:
    from fnmatch import fnmatch

    path = key.split(" ", 1)[-1]
    return any(fnmatch(key, pattern) or fnmatch(path, pattern) for pattern in EXEMPT)


def test_every_url_and_api_operation_is_in_the_matrix(db):
    pages = [key for key, _route in url_names() if not key.startswith("api:")]
    missing = [key for key in pages if key not in PAGES and not exempt(key)]
    missing += [key for _m, _p, key in api_operations() if key not in API and not exempt(key)]
    assert not missing, (
        "add these to PAGES / API in tests/access/test_matrix.py (or to EXEMPT with a "
        f"reason): {missing}"
    )


def test_the_matrix_lists_nothing_that_no_longer_exists(db):
    pages = {key for key, _route in url_names()}
    operations = {key for _m, _p, key in api_operations()}
    assert not set(PAGES) - pages
    assert not set(API) - operations


def test_every_api_url_name_is_an_operation_of_the_openapi_document(db):
    """The API's URL names and the OpenAPI operations are the same set of endpoints."""
    paths = {re.sub(r"\{(\w+)\}", r"<\1>", path) for _m, path, _k in api_operations()}
    routes = {route for key, route in url_names() if key.startswith("api:")}
    assert routes - paths <= {"/api/v1/openapi.json", "/api/v1/docs", "/api/v1/"}


# --- Running the matrix -------------------------------------------------------------


def _route_of(key: str) -> str:
    if key.startswith(("GET ", "POST ", "PUT ", "PATCH ", "DELETE ")):
        return re.sub(r"\{(\w+)\}", r"<\1>", key.split(" ", 1)[1])
    return dict(url_names())[key]


def _fill(route: str, value: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", value, route, count=1)


def _client(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _send(client: Client, method: str, url: str, *, api: bool):
    if method == "GET":
        return client.get(url)
    if api:
        return client.generic(method, url, "{}", content_type="application/json")
    return client.post(url, {})


def _hidden_markers(role: str) -> list[str]:
    markers = [f"geheim-{owner}" for owner in OWNERS if owner not in SEES[role]]
    markers += [PEOPLE[key][2] for key in PEOPLE if key not in MAY_NAME[role]]
    return markers


def _text_of(response) -> str:
    """The body as text; a spreadsheet export (a zip) is read as its XML parts."""
    content = response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(
                archive.read(name).decode(errors="replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    return content.decode(errors="replace")


def _is_login(response, api: bool) -> bool:
    if api:
        return response.status_code == 401
    return response.status_code == 302 and response["Location"].startswith("/login/")


# Bugs this matrix found, for their owners to fix: (role, key) -> what is wrong. The case
# is expected to fail (strict: once fixed, the XPASS says to remove the entry here).
# Leaks the matrix found and that are not fixed yet: (role, key) -> reason. A fixed one
# turns into an XPASS, which fails: then delete its line here.
KNOWN_BUGS: dict[tuple[str, str], str] = {}

CASES = [(key, entry, False) for key, entry in PAGES.items()] + [
    (key, entry, True) for key, entry in API.items()
]
PARAMS = [
    pytest.param(
        role,
        key,
        entry,
        api,
        id=f"{key}-{role}",
        marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[(role, key)])]
        if (role, key) in KNOWN_BUGS
        else [],
    )
    for key, entry, api in CASES
    for role in ROLES
]


@pytest.mark.parametrize(("role", "key", "entry", "api"), PARAMS)
def test_matrix(world, db, role, key, entry, api):
    route = _route_of(key)
    client = _client(world, role)
    failures = []
    hidden = _hidden_markers(role)

    def look(url: str, expected: str, owner: str | None = None) -> None:
        response = _send(client, entry.method, url + entry.query, api=api)
        status = response.status_code
        where = (
            f"{role} {entry.method} {url} ({key}, owner {owner}): expected {expected}, got {status}"
        )
        if status >= 500:
            failures.append(where)
            return
        if role in ("anonymous", "L"):
            if not _is_login(response, api) and status not in (403, 404, 405):
                failures.append(where)
        elif (
            (expected == OK and status not in entry.ok)
            or (expected == OK and status == 302 and response["Location"].startswith("/login/"))
            or (expected == HIDDEN and status not in (403, 404, 422 if api else 404))
        ):
            failures.append(where)
        # ANSWERED: anything below 500. A form posted empty may name no object (404),
        # the viewer may see but not act (403), or the body is incomplete (400/422).
        body = _text_of(response)
        leaked = [marker for marker in hidden if marker in body]
        if leaked:
            failures.append(f"{where}: shows {leaked}")

    if entry.kind is None:
        if entry.method == "GET":
            expected = (
                OK if role in (ALL_IN if entry.roles_ok is None else entry.roles_ok) else HIDDEN
            )
        else:
            expected = ANSWERED
        look(route, expected)
    else:
        missing = _fill(route, "999999" if entry.kind != "employee" else "9999")
        answer_for_missing = _send(client, entry.method, missing, api=api).status_code
        owners = OWNERS if entry.kind == "employee" else tuple(world.objects[entry.kind])
        for owner in owners:
            url = _fill(route, world.id_of(entry.kind, owner))
            if entry.visible(role, owner):
                look(url, OK if entry.method == "GET" else ANSWERED, owner)
            else:
                look(url, HIDDEN, owner)
                status = _send(client, entry.method, url, api=api).status_code
                if role not in ("anonymous", "L") and status != answer_for_missing:
                    failures.append(
                        f"{role} {entry.method} {url} ({key}, owner {owner}): answers "
                        f"{status}, an unknown id {answer_for_missing}: existence shows"
                    )
    assert not failures, "\n".join(failures)
