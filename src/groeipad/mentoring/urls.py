from django.urls import path

from groeipad.mentoring import views

app_name = "mentoring"

urlpatterns = [
    path("", views.programmes, name="programmes"),
    path("nieuw/", views.programme_create, name="programme_create"),
    path("mijn/", views.mine, name="mine"),
    path("<int:programme_id>/", views.programme, name="programme"),
    path("<int:programme_id>/deelnemen/", views.join, name="join"),
    path("<int:programme_id>/koppelen/", views.match, name="match"),
    path("<int:programme_id>/regel/", views.rule, name="rule"),
    path(
        "<int:programme_id>/regel/<int:rule_id>/verwijderen/",
        views.rule_remove,
        name="rule_remove",
    ),
    path("<int:programme_id>/afsluiten/", views.programme_close, name="programme_close"),
    path("koppels/<int:match_id>/", views.pair, name="pair"),
    path("koppels/<int:match_id>/bevestigen/", views.confirm, name="confirm"),
    path("koppels/<int:match_id>/gesprek/", views.meeting, name="meeting"),
    path("koppels/<int:match_id>/doel/", views.goal_link, name="goal_link"),
    path("koppels/<int:match_id>/delen/", views.sharing, name="sharing"),
    path("koppels/<int:match_id>/terugblik/", views.feedback, name="feedback"),
]
