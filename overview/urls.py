"""URLs of the overview pages. The root URL configuration mounts ``region_patterns`` at /regios/
together with the pages of ``regions``, in the one URL namespace "regions"."""

from django.urls import path

from . import views

urlpatterns = [
    # A role-aware start: manager → overview, officer → contributions, reviewer → region list.
    path("", views.home, name="home"),
]

region_patterns = [
    path("", views.region_list, name="region_list"),
    path("export/lijst.xlsx", views.region_list_excel, name="region_list_excel"),
    path("export/werkboek.xlsx", views.region_list_workbook, name="region_list_workbook"),
    path("<str:sto_number>/", views.region_detail, name="region_detail"),
    path(
        "<str:sto_number>/jaarverslagen/",
        views.annual_report_list,
        name="annual_report_list",
    ),
]
