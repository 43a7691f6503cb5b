from django.urls import path

from . import views

app_name = "cofinancing"

urlpatterns = [
    # Municipal officers: the contributions asked of their municipality.
    path("gemeente/", views.officer_contributions, name="officer_contributions"),
    path(
        "gemeente/export.xlsx",
        views.officer_contributions_export,
        name="officer_contributions_export",
    ),
    path("bijdragen/<int:pk>/", views.contribution_detail, name="contribution_detail"),
    path("bijdragen/<int:pk>/besluit/", views.contribution_decide, name="contribution_decide"),
    # Per region (programme managers of the region; reviewers and administrators).
    path("<str:sto_number>/cofinanciering/", views.commitment_list, name="commitment_list"),
    path(
        "<str:sto_number>/cofinanciering/nieuw/",
        views.commitment_create,
        name="commitment_create",
    ),
    path(
        "<str:sto_number>/cofinanciering/export.xlsx",
        views.commitment_export,
        name="commitment_export",
    ),
    path(
        "<str:sto_number>/cofinanciering/<int:pk>/",
        views.commitment_detail,
        name="commitment_detail",
    ),
    path("<str:sto_number>/subsidies/", views.grant_list, name="grant_list"),
    path("<str:sto_number>/bijdragen/", views.contribution_list, name="contribution_list"),
    path(
        "<str:sto_number>/bijdragen/aanvragen/",
        views.contribution_request,
        name="contribution_request",
    ),
    path(
        "<str:sto_number>/bijdragen/verdelen/",
        views.contribution_split,
        name="contribution_split",
    ),
    path(
        "<str:sto_number>/bijdragen/export.xlsx",
        views.contribution_export,
        name="contribution_export",
    ),
]
