"""The JSON API under /api/v1/, documented at /api/v1/openapi.json.

Each app contributes a router from its own ``api.py``; this module only mounts them
and says how a caller authenticates.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import django_auth

from groeipad.api.account import account_router, tokens_router
from groeipad.api.auth import BearerToken
from groeipad.api.parsing import NulRefusingParser
from groeipad.api.privacy import router as privacy_router
from groeipad.coaching.api import router as coaching_router
from groeipad.feedback.api import router as feedback_router
from groeipad.insights.api import router as kpis_router
from groeipad.learning.api import router as learning_router
from groeipad.mentoring.api import router as mentoring_router
from groeipad.mobility.api import router as mobility_router
from groeipad.people.api import router as people_router
from groeipad.people.rights.api import router as rights_router
from groeipad.plans.api import router as plans_router
from groeipad.skills.api import router as skills_router

api = NinjaAPI(
    title="Groeipad API",
    version="1",
    description="Talent development: people, plans, skills and the organisation's KPIs.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)
NulRefusingParser.install(api)  # text with NUL is a 422 (PostgreSQL cannot store it)
api.add_router("/employees", people_router)
api.add_router("/kpis", kpis_router)
api.add_router("/plans", plans_router)
api.add_router("/feedback", feedback_router)
api.add_router("/learning", learning_router)
api.add_router("/mentoring", mentoring_router)
api.add_router("/rotations", mobility_router)
api.add_router("/coaching", coaching_router)
api.add_router("/privacy", rights_router)
api.add_router("/privacy", privacy_router)
api.add_router("/account", account_router)
api.add_router("/tokens", tokens_router)
api.add_router("", skills_router)


# One refusal behaviour: the same status as the pages, with a message in the caller's
# language (Accept-Language; Dutch by default). A 404 never says whether the thing exists.
@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def _denied(request, exc):
    detail = str(exc) or _("You may not do this.")
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    detail = getattr(exc, "detail", None) or _(
        "Log in, or send an API token as 'Authorization: Bearer TOKEN'."
    )
    return api.create_response(request, {"detail": detail}, status=401)
