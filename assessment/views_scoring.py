"""The scoring pages: the period's applications with their reviewers and progress, the workload
per reviewer, assigning reviewers, a reviewer's work list, the scoring page, every reviewer's
scores side by side, and the framework of a period with its versions.

Views are thin: ``assessment.selectors`` read (404 for "not yours"), ``regions.permissions``
decides who may act (403), forms check the shape and ``assessment.services`` write with
``by=request.user``.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plans.models import SUBMITTED_STATUSES, Plan
from regions.models import Period, RegionKind
from regions.permissions import (
    can_adjust_framework,
    can_assess,
    can_assign_reviewers,
    can_follow_assessment,
    can_open_assessment,
    can_see_scores,
)
from sto.history import history_entries
from sto.web import add_service_errors, int_param

from . import ranking, selectors, services
from .forms import AssignForm, FrameworkForm, NewVersionForm, PeriodFilterForm, ReviewForm
from .framework import CRITERION_OF, framework_in_force, sub_aspects_of
from .models import Criterion, Framework, Judgement, Review, SubAspect


def _render(
    request: HttpRequest, template: str, context: dict, *, period: Period | None, status: int = 200
) -> HttpResponse:
    """Render a scoring page with its sub-navigation (the period it is about, if any)."""
    context.update({"follows": can_follow_assessment(request.user), "nav_period": period})
    return render(request, f"assessment/scoring/{template}", context, status=status)


def _int_post(request: HttpRequest, name: str) -> int | None:
    """A whole number from the posted form; anything else is ``None``."""
    value = request.POST.get(name, "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


def _require_follower(request: HttpRequest) -> None:
    if not can_follow_assessment(request.user):
        raise PermissionDenied(_("Alleen coördinerend beoordelaars en beheerders zien dit."))


def _periods_and_choice(request: HttpRequest) -> tuple[PeriodFilterForm, Period | None]:
    """The period filter: ``?periode=``, else the newest period with submitted applications."""
    periods = list(Period.objects.order_by("-start_year", "code"))
    code = request.GET.get("periode", "")
    chosen = next((p for p in periods if p.code == code), None)
    if chosen is None:
        newest = (
            Plan.objects.filter(status__in=SUBMITTED_STATUSES)
            .order_by("-period__start_year")
            .values_list("period_id", flat=True)
            .first()
        )
        chosen = next((p for p in periods if p.pk == newest), periods[0] if periods else None)
    form = PeriodFilterForm(initial={"periode": chosen.code if chosen else ""}, periods=periods)
    return form, chosen


def _framework(pk: int) -> Framework:
    """A version of the framework with its criteria and sub-aspects (a fixed number of queries)."""
    return (
        Framework.objects.select_related("period")
        .prefetch_related(
            Prefetch(
                "criteria",
                queryset=Criterion.objects.prefetch_related(
                    Prefetch("sub_aspects", queryset=SubAspect.objects.order_by("position"))
                ).order_by("position"),
            )
        )
        .get(pk=pk)
    )


def total_of(
    plan: Plan, sub_aspects: list[SubAspect], scores: dict[str, Decimal | None]
) -> Decimal:
    """One reviewer's total: the weighted sum the ranking makes of the means, here of one
    reviewer's scores (``ranking.Application.total_score``, the one definition)."""
    results = {
        sub.code: ranking.SubAspectResult(
            sub.code,
            CRITERION_OF.get(sub.code, ""),
            sub.weight,
            {"": Judgement(score=scores.get(sub.code))},
        )
        for sub in sub_aspects
    }
    application = ranking.Application(
        plan=plan, sub_aspects=results, failed_minimum=[], reviewers=[]
    )
    return application.total_score


# --- the applications of a period ----------------------------------------------------------------


def _decided(plan: Plan) -> bool:
    decision = getattr(plan, "decision", None)  # selected with the plan; none is None
    return decision is not None and decision.is_final


def applications(request: HttpRequest) -> HttpResponse:
    """The period's applications with their reviewers and progress (a reviewer: only those
    assigned to them)."""
    user = request.user
    if not can_open_assessment(user):
        raise PermissionDenied(_("Alleen beoordelaars en beheerders zien de beoordeling."))
    form, period = _periods_and_choice(request)
    rows = []
    plans = list(selectors.applications_for(user, period)) if period is not None else []
    for plan in plans:
        reviews = list(plan.reviews.all())
        own = next((r for r in reviews if r.reviewer_id == user.pk), None)
        rows.append(
            {
                "plan": plan,
                "reviews": reviews,
                "own": own,
                "may_assess": own is not None and can_assess(user, plan.region),
                "submitted": sum(1 for r in reviews if r.is_submitted),
                "needs": max(services.MIN_REVIEWS - len(reviews), 0),
                "may_assign": can_assign_reviewers(user, plan.region),
                "may_see_scores": can_see_scores(
                    user,
                    plan.region,
                    own_review_submitted=None if own is None else own.is_submitted,
                    decided=_decided(plan),
                ),
            }
        )
    return _render(
        request,
        "applications.html",
        {
            "form": form,
            "period": period,
            "rows": rows,
            "min_reviews": services.MIN_REVIEWS,
            "active": "applications",
        },
        period=period,
    )


