from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Ceiling,
    Criterion,
    Decision,
    Framework,
    Judgement,
    LotDraw,
    Override,
    Review,
    SubAspect,
)


class SubAspectInline(admin.TabularInline):
    model = SubAspect
    extra = 0
    fields = ("position", "code", "scored", "scale_max", "weight")


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ("period", "version", "scored_kinds", "spread_threshold", "created_at")
    list_filter = ("period",)


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ("framework", "position", "code")
    list_filter = ("framework__period",)
    inlines = [SubAspectInline]


@admin.register(SubAspect)
class SubAspectAdmin(SimpleHistoryAdmin):
    list_display = ("code", "criterion", "scored", "scale_max", "weight")
    list_filter = ("criterion__framework__period", "criterion__code")


class JudgementInline(admin.TabularInline):
    model = Judgement
    extra = 0
    fields = ("sub_aspect", "minimum_met", "reason", "score", "note")


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ("plan", "reviewer", "external_reviewer", "assigned_at", "submitted_at")
    list_filter = ("plan__period",)
    search_fields = ("plan__region__sto_number", "reviewer__username", "external_reviewer")
    list_select_related = ("plan__region", "plan__period", "reviewer")
    inlines = [JudgementInline]


@admin.register(Judgement)
class JudgementAdmin(SimpleHistoryAdmin):
    list_display = ("review", "sub_aspect", "minimum_met", "score")
    list_select_related = ("review__plan__region", "review__reviewer", "sub_aspect")


@admin.register(Ceiling)
class CeilingAdmin(SimpleHistoryAdmin):
    list_display = ("period", "amount", "set_by", "set_at")


@admin.register(LotDraw)
class LotDrawAdmin(SimpleHistoryAdmin):
    list_display = ("period", "region", "number", "drawn_by", "drawn_at")


@admin.register(Override)
class OverrideAdmin(SimpleHistoryAdmin):
    list_display = ("plan", "status", "awarded", "proposed_by", "approved", "decided_by")
    list_select_related = ("plan__region", "plan__period", "proposed_by", "decided_by")


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ("plan", "outcome", "awarded", "proposed_by", "approved_by", "approved_at")
    list_select_related = ("plan__region", "plan__period", "proposed_by", "approved_by")
