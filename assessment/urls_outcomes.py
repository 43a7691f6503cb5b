"""The outcome pages: the ranking per period, overrides with their second approval, the decision
per application and the outcome as the region sees it (views in ``views_outcomes``)."""

from django.urls import URLPattern, path

from . import views_outcomes as views
from .urls_scoring import APPLICATION  # one shape for an application's pages

urlpatterns: list[URLPattern] = [
    path("rangschikking/<str:period>/", views.ranking_page, name="ranking"),
    path(f"{APPLICATION}/afwijking/", views.override_propose, name="override_propose"),
    path("afwijkingen/<int:pk>/", views.override_decide, name="override_decide"),
    path(f"{APPLICATION}/besluit/", views.decision_page, name="decision"),
    path(f"{APPLICATION}/uitkomst/", views.outcome, name="outcome"),
]
