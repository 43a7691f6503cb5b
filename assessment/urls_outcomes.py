"""The outcome pages: the ranking per period, overrides with their second approval, the decision
per application and the outcome as the region sees it (views in ``views_outcomes``)."""

from django.urls import URLPattern, path

from . import views_outcomes as views

APPLICATION = "aanvragen/<str:sto_number>/<str:period>/<int:version>/"

urlpatterns: list[URLPattern] = [
    path("rangschikking/<str:period>/", views.ranking_page, name="ranking"),
    path(APPLICATION + "afwijking/", views.override_propose, name="override_propose"),
    path("afwijkingen/<int:pk>/", views.override_decide, name="override_decide"),
    path(APPLICATION + "besluit/", views.decision_page, name="decision"),
    path(APPLICATION + "uitkomst/", views.outcome, name="outcome"),
]
