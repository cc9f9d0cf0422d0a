"""Every URL of the site, for every role: who gets the page, who is turned away.

The walker enumerates the URL patterns from Django's resolver, so a new page or
endpoint cannot slip in unchecked: ``test_every_url_has_an_expectation`` fails until
its expectation is added to ``EXPECTATIONS`` below.

Who may see whom is written out by hand from the personas' organisation chart, not
taken from ``visible_employees``: the walker checks that rule, it must not reuse it.
On top of the status code, no response a role gets (page, 403, 404 or JSON) may
contain the name of a person that role may not see.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# "privacy": the privacy officer or works council (role privacy, no employee record).
ROLES = ["anonymous", "carol", "alice", "bob", "dave", "hanna", "admin", "privacy"]

NAMES = {
    "1001": "Bob de Vries",
    "1002": "Alice Jansen",
    "1003": "Carol Bakker",
    "1004": "Dave Visser",
    "1005": "Hanna Smit",
}
EVERYONE = frozenset(NAMES)
# Employee: themself. Manager: themself and their whole line. HR and admin: everyone.
MAY_SEE = {
    "anonymous": frozenset(),
    "carol": frozenset({"1003"}),
    "alice": frozenset({"1002", "1003"}),
    "bob": frozenset({"1001", "1002", "1003"}),
    "dave": frozenset({"1004"}),
    "hanna": EVERYONE,
    "admin": EVERYONE,
    "privacy": frozenset(),
}
# A person's own manager is named on their pages (without a link) though not visible.
MAY_NAME = {
    role: seen | {"carol": {"1002"}, "alice": {"1001"}}.get(role, set())
    for role, seen in MAY_SEE.items()
}
HR_ROLES = {"hanna", "admin"}
MANAGERS = {"alice", "bob"}
STAFF = HR_ROLES  # may enter Django's admin (role hr or admin)

# Outcomes.
OK = "ok"  # 200
LOGIN = "login"  # 302 to the login page
API_LOGIN = "api-login"  # 401
DENIED = "denied"  # 403 or 404
REDIRECT = "redirect"  # 302 elsewhere (login page for someone logged in, set_language)
NOT_ALLOWED = "405"  # the URL takes only POST
ADMIN_LOGIN = "admin-login"  # 302 to the admin's own login page
NO_ERROR = "no-error"  # anything below 500 (admin pages for staff: their own permissions)
OUTCOMES = {OK, LOGIN, API_LOGIN, DENIED, REDIRECT, NOT_ALLOWED, ADMIN_LOGIN, NO_ERROR}

# Path parameters: each employee URL is walked for every persona and one unknown number.
PARAMS = {
    "employee_number": [*NAMES, "9999"],
    "competency_id": ["1"],
    "object_id": ["1"],
    "content_type_id": ["1"],
    "app_label": ["auth"],
    "url": ["nothing-here"],
    "goal_id": ["1"],  # no goals or actions among the personas: 404 for everyone
    "action_id": ["1"],
    # The personas have no plans, check-ins or reminders: these ids answer 404 to all.
    # Who sees an existing one is tested in plans/tests (test_print, test_ics, ...).
    "plan_id": ["1"],
    "checkin_id": ["1"],
    "reminder_id": ["1"],
    # No learning offers or requests among the personas: 404 to all (tested in learning/tests).
    "offer_id": ["1"],
    "enrolment_id": ["1"],
    "round_id": ["1"],  # the personas have no 360 rounds: 404 for everyone
    "rater_id": ["1"],  # nor 360 raters
    "token": ["not-a-token"],  # a rater link that does not exist: 404, no login needed
    # The personas have no mentoring programmes or pairs: 404 to all (mentoring/tests).
    "programme_id": ["1"],
    "match_id": ["1"],
    # No coaching trajectories among the personas: 404 to all (coaching/tests).
    "trajectory_id": ["1"],
    # The personas have no rotations or applications: 404 to all (mobility/tests).
    "rotation_id": ["1"],
    "application_id": ["1"],
    "rule_id": ["1"],
    "token_id": ["1"],  # no API tokens among the personas: 404 (tested in api/tests)
    "uidb64": ["MQ"],  # a password reset link with a wrong token: the "no longer works" page
    "name": ["nothing-here.eml"],  # a caught demo mail that does not exist (staff: 404)
}


@dataclass(frozen=True)
class Visit:
    role: str
    params: dict


Rule = Callable[[Visit], str]


def anyone(outcome: str) -> Rule:
    return lambda visit: outcome


def logged_in(outcome_for: Callable[[str], str], *, api: bool = False) -> Rule:
    def rule(visit: Visit) -> str:
        if visit.role == "anonymous":
            return API_LOGIN if api else LOGIN
        return outcome_for(visit.role)

    return rule


def hr_only(*, api: bool = False) -> Rule:
    return logged_in(lambda role: OK if role in HR_ROLES else DENIED, api=api)


def privacy_readers(*, api: bool = False) -> Rule:
    """The transparency page and the audit log: HR, admin and the privacy role."""
    return logged_in(lambda role: OK if role in HR_ROLES | {"privacy"} else DENIED, api=api)


def hr_and_managers(*, api: bool = False) -> Rule:
    return logged_in(lambda role: OK if role in HR_ROLES | MANAGERS else DENIED, api=api)


def one_employee(*, api: bool = False) -> Rule:
    def rule(visit: Visit) -> str:
        if visit.role == "anonymous":
            return API_LOGIN if api else LOGIN
        return OK if visit.params["employee_number"] in MAY_SEE[visit.role] else DENIED

    return rule


def has_own_record(*, api: bool = False) -> Rule:
    """One's own data: everyone with an employee record (the admin persona has none, nor
    has a privacy officer's account, where there is one)."""
    return logged_in(lambda role: DENIED if role in {"admin", "privacy"} else OK, api=api)


