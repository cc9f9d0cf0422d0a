"""The demo mailbox, under /admin/mail/ (staff only)."""

from django.urls import path

from groeipad.notifications import views_mail

app_name = "notifications_mail"

urlpatterns = [
    path("", views_mail.mail_list, name="list"),
    path("<str:name>/", views_mail.mail_detail, name="detail"),
]
