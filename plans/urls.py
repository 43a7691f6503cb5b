"""URLs of the plans: a region's plan pages under /regios/<STO>/plannen/ and the reviewers' list
of all plans at /plannen/ (namespace "plans", mounted by the root URL configuration)."""

from django.urls import include, path

from . import views

app_name = "plans"

region_patterns = [
    path("", views.plan_list, name="plan_list"),
    path("<str:period>/", views.plan_detail, name="plan_detail"),
    path("<str:period>/starten/", views.plan_start, name="plan_start"),
    path("<str:period>/regiovisie/", views.regiovisie_edit, name="regiovisie_edit"),
    path("<str:period>/doelen/nieuw/", views.goal_edit, name="goal_create"),
    path("<str:period>/doelen/<int:pk>/", views.goal_edit, name="goal_edit"),
    path(
        "<str:period>/doelen/<int:pk>/verwijderen/",
        views.item_delete,
        {"kind": "goal"},
        name="goal_delete",
    ),
    path("<str:period>/activiteiten/nieuw/", views.activity_edit, name="activity_create"),
    path("<str:period>/activiteiten/<int:pk>/", views.activity_edit, name="activity_edit"),
    path(
        "<str:period>/activiteiten/<int:pk>/verwijderen/",
        views.item_delete,
        {"kind": "activity"},
        name="activity_delete",
    ),
    path("<str:period>/risicos/nieuw/", views.risk_edit, name="risk_create"),
    path("<str:period>/risicos/<int:pk>/", views.risk_edit, name="risk_edit"),
    path(
        "<str:period>/risicos/<int:pk>/verwijderen/",
        views.item_delete,
        {"kind": "risk"},
        name="risk_delete",
    ),
    path("<str:period>/docenten/", views.teachers_edit, name="teachers_edit"),
    path("<str:period>/begroting/", views.budget_edit, name="budget_edit"),
    path("<str:period>/indienen/", views.plan_submit, name="plan_submit"),
    path("<str:period>/nieuwe-versie/", views.plan_new_version, name="plan_new_version"),
    path("<str:period>/versies/<int:version>/", views.plan_version, name="plan_version"),
    path("<str:period>/vergelijken/", views.plan_compare, name="plan_compare"),
]

urlpatterns = [
    path("plannen/", views.all_plans, name="all_plans"),
    path("regios/<str:sto_number>/plannen/", include(region_patterns)),
]