def workload(request: HttpRequest) -> HttpResponse:
    """Per reviewer: the applications assigned and submitted in the period."""
    _require_follower(request)
    form, period = _periods_and_choice(request)
    return _render(
        request,
        "workload.html",
        {
            "form": form,
            "period": period,
            "rows": selectors.workload(period) if period is not None else [],
            "active": "workload",
        },
        period=period,
    )


@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest, sto_number: str, period: str, version: int) -> HttpResponse:
    """Assign reviewers to an application, or withdraw an assignment not started on."""
    plan = selectors.application_get(request.user, sto_number, period, version)
    if not can_assign_reviewers(request.user, plan.region):
        raise PermissionDenied(_("Alleen een coördinerend beoordelaar wijst beoordelaars toe."))
    here = reverse("assessment:assign", args=[sto_number, period, version])
    load = {w.reviewer.pk: w for w in selectors.workload(plan.period)}
    candidates = selectors.assignable_reviewers(plan)
    choices = [
        (
            r.pk,
            _("%(name)s (%(open)s open, %(submitted)s ingediend)")
            % {
                "name": r.get_full_name() or r.get_username(),
                "open": load[r.pk].open if r.pk in load else 0,
                "submitted": load[r.pk].submitted if r.pk in load else 0,
            },
        )
        for r in candidates
    ]
    form = AssignForm(choices=choices)
    status = 200
    if request.method == "POST":
        withdraw = _int_post(request, "intrekken")
        if withdraw is not None:
            review = Review.objects.filter(pk=withdraw, plan=plan).first()
            if review is None:
                raise Http404("Toewijzing niet gevonden.")
            try:
                services.review_unassign(by=request.user, review=review)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("De toewijzing van %(name)s is ingetrokken.")
                    % {"name": review.reviewer_name},
                )
            return redirect(here)
        form = AssignForm(request.POST, choices=choices)
        if form.is_valid():
            reviewer = get_user_model().objects.get(pk=form.cleaned_data["reviewer"])
            try:
                services.review_assign(by=request.user, plan=plan, reviewer=reviewer)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s beoordeelt nu de aanvraag van %(region)s.")
                    % {"name": reviewer.get_username(), "region": plan.region.name},
                )
                return redirect(here)
        status = 400
    reviews = list(plan.reviews.select_related("reviewer", "assigned_by").order_by("pk"))
    return _render(
        request,
        "assign.html",
        {
            "plan": plan,
            "form": form,
            "reviews": reviews,
            "needs": max(services.MIN_REVIEWS - len(reviews), 0),
            "min_reviews": services.MIN_REVIEWS,
            "active": "applications",
        },
        period=plan.period,
        status=status,
    )


# --- the reviewer's own work ---------------------------------------------------------------------


def work_list(request: HttpRequest) -> HttpResponse:
    """The reviews assigned to the user: open ones first."""
    if not can_open_assessment(request.user):
        raise PermissionDenied(_("Alleen beoordelaars hebben een werklijst."))
    reviews = list(selectors.work_list(request.user))
    return _render(
        request, "work_list.html", {"reviews": reviews, "active": "work_list"}, period=None
    )


