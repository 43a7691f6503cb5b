from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.Period)
class PeriodAdmin(SimpleHistoryAdmin):
    list_display = ["code", "start_year", "end_year", "min_cofinancing_pct"]


@admin.register(models.Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["key", "name", "kind", "city"]
    list_filter = ["kind"]
    search_fields = ["key", "name", "city"]


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(models.Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["sto_number", "name", "kind", "lead"]
    list_filter = ["kind"]
    search_fields = ["sto_number", "name", "lead__name"]
    list_select_related = ["lead"]
    autocomplete_fields = ["lead"]
    inlines = [MembershipInline]


@admin.register(models.Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["region", "organisation", "start", "end"]
    list_select_related = ["region", "organisation"]
    search_fields = ["region__sto_number", "organisation__name", "organisation__key"]
    autocomplete_fields = ["region", "organisation"]


@admin.register(models.StudentCount)
class StudentCountAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "reference_date", "profile", "learning_path", "students"]
    list_filter = ["profile", "learning_path", "reference_date"]
    list_select_related = ["organisation"]
    search_fields = ["organisation__key", "organisation__name"]
    autocomplete_fields = ["organisation"]


class SignatureInline(admin.TabularInline):
    model = models.Signature
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(models.Convenant)
class ConvenantAdmin(SimpleHistoryAdmin):
    list_display = ["title", "region", "period", "starts", "ends", "signing_deadline"]
    list_select_related = ["region", "period"]
    search_fields = ["title", "region__sto_number"]
    autocomplete_fields = ["region"]
    inlines = [SignatureInline]


@admin.register(models.Signature)
class SignatureAdmin(SimpleHistoryAdmin):
    list_display = ["convenant", "organisation", "signed_on", "signatory"]
    list_select_related = ["convenant", "organisation"]
    autocomplete_fields = ["convenant", "organisation"]


@admin.register(models.AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    list_display = ["region", "year", "submitted_on"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]


@admin.register(models.Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = [
        "region",
        "rule",
        "severity",
        "subject",
        "first_seen",
        "last_seen",
        "resolved_at",
    ]
    list_filter = ["rule", "severity", ("resolved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["region"]
    search_fields = ["region__sto_number", "message"]


@admin.register(models.Reminder)
class ReminderAdmin(SimpleHistoryAdmin):
    list_display = ["key", "region", "subject", "created_at", "sent_at"]
    list_select_related = ["region"]
    # "sent_at empty" = claimed but not confirmed (the worker died while sending): deleting such
    # a row lets the next reminder run send it (docs/rules.md, "Reminders").
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["key", "recipients", "region__sto_number"]


@admin.register(models.ManagerAssignment)
class ManagerAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "region"]
    list_select_related = ["user", "region"]
    autocomplete_fields = ["region"]


@admin.register(models.OfficerAssignment)
class OfficerAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "municipality"]
    list_select_related = ["user", "municipality"]
    autocomplete_fields = ["municipality"]


# --- users: deactivated, never deleted ------------------------------------------------------------


@admin.action(description=_("Geselecteerde gebruikers deactiveren"))
def deactivate_users(modeladmin, request, queryset):
    for user in queryset.filter(is_active=True):
        user.is_active = False
        user.save(update_fields=["is_active"])


class StoUserAdmin(UserAdmin):
    """Django's user admin without delete: a person who leaves is deactivated, so every history
    entry keeps naming who acted (``history_user`` would otherwise go blank)."""

    actions = [deactivate_users]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, StoUserAdmin)
