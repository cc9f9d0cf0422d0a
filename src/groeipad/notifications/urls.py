"""The bell page, under /ontwikkeling/herinneringen/ (where the plans app had it)."""

from django.urls import path

from groeipad.notifications import views

app_name = "notifications"

urlpatterns = [
    path("herinneringen/", views.reminder_list, name="reminders"),
    path(
        "herinneringen/<int:reminder_id>/weg/",
        views.reminder_dismiss,
        name="reminder_dismiss",
    ),
]
