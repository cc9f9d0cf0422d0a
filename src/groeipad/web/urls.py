from django.urls import path

from groeipad.web import views, views_import

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("medewerkers/", views.employee_list, name="employee_list"),
    path("medewerkers/<str:employee_number>/", views.employee_detail, name="employee_detail"),
    path("import/", views_import.import_page, name="import"),
]
