"""The product's URLs plus two that fail on purpose, for the 500 pages."""

from django.urls import path

from groeipad.urls import (  # noqa: F401  (Django reads the handlers from ROOT_URLCONF)
    handler400,
    handler403,
    handler404,
    handler500,
)
from groeipad.urls import urlpatterns as product


def boom(request):
    raise RuntimeError("a bug, on purpose")


urlpatterns = [path("kapot/", boom), path("api/v1-test/kapot/", boom), *product]