def hr_for_employee(*, api: bool = False) -> Rule:
    """HR's privacy work on any person (leavers too); refused for everyone else."""

    def rule(visit: Visit) -> str:
        if visit.role == "anonymous":
            return API_LOGIN if api else LOGIN
        if visit.role not in HR_ROLES:
            return DENIED
        return OK if visit.params["employee_number"] in NAMES else DENIED

    return rule


def admin_site(visit: Visit) -> str:
    if visit.role in STAFF:
        return NO_ERROR
    return ADMIN_LOGIN


# Every URL name (namespace:name; the route for an unnamed one) and what each role gets.
# A new URL fails test_every_url_has_an_expectation until it is added here.
EXPECTATIONS: dict[str, Rule] = {
    # Mentoring. The personas have no programmes: an id answers 404 (or 403 before lookup).
    "mentoring:programmes": logged_in(lambda role: OK),
    "mentoring:mine": logged_in(lambda role: OK),
    "mentoring:programme": logged_in(lambda role: DENIED),
    "mentoring:programme_create": logged_in(lambda role: NOT_ALLOWED),
    "mentoring:join": logged_in(lambda role: NOT_ALLOWED),
    "mentoring:match": logged_in(lambda role: NOT_ALLOWED),
    "mentoring:rule": logged_in(lambda role: NOT_ALLOWED),
    "mentoring:confirm": logged_in(lambda role: NOT_ALLOWED),
    "mentoring:meeting": logged_in(lambda role: NOT_ALLOWED),
    # Coaching: everyone signed in has the list and the request form (for themself, or
    # their line); the personas have no trajectories, so an id answers 404 to all.
    "coaching:list": logged_in(lambda role: OK),
    # An account without an employee record (the privacy role) has nobody to ask for.
    "coaching:new": logged_in(lambda role: DENIED if role == "privacy" else OK),
    "coaching:detail": logged_in(lambda role: DENIED),
    "coaching:decide": anyone(NOT_ALLOWED),
    "coaching:session_add": anyone(NOT_ALLOWED),
    "coaching:complete": anyone(NOT_ALLOWED),
    "coaching:evaluate": anyone(NOT_ALLOWED),
    "coaching:cancel": anyone(NOT_ALLOWED),
    "api:coaching_trajectory_list": logged_in(lambda role: OK, api=True),
    "api:coaching_evaluation_summary": hr_only(api=True),
    "api:coaching_trajectory_create": logged_in(lambda role: OK, api=True),  # same URL as list
    "api:coaching_trajectory_detail": logged_in(lambda role: DENIED, api=True),
    "api:coaching_trajectory_update": logged_in(lambda role: DENIED, api=True),  # same URL
    "api:coaching_trajectory_approve": anyone(NOT_ALLOWED),  # POST only
    "api:coaching_trajectory_decline": anyone(NOT_ALLOWED),
    "api:coaching_session_create": anyone(NOT_ALLOWED),
    "api:coaching_trajectory_complete": anyone(NOT_ALLOWED),
    "api:coaching_evaluation_create": anyone(NOT_ALLOWED),
    "api:coaching_trajectory_cancel": anyone(NOT_ALLOWED),
    "mentoring:rule_remove": logged_in(lambda role: NOT_ALLOWED),
    "mentoring:programme_close": logged_in(lambda role: NOT_ALLOWED),
    "mentoring:pair": logged_in(lambda role: DENIED),
    "mentoring:goal_link": logged_in(lambda role: NOT_ALLOWED),
    "mentoring:sharing": logged_in(lambda role: NOT_ALLOWED),
    "mentoring:feedback": logged_in(lambda role: NOT_ALLOWED),
    "api:mentoring_programme_list": logged_in(lambda role: OK, api=True),
    "api:mentoring_pair_list": logged_in(lambda role: DENIED, api=True),
    "api:mentoring_match": anyone(NOT_ALLOWED),
    "api:mentoring_mine": logged_in(lambda role: OK, api=True),
    # Rotations and internships. No offers among the personas: an id answers 404 to all.
    "mobility:offers": logged_in(lambda role: OK),
    "mobility:mine": logged_in(lambda role: OK),
    "mobility:offer_create": hr_and_managers(),
    "mobility:consents": hr_and_managers(),
    "mobility:host_queue": hr_and_managers(),
    "mobility:offer": logged_in(lambda role: DENIED),
    "mobility:apply": logged_in(lambda role: NOT_ALLOWED),
    "mobility:close": logged_in(lambda role: NOT_ALLOWED),
    "mobility:consent": logged_in(lambda role: NOT_ALLOWED),
    "mobility:decide": logged_in(lambda role: NOT_ALLOWED),
    "mobility:withdraw": logged_in(lambda role: NOT_ALLOWED),
    "mobility:transfer_cancel": logged_in(lambda role: NOT_ALLOWED),
    "api:mobility_offer_list": logged_in(lambda role: OK, api=True),
    "api:mobility_offer_create": logged_in(lambda role: OK, api=True),  # same URL as the list
    "api:mobility_offer_detail": logged_in(lambda role: DENIED, api=True),
    "api:mobility_offer_close": anyone(NOT_ALLOWED),
    "api:mobility_application_create": anyone(NOT_ALLOWED),
    "api:mobility_application_list": logged_in(lambda role: OK, api=True),
    "api:mobility_application_detail": logged_in(lambda role: DENIED, api=True),
    "api:mobility_application_consent": anyone(NOT_ALLOWED),
    "api:mobility_application_refuse": anyone(NOT_ALLOWED),
    "api:mobility_application_choose": anyone(NOT_ALLOWED),
    "api:mobility_application_reject": anyone(NOT_ALLOWED),
    "api:mobility_application_withdraw": anyone(NOT_ALLOWED),
    "api:mobility_application_transfer_cancel": anyone(NOT_ALLOWED),
    "api:mentoring_programme_create": logged_in(lambda role: OK, api=True),  # same URL as list
    "api:mentoring_join": anyone(NOT_ALLOWED),
    "api:mentoring_programme_close": anyone(NOT_ALLOWED),
    "api:mentoring_rule_list": logged_in(lambda role: DENIED, api=True),
    "api:mentoring_rule_set": logged_in(lambda role: DENIED, api=True),  # same URL as the list
    "api:mentoring_rule_remove": anyone(NOT_ALLOWED),  # DELETE only
    "api:mentoring_unmatched_list": logged_in(lambda role: DENIED, api=True),
    "api:mentoring_feedback_summary": logged_in(lambda role: DENIED, api=True),
    "api:mentoring_pair_detail": logged_in(lambda role: DENIED, api=True),
    "api:mentoring_pair_confirm": anyone(NOT_ALLOWED),
    "api:mentoring_meeting_list": logged_in(lambda role: DENIED, api=True),
    "api:mentoring_meeting_create": logged_in(lambda role: DENIED, api=True),  # same URL
    "api:mentoring_pair_goal_link": anyone(NOT_ALLOWED),
    "api:mentoring_pair_sharing_set": anyone(NOT_ALLOWED),
    "api:mentoring_feedback_create": anyone(NOT_ALLOWED),
    # Learning catalogue. The personas have no offers or requests: an id answers 404.
    "learning:catalogue": logged_in(lambda role: OK),
    "learning:mine": logged_in(lambda role: OK),
    "learning:offer_new": hr_only(),
    "learning:offer": logged_in(lambda role: DENIED),
    "learning:queue": hr_and_managers(),
    "learning:budgets": hr_and_managers(),
    "learning:offer_edit": anyone(NOT_ALLOWED),
    "learning:session_add": anyone(NOT_ALLOWED),
    "learning:request": anyone(NOT_ALLOWED),
    "learning:decide": anyone(NOT_ALLOWED),
    "learning:complete": anyone(NOT_ALLOWED),
    "learning:evaluate": anyone(NOT_ALLOWED),
    "learning:budget_save": anyone(NOT_ALLOWED),
    "learning:competency_link": anyone(NOT_ALLOWED),
    "learning:cancel": anyone(NOT_ALLOWED),
    "learning:behaviour": logged_in(lambda role: DENIED),
    "learning:export_xlsx": hr_and_managers(),
    "api:learning_offer_list": logged_in(lambda role: OK, api=True),
    "api:learning_offer_create": logged_in(lambda role: OK, api=True),  # same URL as the list
    "api:learning_offer_detail": logged_in(lambda role: DENIED, api=True),
    "api:learning_request_list": logged_in(lambda role: OK, api=True),
    "api:learning_request_create": logged_in(lambda role: OK, api=True),
    "api:learning_request_approve": anyone(NOT_ALLOWED),
    "api:learning_request_decline": anyone(NOT_ALLOWED),
    "api:learning_request_complete": anyone(NOT_ALLOWED),
    "api:learning_evaluation_create": anyone(NOT_ALLOWED),
    "api:learning_budget_list": hr_and_managers(api=True),
    "api:learning_personal_budget_list": hr_and_managers(api=True),
    "web:home": logged_in(lambda role: OK),
    "web:login": lambda visit: OK if visit.role == "anonymous" else REDIRECT,
    "web:logout": anyone(NOT_ALLOWED),
    "web:account": logged_in(lambda role: OK),
    "web:account_password": logged_in(lambda role: NOT_ALLOWED),  # forms post here
    "web:account_sessions_end": logged_in(lambda role: NOT_ALLOWED),
    "web:account_token_create": logged_in(lambda role: NOT_ALLOWED),
    "web:account_token_revoke": logged_in(lambda role: NOT_ALLOWED),
    "web:hr_tokens": hr_only(),
    "web:hr_token_revoke": logged_in(lambda role: NOT_ALLOWED),
    "web:password_reset": anyone(OK),
    "web:password_reset_done": anyone(OK),
    "web:password_reset_confirm": anyone(OK),
    "web:password_reset_complete": anyone(OK),
    "api:own_tokens": logged_in(lambda role: OK, api=True),
    "api:own_token_create": logged_in(lambda role: OK, api=True),  # same URL as the list
    "api:own_token_revoke": anyone(NOT_ALLOWED),  # DELETE only
    "api:own_sessions": logged_in(lambda role: OK, api=True),
    "api:own_sessions_end": logged_in(lambda role: OK, api=True),  # same URL
    "api:hr_tokens": hr_only(api=True),
    "api:hr_token_revoke": anyone(NOT_ALLOWED),  # DELETE only
    "web:employee_list": hr_and_managers(),
    "web:employee_detail": one_employee(),
    "web:import": hr_only(),
    "web:privacy_mine": has_own_record(),
    "web:privacy_download": has_own_record(),
    "web:privacy_hr": hr_only(),
    "web:privacy_retention": hr_only(),
    "web:privacy_employee": hr_for_employee(),
    "web:privacy_export": hr_for_employee(),
    "web:privacy_erase": logged_in(lambda role: NOT_ALLOWED),  # a form posts here
    "api:privacy_export_own": has_own_record(api=True),
    "api:privacy_export_employee": hr_for_employee(api=True),
    "api:privacy_erase": anyone(NOT_ALLOWED),  # POST only
    "api:privacy_retention": hr_only(api=True),
    "transparency:page": privacy_readers(),
    "transparency:audit_log": privacy_readers(),
    "api:privacy_transparency": privacy_readers(api=True),
    "api:privacy_audit": privacy_readers(api=True),
    "set_language": anyone(REDIRECT),
    # Single sign-on is off here: its pages answer 404 (accounts/tests/test_oidc_*.py).
    "oidc:login": anyone(DENIED),
    "oidc:callback": anyone(DENIED),
    "oidc:failed": anyone(DENIED),
    "api:api-root": anyone(DENIED),  # nothing lives at the root; the docs are at /docs
    # The admin's own login and logout pages hold no data; the rest is staff-only.
    "admin:login": anyone(NO_ERROR),
    "admin:logout": anyone(NO_ERROR),
    "api:openapi-json": anyone(OK),
    "api:openapi-view": anyone(OK),
    "api:employee_list": logged_in(lambda role: OK, api=True),
    "api:employee_detail": one_employee(api=True),
    "api:kpis": hr_and_managers(api=True),
    "api:competency_list": logged_in(lambda role: OK, api=True),
    "api:employee_gaps": one_employee(api=True),
    "api:assessment_list": one_employee(api=True),
    "api:assessment_create": one_employee(api=True),  # the same URL answers GET with the list
    "api:assessments_share": anyone(NOT_ALLOWED),  # POST only
    "api:talent_profile_read": one_employee(api=True),
    "api:talent_profile_write": one_employee(api=True),
    "api:observation_list": one_employee(api=True),
    "api:observation_create": one_employee(api=True),
    "api:heat_map": hr_and_managers(api=True),
    "api:target_list": hr_and_managers(api=True),
    "api:esco_search": logged_in(lambda role: OK, api=True),  # public reference data
    "api:competency_link_esco": anyone(NOT_ALLOWED),  # POST only
    "insights:page": hr_and_managers(),
    "insights:export_csv": hr_and_managers(),
    "insights:export_xlsx": hr_and_managers(),
    "insights:settings": logged_in(lambda role: NOT_ALLOWED),  # a form posts here
    "skills:overview": hr_and_managers(),
    "skills:targets": hr_and_managers(),
    "skills:heatmap": hr_and_managers(),
    "skills:heatmap_csv": hr_and_managers(),
    "skills:heatmap_xlsx": hr_and_managers(),
    "skills:employee_talent": one_employee(),
    # Forms post to these; a GET is refused before anything is looked up.
    "skills:install_starter": logged_in(lambda role: NOT_ALLOWED),
    "skills:requirement_set": logged_in(lambda role: NOT_ALLOWED),
    "skills:requirement_remove": logged_in(lambda role: NOT_ALLOWED),
    "skills:profile_parent_set": logged_in(lambda role: NOT_ALLOWED),
    "skills:target_create": logged_in(lambda role: NOT_ALLOWED),
    "skills:target_delete": logged_in(lambda role: NOT_ALLOWED),
    "skills:talent_profile_save": logged_in(lambda role: NOT_ALLOWED),
    "skills:assessment_add": logged_in(lambda role: NOT_ALLOWED),
    "skills:assessments_share": logged_in(lambda role: NOT_ALLOWED),
    "skills:observation_add": logged_in(lambda role: NOT_ALLOWED),
    # Development plans. The personas have none, so an id answers 404 to everyone;
    # who sees an existing plan, goal, action or check-in is tested in plans/tests.
    "plans:mine": logged_in(lambda role: OK),
    "plans:team": logged_in(lambda role: OK if role in MANAGERS else DENIED),
    "plans:hr": hr_only(),
    "plans:employee": one_employee(),
    "plans:plan": logged_in(lambda role: DENIED),
    "plans:goal_close": logged_in(lambda role: DENIED),
    "plans:checkin": logged_in(lambda role: DENIED),
    "plans:plan_start": logged_in(lambda role: NOT_ALLOWED),
    "plans:checkin_add": logged_in(lambda role: NOT_ALLOWED),
    "plans:cadence_save": logged_in(lambda role: NOT_ALLOWED),
    "plans:plan_save": logged_in(lambda role: NOT_ALLOWED),
    "plans:plan_cosign": logged_in(lambda role: NOT_ALLOWED),
    "plans:plan_close": logged_in(lambda role: NOT_ALLOWED),
    "plans:plan_next": logged_in(lambda role: NOT_ALLOWED),
    "plans:goal_add": logged_in(lambda role: NOT_ALLOWED),
    "plans:goal_seed": logged_in(lambda role: NOT_ALLOWED),
    "plans:action_add": logged_in(lambda role: NOT_ALLOWED),
    "plans:action_status": logged_in(lambda role: NOT_ALLOWED),
    "plans:checkin_next_step": logged_in(lambda role: NOT_ALLOWED),
    "api:plan_list": logged_in(lambda role: OK, api=True),  # only the plans one may see
    "api:plan_create": logged_in(lambda role: OK, api=True),  # same URL as the list
    "api:plan_detail": logged_in(lambda role: DENIED, api=True),
    "api:plan_update": logged_in(lambda role: DENIED, api=True),
    "api:plan_cosign": anyone(NOT_ALLOWED),  # POST only
    "api:plan_close": anyone(NOT_ALLOWED),
    "api:goal_list": logged_in(lambda role: DENIED, api=True),
    "api:goal_create": logged_in(lambda role: DENIED, api=True),
    "api:goal_detail": logged_in(lambda role: DENIED, api=True),
    "api:goal_update": logged_in(lambda role: DENIED, api=True),
    "api:goal_close": anyone(NOT_ALLOWED),
    "api:action_list": logged_in(lambda role: DENIED, api=True),
    "api:action_create": anyone(NOT_ALLOWED),
    "api:action_detail": logged_in(lambda role: DENIED, api=True),
    "api:action_update": logged_in(lambda role: DENIED, api=True),
    "api:checkin_list": logged_in(lambda role: OK, api=True),
    "api:checkin_create": logged_in(lambda role: OK, api=True),
    "api:checkin_detail": logged_in(lambda role: DENIED, api=True),
    "api:checkin_record": logged_in(lambda role: DENIED, api=True),
    "api:checkin_next_step": anyone(NOT_ALLOWED),
    # Reminders: everyone signed in has their own list (empty here) and calendar feed.
    "notifications:reminders": logged_in(lambda role: OK),
    "notifications:reminder_dismiss": anyone(NOT_ALLOWED),  # POST only
    "plans_extra:checkin_feed": logged_in(lambda role: OK),
    "plans_extra:checkin_ics": logged_in(lambda role: DENIED),
    "plans_extra:plan_print": logged_in(lambda role: DENIED),
    # 360 feedback; who sees an existing round or report is tested in feedback/tests.
    "feedback:mine": logged_in(lambda role: OK),
    "feedback:hr": hr_only(),
    "feedback:round": logged_in(lambda role: DENIED),
    "feedback:report": logged_in(lambda role: DENIED),
    "feedback:report_csv": logged_in(lambda role: DENIED),
    "feedback:start": logged_in(lambda role: NOT_ALLOWED),
    "feedback:invite": logged_in(lambda role: NOT_ALLOWED),
    "feedback:remind": logged_in(lambda role: NOT_ALLOWED),
    "feedback:close": logged_in(lambda role: NOT_ALLOWED),
    "feedback:share": logged_in(lambda role: NOT_ALLOWED),
    "feedback:rater": anyone(DENIED),
    "feedback:settings": hr_only(),
    "feedback:group_start": hr_only(),
    "feedback:open": logged_in(lambda role: NOT_ALLOWED),
    "feedback:report_xlsx": logged_in(lambda role: DENIED),
    "feedback:approvals": logged_in(lambda role: OK),  # one's own queue, empty here
    "feedback:rater_approve": logged_in(lambda role: NOT_ALLOWED),
    "feedback:rater_refuse": logged_in(lambda role: NOT_ALLOWED),
    "api:feedback_rater_list": logged_in(lambda role: DENIED, api=True),
    "api:feedback_rater_invite": logged_in(lambda role: DENIED, api=True),  # same URL
    "api:feedback_colleague_search": logged_in(lambda role: DENIED, api=True),
    "api:feedback_rater_pending": logged_in(lambda role: OK, api=True),
    "api:feedback_rater_approve": anyone(NOT_ALLOWED),
    "api:feedback_rater_refuse": anyone(NOT_ALLOWED),
    "api:feedback_round_list": logged_in(lambda role: OK, api=True),
    "api:feedback_round_start": logged_in(lambda role: OK, api=True),  # same URL as the list
    "api:feedback_round_detail": logged_in(lambda role: DENIED, api=True),
    "api:feedback_round_report": logged_in(lambda role: DENIED, api=True),
    "api:feedback_round_group_start": anyone(NOT_ALLOWED),
    "api:feedback_round_open": anyone(NOT_ALLOWED),
    # N is told to raters anyway: everyone logged in may read it; only HR changes it (PUT).
    "api:feedback_settings_detail": logged_in(lambda role: OK, api=True),
    "api:feedback_settings_update": logged_in(lambda role: OK, api=True),  # same URL
}
# Query strings for URLs that need one to answer at all.
QUERIES = {"api:kpis": "?start=2024-01-01&end=2024-12-31"}
# Django's admin guards itself: staff only, everyone else goes to the admin's login.
# The demo mailbox (/admin/mail/) is staff-only in the same way.
NAMESPACE_RULES: dict[str, Rule] = {"admin": admin_site, "notifications_mail": admin_site}


