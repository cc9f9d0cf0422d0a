from django.urls import path

from groeipad.skills import views

app_name = "skills"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("starter/", views.install_starter, name="install_starter"),
    path("eisen/", views.requirement_set, name="requirement_set"),
    path("eisen/verwijderen/", views.requirement_remove, name="requirement_remove"),
    path("bouwt-voort-op/", views.profile_parent_set, name="profile_parent_set"),
    path("doelen/", views.targets, name="targets"),
    path("doelen/nieuw/", views.target_create, name="target_create"),
    path("doelen/verwijderen/", views.target_delete, name="target_delete"),
    path("heatmap/", views.heatmap, name="heatmap"),
    path("heatmap.csv", views.heatmap_csv, name="heatmap_csv"),
    path("heatmap.xlsx", views.heatmap_xlsx, name="heatmap_xlsx"),
    path("medewerkers/<str:employee_number>/", views.employee_talent, name="employee_talent"),
    path(
        "medewerkers/<str:employee_number>/profiel/",
        views.talent_profile_save,
        name="talent_profile_save",
    ),
    path(
        "medewerkers/<str:employee_number>/beoordelingen/",
        views.assessment_add,
        name="assessment_add",
    ),
    path(
        "medewerkers/<str:employee_number>/delen/",
        views.assessments_share,
        name="assessments_share",
    ),
    path(
        "medewerkers/<str:employee_number>/potentieel/",
        views.observation_add,
        name="observation_add",
    ),
]
