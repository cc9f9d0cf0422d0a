"""Calendar files and the printable plan, under /ontwikkeling/ (reminders: notifications)."""

from django.urls import path

from groeipad.plans import views

app_name = "plans_extra"

urlpatterns = [
    path("checkins.ics", views.checkin_feed, name="checkin_feed"),
    path("checkins/<int:checkin_id>.ics", views.checkin_ics, name="checkin_ics"),
    path("plannen/<int:plan_id>/print/", views.plan_print, name="plan_print"),
]
