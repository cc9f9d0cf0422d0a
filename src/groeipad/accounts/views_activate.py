"""The invitation link (anonymous): choose a first password, or ask for a new link."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from groeipad.accounts import selectors, services
from groeipad.accounts.models import AccountInvitation

# Gone: the link existed and works no more (or never worked); the page says why.
GONE = 410


class RenewForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your work e-mail address"), max_length=254)


def _why(invitation: AccountInvitation | None) -> str:
    now = timezone.now()
    if invitation is None:
        return "unknown"
    if invitation.used_at is not None:
        return "used"
    if invitation.voided_at is not None or not invitation.user.is_active:
        return "voided"
    if invitation.expires_at <= now:
        return "expired"
    return ""


def _gone(request, why: str):
    return render(
        request, "accounts/link_invalid.html", {"why": why, "form": RenewForm()}, status=GONE
    )


@require_http_methods(["GET", "POST"])
def activate(request, token: str):
    invitation = selectors.invitation_by_token(token)
    why = _why(invitation)
    if why or invitation is None:
        return _gone(request, why or "unknown")
    user = invitation.user
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token, password=form.cleaned_data["new_password1"]
            )
        except services.InvitationInvalid:
            return _gone(request, "used")
        # Through the configured backends (lock-out, "passwords off" under SSO), as if
        # the person logged in with the password they just chose.
        password = form.cleaned_data["new_password1"]
        signed_in = authenticate(request, username=user.email, password=password)
        if signed_in is None:
            messages.info(request, _("Your password is set. Log in to continue."))
            return redirect("web:login")
        login(request, signed_in)
        messages.success(request, _("Welcome to Groeipad: your password is set."))
        return redirect("web:home")
    return render(
        request,
        "accounts/activate.html",
        {"form": form, "email": user.email, "expires_at": invitation.expires_at},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def renew(request):
    form = RenewForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        # The same answer whether or not the address has an account: no enumeration.
        services.invitation_renew_by_email(email=form.cleaned_data["email"])
        sent = True
    return render(request, "accounts/renew.html", {"form": form, "sent": sent})