def _scores_url(plan: Plan) -> str:
    return reverse(
        "assessment:scores", args=[plan.region.sto_number, plan.period.code, plan.version]
    )


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The scoring page: per criterion a fieldset, per sub-aspect its minimum requirements, yes
    or no (a reason on no), a score where the framework asks for one, a note. "Opslaan" keeps a
    draft; "Indienen" submits all or nothing."""
    own = selectors.own_review(request.user, pk)
    plan = own.plan
    if not can_assess(request.user, plan.region):
        raise PermissionDenied(
            _("U heeft een andere rol in deze regio en beoordeelt deze aanvraag niet.")
        )
    framework = _framework(own.framework_id)
    scored = framework.scores(plan.region)
    judgements = selectors.judgements_of(own)
    here = reverse("assessment:review", args=[own.pk])
    form = ReviewForm(framework=framework, scored=scored, judgements=judgements)
    status = 200
    if request.method == "POST":
        if own.is_submitted:
            messages.error(request, _("Deze beoordeling is ingediend en ligt vast."))
            return redirect(here)
        form = ReviewForm(request.POST, framework=framework, scored=scored, judgements=judgements)
        submit = request.POST.get("actie") == "indienen"
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.judgements_save(by=request.user, review=own, items=form.items())
                    if submit:
                        services.review_submit(by=request.user, review=own)
            except services.JudgementsInvalid as error:
                form.add_problems(error.problems)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if submit:
                    messages.success(
                        request,
                        _(
                            "Uw beoordeling is ingediend. Hieronder staan de scores van alle beoordelaars."
                        ),
                    )
                    return redirect(_scores_url(plan))
                messages.success(request, _("Uw beoordeling is opgeslagen als concept."))
                return redirect(here)
        status = 400
    subs = sub_aspects_of(framework)
    return _render(
        request,
        "review.html",
        {
            "review": own,
            "plan": plan,
            "framework": framework,
            "scored": scored,
            "form": form,
            "judgements": judgements,
            "sections": form.sections(),
            "problems": form.summary() if form.errors else [],
            "total": total_of(plan, subs, form.scores()),
            "history": assessment_history([own], subs),
            "active": "work_list",
        },
        period=plan.period,
        status=status,
    )


def _records(records, fields: dict, label, shown: tuple[str, ...]) -> list[dict]:
    """History rows of one model as ``history_entries`` shows them: who, when, what changed
    (on creation: the values given)."""
    entries = []
    previous: dict[int, object] = {}
    for record in records:
        before = previous.get(record.id)
        changes = []
        if before is not None and record.history_type == "~":
            for change in record.diff_against(before).changes:
                field = fields.get(change.field)
                name = str(field.verbose_name) if field is not None else change.field
                changes.append({"field": name, "old": change.old, "new": change.new})
        elif record.history_type == "+":
            for name in shown:
                value = getattr(record, name)
                if value not in (None, ""):
                    changes.append(
                        {"field": str(fields[name].verbose_name), "old": None, "new": value}
                    )
        previous[record.id] = record
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "type": label(record),
                "reason": record.history_change_reason or "",
                "changes": changes,
            }
        )
    return entries


def assessment_history(reviews: list[Review], sub_aspects: list[SubAspect]) -> list[dict]:
    """The history of ``reviews`` and of each of their judgements: every assignment, score,
    reason, note and submission with who and when, newest first. Two queries."""
    names = {r.pk: r.reviewer_name for r in reviews}
    codes = {sub.pk: sub.code for sub in sub_aspects}
    ids = list(names)
    review_fields = {f.attname: f for f in Review._meta.concrete_fields}
    judgement_fields = {f.attname: f for f in Judgement._meta.concrete_fields}
    entries = _records(
        Review.history.filter(id__in=ids)
        .select_related("history_user")
        .order_by("history_date", "history_id"),
        review_fields,
        lambda r: _("beoordeling van %(name)s") % {"name": names.get(r.id, "")},
        ("submitted_at",),
    )
    entries += _records(
        Judgement.history.filter(review_id__in=ids)
        .select_related("history_user")
        .order_by("history_date", "history_id"),
        judgement_fields,
        lambda r: (
            _("oordeel van %(name)s over %(sub)s")
            % {"name": names.get(r.review_id, ""), "sub": codes.get(r.sub_aspect_id, "")}
        ),
        ("minimum_met", "score", "reason", "note"),
    )
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries


# --- the scores side by side ---------------------------------------------------------------------


def scores(request: HttpRequest, sto_number: str, period: str, version: int) -> HttpResponse:
    """Every submitted reviewer's judgement per sub-aspect, side by side, with the mean and the
    spread marked where it exceeds the framework's threshold."""
    plan = selectors.application_get(request.user, sto_number, period, version)
    if not selectors.may_see_scores(request.user, plan):
        raise PermissionDenied(
            _("U ziet de scores van de anderen pas als u uw eigen beoordeling heeft ingediend.")
        )
    reviews = list(plan.reviews.select_related("reviewer", "framework").order_by("pk"))
    submitted = [r for r in reviews if r.is_submitted]
    framework_pk = submitted[0].framework_id if submitted else None
    if framework_pk is None:
        in_force = framework_in_force(plan.period)
        framework_pk = in_force.pk if in_force is not None else None
    framework = _framework(framework_pk) if framework_pk is not None else None
    assessed = ranking.assess(plan, framework)
    names = assessed.reviewers
    threshold = framework.spread_threshold if framework is not None else Decimal("0")
    sections = []
    totals = {name: Decimal("0") for name in names}
    if framework is not None:
        subs = sub_aspects_of(framework)
        for name in names:
            totals[name] = total_of(
                plan,
                subs,
                {
                    code: (j.score if (j := result.judgements.get(name)) else None)
                    for code, result in assessed.sub_aspects.items()
                },
            )
        for criterion in framework.criteria.all():
            rows = []
            for sub in criterion.sub_aspects.all():
                result = assessed.sub_aspects.get(sub.code)
                if result is None:
                    continue
                rows.append(
                    {
                        "sub": sub,
                        "cells": [result.judgements.get(name) for name in names],
                        "mean": result.shown_mean,
                        "spread": result.spread,
                        "stands_out": result.stands_out(threshold),
                    }
                )
            sections.append({"criterion": criterion, "rows": rows})
    own = next((r for r in reviews if r.reviewer_id == request.user.pk), None)
    history = []
    if framework is not None and can_follow_assessment(request.user):
        history = assessment_history(reviews, sub_aspects_of(framework))
    return _render(
        request,
        "scores.html",
        {
            "plan": plan,
            "framework": framework,
            "names": names,
            "totals": [totals[name] for name in names],
            "total": assessed.total_score,
            "sections": sections,
            "threshold": threshold,
            "open_reviews": [r for r in reviews if not r.is_submitted],
            "failed": assessed.failed_minimum,
            "own": own,
            "history": history,
            "active": "work_list" if own is not None else "applications",
        },
        period=plan.period,
    )


