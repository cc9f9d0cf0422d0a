from django.urls import path

from groeipad.coaching import views

app_name = "coaching"

urlpatterns = [
    path("", views.trajectory_list, name="list"),
    path("aanvragen/", views.trajectory_new, name="new"),
    path("<int:trajectory_id>/", views.trajectory_detail, name="detail"),
    path("<int:trajectory_id>/besluit/", views.decide, name="decide"),
    path("<int:trajectory_id>/sessies/", views.session_add, name="session_add"),
    path("<int:trajectory_id>/afronden/", views.complete, name="complete"),
    path("<int:trajectory_id>/evaluatie/", views.evaluate, name="evaluate"),
    path("<int:trajectory_id>/annuleren/", views.cancel, name="cancel"),
]
