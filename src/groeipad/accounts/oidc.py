"""Single sign-on with OpenID Connect: who may log in through the provider.

An account is found by the e-mail claim (``GROEIPAD_OIDC_EMAIL_CLAIM``, any case):

- the account with that address, or the account of the employee with that address;
- it must be active and belong to a current employee (no leave date, or one that is
  today or later: a leaver's account ends the day after the leave date);
- a current employee with that address and no account yet gets one, linked to their
  employee record, with the employee role and no usable password;
- anyone else is refused, and no account is made.

The address must be verified (``GROEIPAD_OIDC_REQUIRE_VERIFIED_EMAIL``, on by default):
``email_verified`` true, or an address in one of the organisation's own domains
(``GROEIPAD_ORGANISATION_DOMAINS``) that the provider did not call unverified. Entra ID
sends no ``email_verified``; a tenant can only hand out sign-in names in domains it has
verified, so the tenant is trusted for the organisation's domains (see docs/sso.md).

Each refusal leaves its reason on the request (``request.groeipad_sso_refusal``) for the
failure page.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from groeipad.accounts import oidc_config
from groeipad.people import selectors as people_selectors
from groeipad.people import services as people_services
from groeipad.people.models import Role, User
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.privacy.services import audit_record

logger = logging.getLogger(__name__)

# Why a login through the provider was refused (the failure page explains each).
UNKNOWN = "unknown"  # no current employee with this address: no account made
LEAVER = "leaver"
DEACTIVATED = "deactivated"
UNVERIFIED = "unverified"
INVALID = "invalid"  # the provider's answer did not check out (signature, issuer, ...)


class PasswordBackend(ModelBackend):
    """Django's password check, unless passwords are turned off (SSO only).

    Sessions of accounts logged in with a password keep working through ``get_user``.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not oidc_config.password_login_enabled():
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class SsoBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, configured at run time, matching employees."""

    get_settings = staticmethod(oidc_config.library_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads its settings here; ours are read when a login happens, so
        # the backend loads with SSO off or the provider down.
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback of the code flow; never a password login.
        if "username" in kwargs or "password" in kwargs or request is None:
            return None
        if not oidc_config.sso_enabled() or request.path != oidc_config.callback_path():
            return None
        self._configure()
        return super().authenticate(request, **kwargs)

    def _configure(self) -> None:
        self.provider = oidc_config.discovery()
        self.OIDC_OP_TOKEN_ENDPOINT = self.provider["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = self.provider.get("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = self.provider["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = settings.GROEIPAD_OIDC_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.GROEIPAD_OIDC_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = oidc_config.SIGN_ALGORITHM
        self.OIDC_RP_IDP_SIGN_KEY = None

    def get_user(self, user_id):
        # Django's rule (inactive accounts have no session), not the library's.
        return ModelBackend.get_user(self, user_id)

    # --- The tokens -------------------------------------------------------------------

    def verify_token(self, token, **kwargs):
        """The library checks signature, expiry and nonce; we add issuer and audience."""
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error
        if "nonce" in kwargs:  # the ID token (a signed userinfo answer has no nonce)
            audience = payload.get("aud")
            audiences = [audience] if isinstance(audience, str) else list(audience or [])
            if payload.get("iss") != self.provider["issuer"]:
                raise SuspiciousOperation("ID token from another issuer")
            if self.OIDC_RP_CLIENT_ID not in audiences:
                raise SuspiciousOperation("ID token for another client")
        return payload

    def retrieve_matching_jwk(self, token):
        """The signing key; a token without ``kid`` needs a key set of one key."""
        header = jwt.get_unverified_header(token)
        if "kid" in header:
            return super().retrieve_matching_jwk(token)
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=oidc_config.timeout())
        response.raise_for_status()
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("use", "sig") == "sig"
            and key.get("alg", header.get("alg")) == header.get("alg")
        ]
        if len(keys) != 1:
            raise SuspiciousOperation("ID token names no key and the key set is not one key")
        return jwt.PyJWK(keys[0])

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed by the userinfo endpoint if there is one.

        Entra ID puts ``preferred_username`` and ``upn`` only in the ID token.
        """
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            extra = super().get_userinfo(access_token, id_token, payload)
            if extra.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("userinfo is about another subject")
            claims.update(extra)
        return claims

    # --- The claims -------------------------------------------------------------------

    def verify_claims(self, claims):
        if not claim_email(claims):
            return self._refuse(UNKNOWN)
        if not email_verified(claims):
            return self._refuse(UNVERIFIED)
        return True

    def filter_users_by_claims(self, claims):
        """The one account this address belongs to, or none (then ``create_user``)."""
        email = claim_email(claims)
        user = people_selectors.user_by_email(email)
        if user is None:
            employee = people_selectors.employee_by_email(email)
            user = getattr(employee, "user", None) if employee else None
        if user is None:
            return []
        if not user.is_active:
            self._refuse(DEACTIVATED)
            return []
        if user.employee is None or not is_current(user.employee.leave_date):
            self._refuse(LEAVER if user.employee else UNKNOWN)
            return []
        return [user]

    def create_user(self, claims):
        """An account for a current employee without one; nobody else gets one."""
        if getattr(self.request, "groeipad_sso_refusal", None):
            return None
        employee = people_selectors.employee_by_email(claim_email(claims))
        if employee is None or not is_current(employee.leave_date):
            self._refuse(LEAVER if employee else UNKNOWN)
            return None
        try:
            user = people_services.user_create(
                actor=None, email=employee.email, role=Role.EMPLOYEE, employee=employee
            )
        except ValidationError:  # made meanwhile, by another login or by HR
            self._refuse(UNKNOWN)
            return None
        logger.info("SSO: account %s made for employee %s", user.pk, employee.pk)
        return user

    def update_user(self, user, claims):
        return user

    def _refuse(self, reason: str) -> bool:
        self.request.groeipad_sso_refusal = reason
        logger.info("SSO login refused: %s", reason)
        return False


def claim_email(claims: dict[str, Any]) -> str:
    value = claims.get(getattr(settings, "GROEIPAD_OIDC_EMAIL_CLAIM", "email") or "email")
    if not isinstance(value, str) or "@" not in value:
        return ""
    return value.strip().lower()


def email_verified(claims: dict[str, Any]) -> bool:
    if not getattr(settings, "GROEIPAD_OIDC_REQUIRE_VERIFIED_EMAIL", True):
        return True
    said = claims.get("email_verified")
    if isinstance(said, str):  # some providers send "true" / "false"
        said = said.strip().lower() == "true"
    if said is False:
        return False
    if said is True and getattr(settings, "GROEIPAD_OIDC_EMAIL_CLAIM", "email") == "email":
        return True
    domains = {
        d.lower().lstrip("@") for d in getattr(settings, "GROEIPAD_ORGANISATION_DOMAINS", [])
    }
    return claim_email(claims).rsplit("@", 1)[-1] in domains


def is_current(leave_date: date | None) -> bool:
    return leave_date is None or leave_date >= timezone.localdate()


def audit_sso_login(user: User, request) -> None:
    """An SSO login in the audit log (the account and the provider, not the claims)."""
    audit_record(
        actor=user,
        action=AuditAction.LOGIN,
        object_type=ObjectType.USER,
        object_id=user.pk,
        summary=f"Logged in through single sign-on ({oidc_config.issuer()})",
    )
