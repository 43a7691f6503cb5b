"""The budget formula simulator, mounted at /formule/ (namespace ``formula``)."""

from django.urls import path

from . import views

app_name = "formula"

urlpatterns = [
    path("", views.simulator, name="simulator"),
    path("export.xlsx", views.simulator_export, name="simulator_export"),
    path("scenarios/", views.scenario_list, name="scenario_list"),
    path("scenarios/opslaan/", views.scenario_create, name="scenario_create"),
    path("scenarios/vergelijken/", views.scenario_compare, name="scenario_compare"),
    path(
        "scenarios/vergelijken/export.xlsx",
        views.scenario_compare_export,
        name="scenario_compare_export",
    ),
    path("scenarios/<int:pk>/", views.scenario_detail, name="scenario_detail"),
    path("scenarios/<int:pk>/export.xlsx", views.scenario_export, name="scenario_export"),
    path("scenarios/<int:pk>/verwijderen/", views.scenario_delete, name="scenario_delete"),
]
