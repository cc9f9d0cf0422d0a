from django.urls import path

from groeipad.web import views, views_account, views_import, views_rights

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    # My account, HR's API tokens, password reset (views_account)
    path("account/", views_account.account, name="account"),
    path("account/wachtwoord/", views_account.account_password, name="account_password"),
    path(
        "account/sessies/afmelden/", views_account.account_sessions_end, name="account_sessions_end"
    ),
    path("account/tokens/nieuw/", views_account.account_token_create, name="account_token_create"),
    path(
        "account/tokens/<int:token_id>/intrekken/",
        views_account.account_token_revoke,
        name="account_token_revoke",
    ),
    path("beheer/tokens/", views_account.hr_tokens, name="hr_tokens"),
    path(
        "beheer/tokens/<int:token_id>/intrekken/",
        views_account.hr_token_revoke,
        name="hr_token_revoke",
    ),
    path(
        "wachtwoord-vergeten/",
        views_account.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        views_account.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        views_account.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        views_account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("medewerkers/", views.employee_list, name="employee_list"),
    path("medewerkers/<str:employee_number>/", views.employee_detail, name="employee_detail"),
    path("import/", views_import.import_page, name="import"),
    path("privacy/mijn-gegevens/", views_rights.mine, name="privacy_mine"),
    path("privacy/mijn-gegevens/download/", views_rights.mine_download, name="privacy_download"),
    path("privacy/", views_rights.hr, name="privacy_hr"),
    path("privacy/bewaartermijnen/", views_rights.retention, name="privacy_retention"),
    path(
        "privacy/medewerkers/<str:employee_number>/",
        views_rights.employee,
        name="privacy_employee",
    ),
    path(
        "privacy/medewerkers/<str:employee_number>/export/",
        views_rights.employee_export,
        name="privacy_export",
    ),
    path(
        "privacy/medewerkers/<str:employee_number>/wissen/",
        views_rights.employee_erase_page,
        name="privacy_erase",
    ),
]
