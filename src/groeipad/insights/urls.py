from django.urls import path

from groeipad.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.insights_page, name="page"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("instellingen/", views.settings_update, name="settings"),
]
