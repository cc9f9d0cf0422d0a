from django.urls import path

from groeipad.web import views, views_import, views_rights

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
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