# --- the framework -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def framework(request: HttpRequest, period: str) -> HttpResponse:
    """The framework of a period: its versions, the one chosen (``?versie=``, else the one in
    force) with its criteria and sub-aspects; an administrator adjusts a version no review uses
    yet, or starts a new version for a new round."""
    user = request.user
    if not can_open_assessment(user):
        raise PermissionDenied(_("Alleen beoordelaars en beheerders zien het beoordelingskader."))
    period_obj = Period.objects.filter(code=period).first()
    if period_obj is None:
        raise Http404("Periode niet gevonden.")
    here = reverse("assessment:framework", args=[period_obj.code])
    may_adjust = can_adjust_framework(user)
    if request.method == "POST" and not may_adjust:
        raise PermissionDenied(_("Alleen een beheerder past het beoordelingskader aan."))
    versions = list(
        Framework.objects.filter(period=period_obj)
        .annotate(in_use=Exists(Review.objects.filter(framework=OuterRef("pk"))))
        .order_by("-version")
    )
    wanted = int_param(request, "versie")
    chosen = next((v for v in versions if v.version == wanted), versions[0] if versions else None)
    current = _framework(chosen.pk) if chosen is not None else None
    latest = bool(versions) and chosen is versions[0]
    adjustable = may_adjust and current is not None and latest and not chosen.in_use  # type: ignore[union-attr]
    form = FrameworkForm(framework=current) if adjustable and current is not None else None
    new_form = NewVersionForm(prefix="nieuw")
    status = 200
    if request.method == "POST":
        action = request.POST.get("actie")
        if action == "vastleggen":
            services.framework_ensure(by=user, period=period_obj)
            messages.success(request, _("Het beoordelingskader volgens Bijlage C is vastgelegd."))
            return redirect(here)
        if action == "nieuwe-versie":
            new_form = NewVersionForm(request.POST, prefix="nieuw")
            if new_form.is_valid():
                new = services.framework_new_version(
                    by=user, period=period_obj, note=new_form.cleaned_data["note"]
                )
                messages.success(
                    request,
                    _("Versie %(version)s staat klaar om aan te passen.")
                    % {"version": new.version},
                )
                return redirect(here)
            status = 400
        elif action == "aanpassen":
            if current is None or not adjustable:
                messages.error(
                    request,
                    _(
                        "Deze versie is al gebruikt bij een beoordeling en ligt vast. Begin een nieuwe versie."
                    ),
                )
                return redirect(here)
            form = FrameworkForm(request.POST, framework=current)
            if form.is_valid():
                try:
                    services.framework_update(
                        by=user,
                        framework=current,
                        scored_kinds=form.cleaned_data["scored_kinds"],
                        spread_threshold=form.cleaned_data["spread_threshold"],
                        note=form.cleaned_data["note"],
                        sub_aspects=form.settings(),
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request,
                        _("Versie %(version)s van het beoordelingskader is aangepast.")
                        % {"version": current.version},
                    )
                    return redirect(here)
            status = 400
    return _render(
        request,
        "framework.html",
        {
            "period": period_obj,
            "versions": versions,
            "current": current,
            "chosen": chosen,
            "in_use": bool(chosen is not None and chosen.in_use),  # type: ignore[union-attr]
            "latest": latest,
            "may_adjust": may_adjust,
            "form": form,
            "new_form": new_form,
            "kinds": [RegionKind(k).label for k in sorted(current.kinds) if k in RegionKind.values]
            if current is not None
            else [],
            "history": history_entries(current) if current is not None else [],
            "active": "framework",
        },
        period=period_obj,
        status=status,
    )
