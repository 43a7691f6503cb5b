"""The web application's pages; each app has its own ``urls`` module and namespace."""

from django.urls import include, path

from regions.views.dashboard import home

urlpatterns = [
    # A role-aware start: manager → dashboard, officer → contributions, reviewer → region list.
    path("", home, name="home"),
    path("regios/", include("regions.urls")),
    path("geld/", include("cofinancing.urls")),
    path("rapportage/", include("reporting.urls")),
]
