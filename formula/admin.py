from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.FormulaScenario)
class FormulaScenarioAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "reference_date",
        "base_per_school",
        "per_student",
        "guarantee_pct",
        "guarantee_year",
        "ceiling",
        "created_by",
        "created_at",
    ]
    list_select_related = ["created_by"]
    search_fields = ["name", "created_by__username"]
    readonly_fields = ["created_by", "created_at"]
