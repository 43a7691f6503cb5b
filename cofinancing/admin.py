from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.Grant)
class GrantAdmin(SimpleHistoryAdmin):
    list_display = ["region", "period", "year", "amount"]
    list_filter = ["period", "year"]
    list_select_related = ["region", "period"]
    search_fields = ["region__sto_number", "region__name"]
    autocomplete_fields = ["region"]


@admin.register(models.CofinancingCommitment)
class CofinancingCommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["region", "organisation", "year", "form", "committed", "realised"]
    list_filter = ["form", "year"]
    list_select_related = ["region", "organisation"]
    search_fields = ["region__sto_number", "organisation__name", "organisation__key"]
    autocomplete_fields = ["region", "organisation"]


@admin.register(models.MunicipalContribution)
class MunicipalContributionAdmin(SimpleHistoryAdmin):
    list_display = ["region", "municipality", "year", "requested", "approved", "status"]
    list_filter = ["status", "year"]
    list_select_related = ["region", "municipality"]
    search_fields = ["region__sto_number", "municipality__name", "municipality__key"]
    autocomplete_fields = ["region", "municipality"]
