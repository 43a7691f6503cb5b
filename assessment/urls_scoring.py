"""The scoring pages under /beoordeling/ (see ``assessment.views_scoring``)."""

from django.urls import URLPattern, path

from . import views_scoring as views

APPLICATION = "aanvragen/<str:sto_number>/<str:period>/versie-<int:version>"

urlpatterns: list[URLPattern] = [
    path("", views.applications, name="applications"),
    path("werkverdeling/", views.workload, name="workload"),
    path("mijn-beoordelingen/", views.work_list, name="work_list"),
    path("beoordelingen/<int:pk>/", views.review, name="review"),
    path(f"{APPLICATION}/beoordelaars/", views.assign, name="assign"),
    path(f"{APPLICATION}/scores/", views.scores, name="scores"),
    path("kader/<str:period>/", views.framework, name="framework"),
]
