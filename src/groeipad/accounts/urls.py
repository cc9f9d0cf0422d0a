from django.urls import path

from groeipad.accounts import views, views_activate

app_name = "accounts"

urlpatterns = [
    path("account/activeren/nieuwe-link/", views_activate.renew, name="renew"),
    path("account/activeren/<str:token>/", views_activate.activate, name="activate"),
    path("beheer/accounts/", views.account_list, name="list"),
    path("beheer/accounts/uitnodigen/", views.invite_selected, name="invite"),
]
