""" "My account" (password, sessions, API tokens), HR's token list, and password reset.

Thin: parse, call the access funnel or service, render. The services are the same ones
the API (``api.account``) and ``groeipad token`` call.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from groeipad.accounts import oidc_config
from groeipad.accounts.passwords import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from groeipad.people import scope
from groeipad.people.access import get_api_token_for_hr, get_own_api_token
from groeipad.people.models import TokenScope, TokenStatus
from groeipad.people.selectors import (
    api_token_list_for_hr,
    api_tokens_of_user,
    user_sessions_of_user,
)
from groeipad.people.services import TOKEN_MAX_DAYS, api_token_create, api_token_revoke
from groeipad.people.sessions import user_session_rekeyed, user_sessions_end_others

PAGE_SIZE = 50
OWN_TOKENS_SHOWN = 100


class TokenCreateForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100, required=False)
    scope = forms.ChoiceField(
        label=gettext_lazy("Scope"), choices=TokenScope.choices, initial=TokenScope.READ
    )
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), min_value=1, max_value=TOKEN_MAX_DAYS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = settings.GROEIPAD_API_TOKEN_DAYS


class TokenFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), *TokenStatus.choices],
    )


def _password_login() -> bool:
    """Passwords in use (GROEIPAD_PASSWORD_LOGIN, which only counts while SSO is on)."""
    return oidc_config.password_login_enabled()


def _account_page(request, *, password_form=None, token_form=None, new_key=None, status=200):
    user = request.user
    now = timezone.now()
    if password_form is None and _password_login() and user.has_usable_password():
        password_form = PasswordChangeForm(user)
    tokens = list(api_tokens_of_user(user)[:OWN_TOKENS_SHOWN])
    for token in tokens:
        token.current_status = token.status_at(now)  # type: ignore[attr-defined]
    return render(
        request,
        "web/account.html",
        {
            "password_form": password_form if _password_login() else None,
            "sessions": list(user_sessions_of_user(user)[:100]),
            "current_session_key": request.session.session_key,
            "tokens": tokens,
            "token_form": token_form or TokenCreateForm(),
            "new_key": new_key,
        },
        status=status,
    )


@login_required
def account(request):
    return _account_page(request)


@login_required
@require_POST
def account_password(request):
    if not _password_login():
        raise Http404
    form = PasswordChangeForm(request.user, request.POST)
    old_key = request.session.session_key
    form.keep_session_key = old_key
    if not form.is_valid():
        return _account_page(request, password_form=form, status=400)
    user = form.save()
    # Keeps this session (a new key, the new password's hash); the others have ended.
    update_session_auth_hash(request, user)
    user_session_rekeyed(old_key=old_key, new_key=request.session.session_key)
    messages.success(request, _("Your password has been changed. Other sessions were ended."))
    return redirect("web:account")


@login_required
@require_POST
def account_sessions_end(request):
    ended = user_sessions_end_others(
        actor=request.user, user=request.user, current_session_key=request.session.session_key
    )
    messages.success(request, _("Logged out everywhere else (%(n)d sessions).") % {"n": ended})
    return redirect("web:account")


@login_required
@require_POST
def account_token_create(request):
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return _account_page(request, token_form=form, status=400)
    try:
        _token, key = api_token_create(
            actor=request.user,
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            days=form.cleaned_data["days"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _account_page(request, token_form=form, status=400)
    # Shown in this answer only: the key is stored nowhere but in its owner's hands.
    return _account_page(request, new_key=key)


@login_required
@require_POST
def account_token_revoke(request, token_id: int):
    token = get_own_api_token(request.user, token_id)
    api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("API token %(prefix)s… revoked.") % {"prefix": token.prefix})
    return redirect("web:account")


@login_required
def hr_tokens(request):
    if not scope.is_hr(request.viewer):
        raise PermissionDenied
    form = TokenFilterForm(request.GET)
    form.is_valid()
    search = (form.cleaned_data.get("q") or "").strip()
    status = form.cleaned_data.get("status") or ""
    now = timezone.now()
    tokens = api_token_list_for_hr(search=search, status=status, now=now)
    page = Paginator(tokens, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = list(page.object_list)
    for token in rows:
        token.current_status = token.status_at(now)
    return render(
        request,
        "web/account_tokens_hr.html",
        {"form": form, "page": page, "rows": rows, "filtered": bool(search or status)},
    )


@login_required
@require_POST
def hr_token_revoke(request, token_id: int):
    token = get_api_token_for_hr(request.viewer, token_id)
    api_token_revoke(actor=request.viewer, token=token)
    messages.success(
        request,
        _("API token %(prefix)s… of %(email)s revoked.")
        % {"prefix": token.prefix, "email": token.user.email},
    )
    return redirect("web:hr_tokens")


# --- Password reset ("Wachtwoord vergeten?") ------------------------------------------


class _PasswordLoginOnly:
    def dispatch(self, request, *args, **kwargs):
        if not _password_login():
            raise Http404
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class PasswordResetView(_PasswordLoginOnly, auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "web/account_reset_form.html"
    email_template_name = "web/account_reset_email.txt"
    subject_template_name = "web/account_reset_subject.txt"
    success_url = reverse_lazy("web:password_reset_done")

    @property
    def extra_email_context(self):
        # Links in mails start from GROEIPAD_BASE_URL, as every other mail's do: never
        # from the request's Host header.
        return {
            "reset_minutes": settings.GROEIPAD_PASSWORD_RESET_MINUTES,
            "base_url": settings.BASE_URL,
        }


class PasswordResetDoneView(_PasswordLoginOnly, auth_views.PasswordResetDoneView):
    template_name = "web/account_reset_done.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reset_minutes"] = settings.GROEIPAD_PASSWORD_RESET_MINUTES
        return context


class PasswordResetConfirmView(_PasswordLoginOnly, auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "web/account_reset_confirm.html"
    success_url = reverse_lazy("web:password_reset_complete")


class PasswordResetCompleteView(_PasswordLoginOnly, auth_views.PasswordResetCompleteView):
    template_name = "web/account_reset_complete.html"
