from django.urls import path

from groeipad.budgets import views as budget_views
from groeipad.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("nieuw/", views.offer_new, name="offer_new"),
    path("aanbod/<int:offer_id>/", views.offer_detail, name="offer"),
    path("aanbod/<int:offer_id>/bewerken/", views.offer_edit, name="offer_edit"),
    path("aanbod/<int:offer_id>/sessies/", views.session_add, name="session_add"),
    path("aanbod/<int:offer_id>/aanvragen/", views.request_offer, name="request"),
    path("mijn/", views.mine, name="mine"),
    path("aanvragen/", views.queue, name="queue"),
    path("aanvragen/<int:enrolment_id>/besluit/", views.decide, name="decide"),
    path("aanvragen/<int:enrolment_id>/afgerond/", views.complete, name="complete"),
    path("aanvragen/<int:enrolment_id>/evaluatie/", views.evaluate, name="evaluate"),
    path("aanvragen/<int:enrolment_id>/annuleren/", views.cancel, name="cancel"),
    path("aanvragen/<int:enrolment_id>/gedrag/", views.behaviour, name="behaviour"),
    path("budget/", budget_views.budgets, name="budgets"),
    path("budget/opslaan/", budget_views.budget_save, name="budget_save"),
    path("export.xlsx", budget_views.export_xlsx, name="export_xlsx"),
    path("aanbod/<int:offer_id>/competenties/", views.competency_link, name="competency_link"),
]
