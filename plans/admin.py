from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["region", "period", "version", "status", "requested", "submitted_on"]
    list_filter = ["status", "period"]
    list_select_related = ["region", "period"]
    search_fields = ["region__sto_number", "region__name"]
    autocomplete_fields = ["region"]


@admin.register(models.Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "code", "theme"]
    list_select_related = ["plan__region", "plan__period"]


@admin.register(models.Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "code", "title", "starts", "ends", "owner"]
    list_select_related = ["plan__region", "plan__period", "owner"]
    autocomplete_fields = ["owner"]


@admin.register(models.Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "risk", "likelihood", "impact", "owner"]
    list_select_related = ["plan__region", "plan__period", "owner"]
    autocomplete_fields = ["owner"]


@admin.register(models.TeacherShortage)
class TeacherShortageAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "profile", "qualified", "to_train", "needing_training", "to_replace"]
    list_select_related = ["plan__region", "plan__period"]


@admin.register(models.BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "year", "organisation", "personnel", "material", "overhead"]
    list_select_related = ["plan__region", "plan__period", "organisation"]
    autocomplete_fields = ["organisation"]
