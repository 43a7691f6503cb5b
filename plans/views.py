"""Pages of a region's plan: the plan per period with its versions, the regiovisie, goals,
activities, risks, teacher table and budget, submitting, a new version, and comparing versions;
and the reviewers' list of all plans.

Views are thin: ``plans.selectors`` read (404 for "not yours"), ``regions.permissions`` decides
who may write (403 for a reader), forms check the shape and ``plans.services`` write with
``by=request.user``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regions.models import Period, Region, partners_during
from regions.permissions import can_write_plan
from regions.views.common import region_context
from sto.history import history_entries
from sto.web import add_service_errors, int_param, paginate, querystring_without_page

from . import services
from .budget import budget_summary
from .compare import compare
from .forms import (
    BUDGET_COLUMNS,
    TEACHER_COLUMNS,
    ActivityForm,
    BudgetYearForm,
    GoalForm,
    PlanFilterForm,
    RegiovisieForm,
    RiskForm,
    TeacherForm,
)
from .models import LEVELS, REGIOVISIE_SECTIONS, Activity, Goal, Plan, PlanStatus, Risk
from .selectors import (
    activity_get,
    goal_get,
    plan_get,
    plans_listed,
    plans_of_region,
    region_for_plans,
    risk_get,
)


def _context(request: HttpRequest, region: Region, plan: Plan | None = None) -> dict:
    context = region_context(request, region, "plans")
    context["can_write"] = can_write_plan(request.user, region)
    if plan is not None:
        context["plan"] = plan
        context["period"] = plan.period
        context["editable"] = context["can_write"] and plan.is_open
    return context


def _writable(request: HttpRequest, sto_number: str, period: str) -> tuple[Region, Plan]:
    """The region and current plan version the user may change: 404 when not readable, 403
    for a reader who may not write."""
    region = region_for_plans(request.user, sto_number)
    if not can_write_plan(request.user, region):
        raise PermissionDenied(_("Alleen de programmamanager van deze regio wijzigt het plan."))
    return region, plan_get(region, period)


def _frozen(request: HttpRequest, plan: Plan) -> HttpResponse | None:
    """Send the user back to the plan when the version can no longer be changed."""
    if plan.is_open:
        return None
    messages.error(
        request,
        _("Versie %(version)s is %(status)s en kan niet meer worden gewijzigd.")
        % {"version": plan.version, "status": plan.get_status_display()},
    )
    return redirect("plans:plan_detail", sto_number=plan.region.sto_number, period=plan.period.code)


def _back(plan: Plan, anchor: str = "") -> HttpResponse:
    response = redirect(
        "plans:plan_detail", sto_number=plan.region.sto_number, period=plan.period.code
    )
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _delete_url(item: Goal | Activity | Risk | None) -> str | None:
    if item is None:
        return None
    name = {Goal: "goal_delete", Activity: "activity_delete", Risk: "risk_delete"}[type(item)]
    return reverse(
        f"plans:{name}", args=[item.plan.region.sto_number, item.plan.period.code, item.pk]
    )


def _partners(plan: Plan):
    return partners_during(plan.region, plan.period.first_day, plan.period.end_date)


# --- the region's plans ---------------------------------------------------------------------------


def plan_list(request: HttpRequest, sto_number: str) -> HttpResponse:
    """Every period with the region's plan for it and its versions."""
    region = region_for_plans(request.user, sto_number)
    today = timezone.localdate()
    context = _context(request, region)
    context.update({"periods": plans_of_region(region), "today": today})
    return render(request, "plans/plan_list.html", context)


@require_POST
def plan_start(request: HttpRequest, sto_number: str, period: str) -> HttpResponse:
    region = region_for_plans(request.user, sto_number)
    if not can_write_plan(request.user, region):
        raise PermissionDenied(_("Alleen de programmamanager van deze regio wijzigt het plan."))
    period_obj = Period.objects.filter(code=period).first()
    if period_obj is None:
        raise PermissionDenied(_("Onbekende periode."))
    try:
        plan = services.plan_create(by=request.user, region=region, period=period_obj)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("plans:plan_list", sto_number=region.sto_number)
    messages.success(
        request, _("Het plan voor periode %(period)s is gestart.") % {"period": period_obj.code}
    )
    return _back(plan)


