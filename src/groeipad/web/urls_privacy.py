from django.urls import path

from groeipad.web import views_privacy

app_name = "transparency"

urlpatterns = [
    path("transparantie/", views_privacy.transparency, name="page"),
    path("auditlog/", views_privacy.audit_log, name="audit_log"),
]
