"""Reporting pages, mounted at /rapportage/ (namespace ``reporting``)."""

from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.index, name="index"),
    path("monitor/", views.monitor, name="monitor"),
    path("monitor.pdf", views.monitor_pdf, name="monitor_pdf"),
    path("monitor.xlsx", views.monitor_xlsx, name="monitor_xlsx"),
    path("export/<slug:name>.xlsx", views.list_xlsx, name="list_xlsx"),
    path(
        "jaarverslag/<str:sto_number>/<int:year>.pdf",
        views.annual_report_pdf,
        name="annual_report_pdf",
    ),
    path(
        "jaarverslag/<str:sto_number>/<int:year>/toelichting/",
        views.annual_report_narratives,
        name="annual_report_narratives",
    ),
    path(
        "besluit/<str:sto_number>/<str:municipality_key>/<str:period>/",
        views.council_decision_edit,
        name="council_decision_edit",
    ),
    path(
        "besluit/<str:sto_number>/<str:municipality_key>/<str:period>.pdf",
        views.council_decision_pdf,
        name="council_decision_pdf",
    ),
    path("beschikking/<int:pk>/", views.decision_letter_edit, name="decision_letter_edit"),
    path("beschikking/<int:pk>.pdf", views.decision_letter, name="decision_letter"),
    path("beoordelingen/<str:period>.xlsx", views.assessments_export, name="assessments_export"),
    path(
        "begroting/<str:sto_number>/<str:period>.xlsx",
        views.budget_download,
        name="budget_download",
    ),
    path(
        "begroting/<str:sto_number>/<str:period>/uploaden/",
        views.budget_upload,
        name="budget_upload",
    ),
    path("jaarverslagen/", views.batch_list, name="batch_list"),
    path("jaarverslagen/start/", views.batch_start, name="batch_start"),
    path("jaarverslagen/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("documenten/<int:pk>/download/", views.document_download, name="document_download"),
]
