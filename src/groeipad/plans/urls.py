from django.urls import path

from groeipad.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.my_plan, name="mine"),
    path("team/", views.team, name="team"),
    path("team/ritme/", views.cadence_save, name="cadence_save"),
    path("hr/", views.hr_overview, name="hr"),
    path("medewerkers/<str:employee_number>/", views.employee_plans, name="employee"),
    path("medewerkers/<str:employee_number>/nieuw/", views.plan_start, name="plan_start"),
    path("medewerkers/<str:employee_number>/checkins/", views.checkin_add, name="checkin_add"),
    path("plannen/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plannen/<int:plan_id>/opslaan/", views.plan_save, name="plan_save"),
    path("plannen/<int:plan_id>/ondertekenen/", views.plan_cosign, name="plan_cosign"),
    path("plannen/<int:plan_id>/afsluiten/", views.plan_close, name="plan_close"),
    path("plannen/<int:plan_id>/volgend/", views.plan_next, name="plan_next"),
    path("plannen/<int:plan_id>/doelen/", views.goal_add, name="goal_add"),
    path("doelen/<int:goal_id>/afsluiten/", views.goal_close, name="goal_close"),
    path("doelen/<int:goal_id>/vervolg/", views.goal_seed, name="goal_seed"),
    path("doelen/<int:goal_id>/acties/", views.action_add, name="action_add"),
    path("acties/<int:action_id>/status/", views.action_status, name="action_status"),
    path("checkins/<int:checkin_id>/", views.checkin_detail, name="checkin"),
    path(
        "checkins/<int:checkin_id>/vervolgstap/", views.checkin_next_step, name="checkin_next_step"
    ),
]
