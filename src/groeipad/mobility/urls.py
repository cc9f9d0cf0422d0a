from django.urls import path

from groeipad.mobility import views

app_name = "mobility"

urlpatterns = [
    path("", views.offers, name="offers"),
    path("nieuw/", views.offer_create, name="offer_create"),
    path("mijn/", views.mine, name="mine"),
    path("toestemming/", views.consents, name="consents"),
    path("kandidaten/", views.host_queue, name="host_queue"),
    path("<int:rotation_id>/", views.offer, name="offer"),
    path("<int:rotation_id>/aanmelden/", views.apply, name="apply"),
    path("<int:rotation_id>/sluiten/", views.close, name="close"),
    path("aanmelding/<int:application_id>/toestemming/", views.consent, name="consent"),
    path("aanmelding/<int:application_id>/besluit/", views.decide, name="decide"),
    path("aanmelding/<int:application_id>/intrekken/", views.withdraw, name="withdraw"),
    path(
        "aanmelding/<int:application_id>/overplaatsing-afblazen/",
        views.transfer_cancel,
        name="transfer_cancel",
    ),
]
