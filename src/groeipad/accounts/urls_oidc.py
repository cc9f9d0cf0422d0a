"""Single sign-on (OpenID Connect), under /oidc/. Every page answers 404 while SSO is off.

The callback's address, ``{GROEIPAD_BASE_URL}/oidc/callback/``, is registered at the
provider as the redirect URI (docs/sso.md).
"""

from django.urls import path

from groeipad.accounts import oidc_views

app_name = "oidc"

urlpatterns = [
    path("inloggen/", oidc_views.SsoLoginView.as_view(), name="login"),
    path("callback/", oidc_views.SsoCallbackView.as_view(), name="callback"),
    path("mislukt/", oidc_views.sso_failed, name="failed"),
]
