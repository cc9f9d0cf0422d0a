from django.urls import path

from groeipad.feedback import views, views_raters

app_name = "feedback"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("starten/", views.round_start, name="start"),
    path("hr/", views.hr_overview, name="hr"),
    path("hr/instellingen/", views.settings_page, name="settings"),
    path("hr/groep-starten/", views.group_start, name="group_start"),
    path("goedkeuren/", views_raters.approvals, name="approvals"),
    path(
        "beoordelaars/<int:rater_id>/goedkeuren/",
        views_raters.rater_approve,
        name="rater_approve",
    ),
    path("beoordelaars/<int:rater_id>/afwijzen/", views_raters.rater_refuse, name="rater_refuse"),
    path("rondes/<int:round_id>/", views.round_detail, name="round"),
    path("rondes/<int:round_id>/openen/", views.round_open, name="open"),
    path("rondes/<int:round_id>/uitnodigen/", views.rater_invite, name="invite"),
    path("rondes/<int:round_id>/herinneren/", views.raters_remind, name="remind"),
    path("rondes/<int:round_id>/afsluiten/", views.round_close, name="close"),
    path("rondes/<int:round_id>/delen/", views.round_share, name="share"),
    path("rondes/<int:round_id>/rapport/", views.report, name="report"),
    path("rondes/<int:round_id>/rapport.csv", views.report_csv, name="report_csv"),
    path("rondes/<int:round_id>/rapport.xlsx", views.report_xlsx, name="report_xlsx"),
    # The rater's page: no account, the token is the key.
    path("<str:token>/", views_raters.rater_page, name="rater"),
]