def _risk_matrix(plan: Plan) -> list[dict]:
    """Likelihood (rows, large first) × impact (columns, small first), with the risks of each
    cell (seeds 004 B.2 §3.3)."""
    risks = list(plan.risks.select_related("owner"))
    rows = []
    for likelihood in reversed(LEVELS):
        cells = []
        for impact in LEVELS:
            cells.append(
                {
                    "impact": impact,
                    "risks": [r for r in risks if (r.likelihood, r.impact) == (likelihood, impact)],
                    "weight": (LEVELS.index(likelihood) + 1) * (LEVELS.index(impact) + 1),
                }
            )
        rows.append({"likelihood": likelihood, "cells": cells})
    return rows


def _plan_page(request: HttpRequest, region: Region, plan: Plan, template: str) -> HttpResponse:
    context = _context(request, region, plan)
    teachers = {row.profile: row for row in plan.teacher_shortages.all()}
    context.update(
        {
            "sections": [
                {"title": title, "text": getattr(plan, name)} for name, title in REGIOVISIE_SECTIONS
            ],
            "goals": list(plan.goals.all()),
            "activities": list(plan.activities.select_related("owner").prefetch_related("goals")),
            "risks": list(plan.risks.select_related("owner")),
            "risk_matrix": _risk_matrix(plan),
            "levels": LEVELS,
            "teachers": [
                {"profile": profile, "row": teachers.get(profile)}
                for profile in ("BWI", "PIE", "M&T", "MaT", "MVI")
            ],
            "teacher_columns": TEACHER_COLUMNS,
            "budget": budget_summary(plan),
            "versions": list(
                Plan.objects.filter(region=region, period=plan.period).order_by("-version")
            ),
            "problems": services.submission_problems(plan) if plan.is_open else [],
            "history": history_entries(plan),
            "today": timezone.localdate(),
        }
    )
    return render(request, template, context)


def plan_detail(request: HttpRequest, sto_number: str, period: str) -> HttpResponse:
    """The current version of the region's plan for ``period``."""
    region = region_for_plans(request.user, sto_number)
    plan = plan_get(region, period)
    return _plan_page(request, region, plan, "plans/plan_detail.html")


def plan_version(request: HttpRequest, sto_number: str, period: str, version: int) -> HttpResponse:
    """An earlier (or the current) version, read-only."""
    region = region_for_plans(request.user, sto_number)
    plan = plan_get(region, period, version)
    return _plan_page(request, region, plan, "plans/plan_detail.html")


def plan_compare(request: HttpRequest, sto_number: str, period: str) -> HttpResponse:
    """Two versions side by side (``?van=1&met=2``; default the last two), changes marked."""
    region = region_for_plans(request.user, sto_number)
    current = plan_get(region, period)
    newer_version = int_param(request, "met") or current.version
    older_version = int_param(request, "van") or max(1, newer_version - 1)
    older = plan_get(region, period, older_version)
    newer = plan_get(region, period, newer_version)
    context = _context(request, region, current)
    context.update(
        {
            "comparison": compare(older, newer),
            "versions": list(
                Plan.objects.filter(region=region, period=current.period).order_by("version")
            ),
        }
    )
    return render(request, "plans/plan_compare.html", context)


