from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.CouncilDecisionText)
class CouncilDecisionTextAdmin(SimpleHistoryAdmin):
    list_display = ["region", "municipality", "period"]
    list_select_related = ["region", "municipality", "period"]
    search_fields = ["region__sto_number", "municipality__name", "municipality__key"]
    autocomplete_fields = ["region", "municipality"]


@admin.register(models.DecisionLetterText)
class DecisionLetterTextAdmin(SimpleHistoryAdmin):
    list_display = ["plan"]
    list_select_related = ["plan__region", "plan__period"]
    search_fields = ["plan__region__sto_number", "plan__region__name"]
    raw_id_fields = ["plan"]


@admin.register(models.ReportBatch)
class ReportBatchAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "year", "status", "done", "failed", "total", "started_by"]
    list_filter = ["kind", "status", "year"]
    list_select_related = ["started_by"]


@admin.register(models.GeneratedDocument)
class GeneratedDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "region", "year", "size", "batch"]
    list_filter = ["kind", "year"]
    list_select_related = ["region", "batch"]
    search_fields = ["region__sto_number"]


@admin.register(models.AnnualReportNarrative)
class AnnualReportNarrativeAdmin(SimpleHistoryAdmin):
    list_display = ["region", "year", "section"]
    list_filter = ["year", "section"]
    list_select_related = ["region"]
    search_fields = ["region__sto_number"]


@admin.register(models.AnnualReportSnapshot)
class AnnualReportSnapshotAdmin(SimpleHistoryAdmin):
    list_display = ["region", "year", "submitted_on", "frozen_at", "sha256"]
    list_filter = ["year"]
    list_select_related = ["region"]
    search_fields = ["region__sto_number", "sha256"]
    readonly_fields = ["region", "year", "submitted_on", "frozen_at", "data", "sha256"]