@dataclass(frozen=True)
class Route:
    key: str
    route: str
    params: tuple[str, ...]


_ROUTE_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
_REGEX_PARAM = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def _pattern_text(pattern) -> str:
    return str(pattern.pattern).lstrip("^").rstrip("$")


def all_routes(patterns=None, prefix: str = "", namespace: str = "") -> list[Route]:
    routes = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        text = prefix + _pattern_text(entry)
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace or "") if n)
            routes += all_routes(entry.url_patterns, text, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            key = name if entry.name else f"{namespace}:{text}" if namespace else text
            params = tuple(_ROUTE_PARAM.findall(text) + _REGEX_PARAM.findall(text))
            routes.append(Route(key, text, params))
    return routes


def rule_for(route: Route) -> Rule | None:
    if route.key in EXPECTATIONS:
        return EXPECTATIONS[route.key]
    return NAMESPACE_RULES.get(route.key.split(":", 1)[0]) if ":" in route.key else None


def concrete_urls(route: Route) -> list[tuple[str, dict]]:
    """The route with its parameters filled in, once per value to try."""
    combos: list[dict] = [{}]
    for param in route.params:
        combos = [{**combo, param: value} for combo in combos for value in PARAMS[param]]
    urls = []
    for combo in combos:
        path = _ROUTE_PARAM.sub(lambda m, c=combo: c[m.group(1)], route.route)
        path = _REGEX_PARAM.sub(lambda m, c=combo: c[m.group(1)], path)
        urls.append(("/" + path + QUERIES.get(route.key, ""), combo))
    return urls


def test_every_url_has_an_expectation():
    missing = sorted({r.key for r in all_routes() if rule_for(r) is None})
    assert not missing, (
        "URLs without an expectation in web/tests/test_url_walk.py EXPECTATIONS "
        f"(say what each role gets): {missing}"
    )


def test_every_path_parameter_has_values():
    unknown = sorted({p for r in all_routes() for p in r.params} - set(PARAMS))
    assert not unknown, f"Add sample values to PARAMS for: {unknown}"


def test_no_stale_expectations():
    keys = {r.key for r in all_routes()}
    assert not set(EXPECTATIONS) - keys, "expectations for URLs that no longer exist"


def check(response, outcome: str, where: str) -> None:
    status = response.status_code
    location = response.get("Location", "")
    assert outcome in OUTCOMES, f"unknown outcome {outcome!r}"
    if outcome == OK:
        assert status == 200, where
    elif outcome == LOGIN:
        assert status == 302 and location.startswith("/login/"), where
    elif outcome == API_LOGIN:
        assert status == 401, where
    elif outcome == DENIED:
        assert status in (403, 404), where
    elif outcome == REDIRECT:
        assert status in (302, 204), where
    elif outcome == NOT_ALLOWED:
        assert status == 405, where
    elif outcome == ADMIN_LOGIN:
        assert status == 302 and location.startswith("/admin/login/"), where
    else:
        assert status < 500, where


@pytest.mark.parametrize("role", ROLES)
def test_walk_every_url_as(role, client, personas):
    if role == "privacy":
        from groeipad.people.models import Role, User

        client.force_login(User.objects.create_user("fg@example.nl", "x", role=Role.PRIVACY))
    elif role != "anonymous":
        user = personas.admin.user if role == "admin" else personas.user(role)
        client.force_login(user)
    hidden = {number: name for number, name in NAMES.items() if number not in MAY_NAME[role]}
    visited = 0
    failures = []
    for route in all_routes():
        rule = rule_for(route)
        if rule is None:
            continue  # reported by test_every_url_has_an_expectation
        for url, params in concrete_urls(route):
            outcome = rule(Visit(role, params))
            response = client.get(url)
            where = (
                f"{role} GET {url} ({route.key}): expected {outcome}, got {response.status_code}"
            )
            try:
                check(response, outcome, where)
            except AssertionError:
                failures.append(where)
            body = response.content.decode(errors="replace")
            leaked = [
                text
                for name in hidden.values()
                for text in (name, f"{name.split()[0].lower()}@example.nl")
                if text in body
            ]
            if leaked:
                failures.append(f"{where}: shows {leaked}")
            visited += 1
    assert not failures, "\n".join(failures)
    assert visited >= len(EXPECTATIONS)