# --- writing the plan -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def regiovisie_edit(request: HttpRequest, sto_number: str, period: str) -> HttpResponse:
    region, plan = _writable(request, sto_number, period)
    if (frozen := _frozen(request, plan)) is not None:
        return frozen
    if request.method == "POST":
        form = RegiovisieForm(request.POST)
        if form.is_valid():
            try:
                services.plan_update(
                    by=request.user,
                    plan=plan,
                    requested=form.cleaned_data["requested"],
                    **form.sections(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De regiovisie is opgeslagen."))
                return _back(plan, "regiovisie")
    else:
        form = RegiovisieForm(initial=RegiovisieForm.initial_of(plan))
    context = _context(request, region, plan)
    context["form"] = form
    return render(
        request, "plans/regiovisie_form.html", context, status=400 if form.errors else 200
    )


def _edit_page(
    request: HttpRequest,
    region: Region,
    plan: Plan,
    form,
    *,
    title: str,
    instance=None,
    delete_url: str | None = None,
) -> HttpResponse:
    context = _context(request, region, plan)
    context.update(
        {
            "form": form,
            "title": title,
            "instance": instance,
            "delete_url": delete_url,
            "history": history_entries(instance) if instance is not None else [],
        }
    )
    return render(request, "plans/item_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def goal_edit(
    request: HttpRequest, sto_number: str, period: str, pk: int | None = None
) -> HttpResponse:
    region, plan = _writable(request, sto_number, period)
    goal = goal_get(plan, pk) if pk is not None else None
    if (frozen := _frozen(request, plan)) is not None:
        return frozen
    if request.method == "POST":
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                services.goal_save(by=request.user, plan=plan, goal=goal, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Het doel is opgeslagen."))
                return _back(plan, "doelen")
    else:
        initial = {}
        if goal is not None:
            initial = {
                name: getattr(goal, name)
                for name in ("code", "theme", "description", "milestone_2y", "milestone_4y")
            }
        form = GoalForm(initial=initial)
    title = _("Doel %(code)s") % {"code": goal.code} if goal else _("Nieuw doel")
    return _edit_page(
        request, region, plan, form, title=title, instance=goal, delete_url=_delete_url(goal)
    )


@require_http_methods(["GET", "POST"])
def activity_edit(
    request: HttpRequest, sto_number: str, period: str, pk: int | None = None
) -> HttpResponse:
    region, plan = _writable(request, sto_number, period)
    activity = activity_get(plan, pk) if pk is not None else None
    if (frozen := _frozen(request, plan)) is not None:
        return frozen
    partners = _partners(plan)
    if request.method == "POST":
        form = ActivityForm(request.POST, partners=partners, plan=plan)
        if form.is_valid():
            try:
                services.activity_save(
                    by=request.user, plan=plan, activity=activity, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De activiteit is opgeslagen."))
                return _back(plan, "activiteiten")
    else:
        initial: dict = {"starts": plan.period.first_day, "ends": plan.period.end_date}
        if activity is not None:
            initial = {
                name: getattr(activity, name)
                for name in ("code", "title", "starts", "ends", "result", "owner")
            }
            initial["goals"] = list(activity.goals.all())
        form = ActivityForm(initial=initial, partners=partners, plan=plan)
    title = (
        _("Activiteit %(code)s") % {"code": activity.code} if activity else _("Nieuwe activiteit")
    )
    return _edit_page(
        request,
        region,
        plan,
        form,
        title=title,
        instance=activity,
        delete_url=_delete_url(activity),
    )


@require_http_methods(["GET", "POST"])
def risk_edit(
    request: HttpRequest, sto_number: str, period: str, pk: int | None = None
) -> HttpResponse:
    region, plan = _writable(request, sto_number, period)
    risk = risk_get(plan, pk) if pk is not None else None
    if (frozen := _frozen(request, plan)) is not None:
        return frozen
    partners = _partners(plan)
    if request.method == "POST":
        form = RiskForm(request.POST, partners=partners)
        if form.is_valid():
            try:
                services.risk_save(by=request.user, plan=plan, instance=risk, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Het risico is opgeslagen."))
                return _back(plan, "risicos")
    else:
        initial = {}
        if risk is not None:
            initial = {
                name: getattr(risk, name)
                for name in ("risk", "likelihood", "impact", "measure", "owner")
            }
        form = RiskForm(initial=initial, partners=partners)
    title = _("Risico") if risk else _("Nieuw risico")
    return _edit_page(
        request, region, plan, form, title=title, instance=risk, delete_url=_delete_url(risk)
    )


_DELETERS = {
    "goal": (goal_get, services.goal_delete, "goal", "doelen"),
    "activity": (activity_get, services.activity_delete, "activity", "activiteiten"),
    "risk": (risk_get, services.risk_delete, "risk", "risicos"),
}


@require_http_methods(["GET", "POST"])
def item_delete(
    request: HttpRequest, sto_number: str, period: str, pk: int, kind: str
) -> HttpResponse:
    """Remove a goal, activity or risk from an open version (asks first)."""
    region, plan = _writable(request, sto_number, period)
    getter, delete, argument, anchor = _DELETERS[kind]
    item = getter(plan, pk)
    if (frozen := _frozen(request, plan)) is not None:
        return frozen
    if request.method == "POST":
        try:
            delete(by=request.user, **{argument: item})
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(item)s is verwijderd.") % {"item": item})
        return _back(plan, anchor)
    context = _context(request, region, plan)
    context.update({"item": item})
    return render(request, "plans/item_delete.html", context)


@require_http_methods(["GET", "POST"])
def teachers_edit(request: HttpRequest, sto_number: str, period: str) -> HttpResponse:
    region, plan = _writable(request, sto_number, period)
    if (frozen := _frozen(request, plan)) is not None:
        return frozen
    if request.method == "POST":
        form = TeacherForm(request.POST)
        if form.is_valid():
            counts = {
                profile: services.TeacherCounts(*values)
                for profile, values in form.counts().items()
            }
            try:
                services.teacher_shortages_set(by=request.user, plan=plan, counts=counts)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De docententabel is opgeslagen."))
                return _back(plan, "docenten")
    else:
        initial = {}
        for row in plan.teacher_shortages.all():
            for column, _label in TEACHER_COLUMNS:
                initial[TeacherForm.field_name(row.profile, column)] = getattr(row, column)
        form = TeacherForm(initial=initial)
    context = _context(request, region, plan)
    context.update({"form": form, "columns": TEACHER_COLUMNS})
    return render(request, "plans/teachers_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def budget_edit(request: HttpRequest, sto_number: str, period: str) -> HttpResponse:
    """One year of the budget as a grid: a row per partner of the region during the period."""
    region, plan = _writable(request, sto_number, period)
    if (frozen := _frozen(request, plan)) is not None:
        return frozen
    years = list(plan.period.years)
    year = int_param(request, "jaar")
    if year not in years:
        year = years[0]
    partners = list(_partners(plan))
    if request.method == "POST":
        form = BudgetYearForm(request.POST, partners=partners)
        if form.is_valid():
            lines = [
                services.BudgetInput(year, organisation, *amounts)
                for organisation, amounts in form.amounts().items()
            ]
            try:
                services.budget_lines_set(
                    by=request.user, plan=plan, lines=lines, replace_years=[year]
                )
            except services.BudgetInvalid as error:
                for problem in error.problems:
                    form.add_error(None, problem.message)
            else:
                messages.success(
                    request, _("De begroting voor %(year)s is opgeslagen.") % {"year": year}
                )
                return _back(plan, "begroting")
    else:
        initial = {}
        for line in plan.budget_lines.filter(year=year):
            for column, _label in BUDGET_COLUMNS:
                initial[BudgetYearForm.field_name(line.organisation, column)] = getattr(
                    line, column
                )
        form = BudgetYearForm(initial=initial, partners=partners)
    context = _context(request, region, plan)
    context.update({"form": form, "year": year, "years": years, "columns": BUDGET_COLUMNS})
    return render(request, "plans/budget_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def plan_submit(request: HttpRequest, sto_number: str, period: str) -> HttpResponse:
    """Hand in the current version (asks first); it is frozen afterwards."""
    region, plan = _writable(request, sto_number, period)
    if (frozen := _frozen(request, plan)) is not None:
        return frozen
    problems = services.submission_problems(plan)
    if request.method == "POST":
        try:
            services.plan_submit(by=request.user, plan=plan, on=timezone.localdate())
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                _("Versie %(version)s van het plan is ingediend.") % {"version": plan.version},
            )
            return _back(plan)
    context = _context(request, region, plan)
    context.update({"problems": problems, "budget": budget_summary(plan)})
    status = 400 if problems and request.method == "POST" else 200
    return render(request, "plans/plan_submit.html", context, status=status)


@require_POST
def plan_new_version(request: HttpRequest, sto_number: str, period: str) -> HttpResponse:
    region, plan = _writable(request, sto_number, period)
    try:
        new = services.plan_new_version(by=request.user, plan=plan)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _back(plan)
    messages.success(
        request,
        _("Versie %(version)s staat klaar om te verbeteren.") % {"version": new.version},
    )
    return _back(new)


# --- all plans (reviewers) ---------------------------------------------------------------------


def all_plans(request: HttpRequest) -> HttpResponse:
    """The current version of every plan the user may read, filtered by period and status."""
    periods = list(Period.objects.order_by("-start_year"))
    form = PlanFilterForm(request.GET or None, periods=periods, statuses=PlanStatus.choices)
    valid = form.is_bound and form.is_valid()
    plans = plans_listed(
        request.user,
        period=form.cleaned_data["period"] if valid else "",
        status=form.cleaned_data["status"] if valid else "",
    )
    page = paginate(request, plans)
    return render(
        request,
        "plans/all_plans.html",
        {
            "form": form,
            "page": page,
            "plans": page.object_list,
            "querystring": querystring_without_page(request),
        },
    )
