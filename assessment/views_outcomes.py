"""The outcome pages of the assessment: the ranking under the ceiling, an override of a ranking
outcome and its second approval, the decision on an application with its second approval, and
the outcome as the region sees it.

Views are thin: ``assessment.selectors`` read (404 for "not yours"), ``regions.permissions``
decides who may act, forms check the shape and ``assessment.services`` write with
``by=request.user`` (a refusal there is a 403).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plans.models import Plan
from regions.permissions import (
    can_approve_outcome,
    can_follow_assessment,
    can_propose_outcome,
    can_see_scores,
    is_coordinator,
)
from regions.views.common import region_context
from sto.history import history_entries, history_entries_for
from sto.money import ZERO
from sto.web import add_service_errors

from . import ranking, services
from .bijlage_c import sub_aspect_label
from .forms_outcomes import CeilingForm, DecisionForm, OverrideForm, SendBackForm
from .framework import framework_in_force, sub_aspects_of
from .models import Ceiling, Decision, DecisionOutcome, Override
from .selectors import (
    decision_application_get,
    decision_in_force,
    decisions_of,
    lot_draws_of,
    may_see_scores,
    outcome_application_get,
    override_get,
    overrides_of,
    own_review_states,
    ranking_period_get,
)


def _plan_args(plan: Plan) -> list:
    return [plan.region.sto_number, plan.period.code, plan.version]


def _ranking_url(plan: Plan) -> str:
    return reverse("assessment:ranking", args=[plan.period.code]) + f"#{plan.region.sto_number}"


def _ranked(plan: Plan) -> ranking.Application | None:
    """The application in its period's ranking under the published ceiling (none yet: None).
    A read: it never draws a lot."""
    ceiling = Ceiling.objects.filter(period=plan.period).first()
    if ceiling is None:
        return None
    result = ranking.rank(
        plan.period, ceiling.amount, framework=framework_in_force(plan.period), lots=None
    )
    return next((a for a in result.applications if a.plan.pk == plan.pk), None)


def _history(plan: Plan) -> list[dict]:
    """Every proposal, approval, refusal and sending back of overrides and decisions on
    ``plan``, newest first, with who and when."""
    entries = [
        {**entry, "subject": _("Besluit")}
        for entry in history_entries_for(Decision, plan_id=plan.pk)
    ] + [
        {**entry, "subject": _("Afwijking van de rangschikking")}
        for entry in history_entries_for(Override, plan_id=plan.pk)
    ]
    return sorted(entries, key=lambda e: e["when"], reverse=True)


# --- the ranking ---------------------------------------------------------------------------------


@dataclass
class RankingRow:
    application: ranking.Application
    visible: bool  # may see its scores and outcome (no other role in the region)
    overrides: list[Override] = field(default_factory=list)
    decision: Decision | None = None
    may_propose: bool = False
    may_decide: bool = False  # may approve or refuse the pending override

    @property
    def pending(self) -> Override | None:
        return next((o for o in self.overrides if o.is_pending), None)

    @property
    def earlier(self) -> list[Override]:
        """Overrides decided on (approved or refused), for the record."""
        return [o for o in self.overrides if not o.is_pending]


@require_http_methods(["GET", "POST"])
def ranking_page(request: HttpRequest, period: str) -> HttpResponse:
    """The period's applications in rank order under the ceiling. GET reads (it never draws a
    lot); the coordinator's POST publishes the ceiling, draws the lots needed and ranks."""
    period_obj = ranking_period_get(request.user, period)
    ceiling = Ceiling.objects.filter(period=period_obj).select_related("set_by").first()
    may_rank = is_coordinator(request.user)
    if request.method == "POST":
        if not may_rank:
            raise PermissionDenied(
                _("Alleen een coördinerend beoordelaar stelt de rangschikking op.")
            )
        form = CeilingForm(request.POST)
        if form.is_valid():
            try:
                services.ranking_run(
                    by=request.user, period=period_obj, ceiling=form.cleaned_data["ceiling"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De aanvragen zijn gerangschikt onder het plafond."))
                return redirect("assessment:ranking", period=period_obj.code)
    else:
        form = CeilingForm(initial={"ceiling": ceiling.amount} if ceiling else None)
    result = None
    rows: list[RankingRow] = []
    if ceiling is not None:
        result = ranking.rank(
            period_obj, ceiling.amount, framework=framework_in_force(period_obj), lots=None
        )
        plans = [a.plan for a in result.applications]
        overrides = overrides_of(plans)
        decisions = decisions_of(plans)
        own = own_review_states(request.user, plans)
        for application in result.applications:
            region = application.region
            visible = can_see_scores(
                request.user,
                region,
                own_review_submitted=own.get(application.plan.pk),
                decided=False,
            )
            decision = decisions.get(application.plan.pk)
            row = RankingRow(
                application=application,
                visible=visible,
                overrides=overrides.get(application.plan.pk, []),
                decision=decision,
            )
            row.may_propose = (
                visible
                and application.plan.is_submitted
                and can_propose_outcome(request.user, region)
                and row.pending is None
                and not (decision is not None and decision.is_final)
            )
            pending = row.pending
            row.may_decide = pending is not None and can_approve_outcome(
                request.user, region, pending.proposed_by_id
            )
            rows.append(row)
    context = {
        "period": period_obj,
        "ceiling": ceiling,
        "form": form,
        "may_rank": may_rank,
        "result": result,
        "rows": rows,
        "lots": lot_draws_of(period_obj),
    }
    return render(
        request, "assessment/outcomes/ranking.html", context, status=400 if form.errors else 200
    )


# --- overrides -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def override_propose(
    request: HttpRequest, sto_number: str, period: str, version: int
) -> HttpResponse:
    """The coordinator proposes another outcome than the ranking's, with a written reason."""
    plan = decision_application_get(request.user, sto_number, period, version)
    if not can_propose_outcome(request.user, plan.region):
        raise PermissionDenied(_("Alleen een coördinerend beoordelaar stelt een afwijking voor."))
    application = _ranked(plan)
    if request.method == "POST":
        form = OverrideForm(request.POST)
        if form.is_valid():
            try:
                services.override_propose(by=request.user, plan=plan, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "De afwijking voor %(region)s is voorgesteld. Ze geldt zodra een tweede "
                        "persoon haar goedkeurt."
                    )
                    % {"region": plan.region.name},
                )
                return redirect(_ranking_url(plan))
    else:
        initial = {}
        if application is not None:
            initial = {"status": application.status, "awarded": application.awarded}
        form = OverrideForm(initial=initial)
    context = {
        "plan": plan,
        "region": plan.region,
        "application": application,
        "form": form,
        "overrides": overrides_of([plan]).get(plan.pk, []),
    }
    return render(
        request,
        "assessment/outcomes/override_propose.html",
        context,
        status=400 if form.errors else 200,
    )


DECIDE_CHOICES = {"goedkeuren": True, "afwijzen": False}


@require_http_methods(["GET", "POST"])
def override_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """A second person, not the proposer, approves or refuses a proposed override."""
    override = override_get(request.user, pk)
    plan = override.plan
    may_decide = override.is_pending and can_approve_outcome(
        request.user, plan.region, override.proposed_by_id
    )
    if request.method == "POST":
        choice = request.POST.get("besluit", "")
        if choice not in DECIDE_CHOICES:
            return HttpResponseBadRequest(_("Kies goedkeuren of afwijzen."))
        try:
            services.override_decide(
                by=request.user, override=override, approve=DECIDE_CHOICES[choice]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("assessment:override_decide", pk=override.pk)
        if DECIDE_CHOICES[choice]:
            messages.success(
                request,
                _("De afwijking voor %(region)s is goedgekeurd en geldt nu.")
                % {"region": plan.region.name},
            )
        else:
            messages.success(
                request,
                _("De afwijking voor %(region)s is afgewezen; de rangschikking blijft gelden.")
                % {"region": plan.region.name},
            )
        if can_follow_assessment(request.user):
            return redirect(_ranking_url(plan))
        return redirect("assessment:override_decide", pk=override.pk)
    context = {
        "override": override,
        "plan": plan,
        "region": plan.region,
        "application": _ranked(plan),
        "may_decide": may_decide,
        "is_proposer": override.proposed_by_id == request.user.pk,
        "may_follow_ranking": can_follow_assessment(request.user),
        "history": history_entries(override),
    }
    return render(request, "assessment/outcomes/override_decide.html", context)


# --- decisions -----------------------------------------------------------------------------------


def _suggested(application: ranking.Application | None) -> dict:
    """A first proposal from the ranking: its (effective) amount, approved when it awards any."""
    if application is None:
        return {}
    outcome = DecisionOutcome.APPROVED if application.awarded > ZERO else DecisionOutcome.REJECTED
    return {"outcome": outcome, "awarded": application.awarded}


def _decision_initial(decision: Decision | None, application: ranking.Application | None) -> dict:
    if decision is None:
        return _suggested(application)
    return {
        "outcome": decision.outcome,
        "awarded": decision.awarded,
        "conditions": decision.conditions,
        "resubmission_deadline": decision.resubmission_deadline,
        "motivation": decision.motivation,
    }


@require_http_methods(["GET", "POST"])
def decision_page(request: HttpRequest, sto_number: str, period: str, version: int) -> HttpResponse:
    """The decision on one application: the coordinator proposes it (or changes the proposal);
    a second reviewer approves it or sends it back with a reason."""
    plan = decision_application_get(request.user, sto_number, period, version)
    decision = (
        Decision.objects.filter(plan=plan).select_related("proposed_by", "approved_by").first()
    )
    application = _ranked(plan)
    propose_form = DecisionForm(initial=_decision_initial(decision, application))
    send_back_form = SendBackForm()
    if request.method == "POST":
        action = request.POST.get("actie", "")
        if action == "voorstellen":
            propose_form = DecisionForm(request.POST)
            if propose_form.is_valid():
                try:
                    services.decision_propose(
                        by=request.user, plan=plan, **propose_form.cleaned_data
                    )
                except ValidationError as error:
                    add_service_errors(propose_form, error)
                else:
                    messages.success(
                        request,
                        _(
                            "Het besluit is voorgesteld. Het geldt zodra een tweede beoordelaar "
                            "het goedkeurt."
                        ),
                    )
                    return redirect("assessment:decision", *_plan_args(plan))
        elif action in ("goedkeuren", "terugsturen"):
            if decision is None:
                messages.error(request, _("Er ligt geen voorgesteld besluit."))
                return redirect("assessment:decision", *_plan_args(plan))
            if action == "goedkeuren":
                try:
                    services.decision_approve(by=request.user, decision=decision)
                except ValidationError as error:
                    for message in error.messages:
                        messages.error(request, message)
                else:
                    messages.success(request, _("Het besluit is goedgekeurd en geldt nu."))
                return redirect("assessment:decision", *_plan_args(plan))
            send_back_form = SendBackForm(request.POST)
            if send_back_form.is_valid():
                try:
                    services.decision_send_back(
                        by=request.user,
                        decision=decision,
                        reason=send_back_form.cleaned_data["reason"],
                    )
                except ValidationError as error:
                    add_service_errors(send_back_form, error)
                else:
                    messages.success(
                        request,
                        _("Het besluit is teruggestuurd; de coördinator stelt opnieuw voor."),
                    )
                    return redirect("assessment:decision", *_plan_args(plan))
        else:
            return HttpResponseBadRequest(_("Onbekende handeling."))
    final = decision is not None and decision.is_final
    may_propose = can_propose_outcome(request.user, plan.region) and not final
    problems = services.decision_problems(plan) if not final and decision is None else []
    may_approve = (
        decision is not None
        and not final
        and can_approve_outcome(request.user, plan.region, decision.proposed_by_id)
    )
    # The second reviewer reads the scores of what they approve, assigned or not.
    assessment = (
        ranking.assess(plan, framework_in_force(plan.period))
        if may_approve or may_see_scores(request.user, plan)
        else None
    )
    context = {
        "plan": plan,
        "region": plan.region,
        "decision": decision,
        "application": application,
        "assessment": assessment,
        "problems": problems,
        "may_propose": may_propose and not problems,
        "may_approve": may_approve,
        "failed_minimum": [
            (reviewer, sub_aspect_label(code), reason)
            for reviewer, code, reason in (assessment.failed_minimum if assessment else [])
        ],
        "propose_form": propose_form,
        "send_back_form": send_back_form,
        "history": _history(plan),
        "may_follow_ranking": can_follow_assessment(request.user),
    }
    errors = propose_form.errors or send_back_form.errors
    return render(
        request, "assessment/outcomes/decision.html", context, status=400 if errors else 200
    )


# --- the outcome as the region sees it -------------------------------------------------------------


@dataclass(frozen=True)
class ScoreRow:
    code: str
    title: str
    scores: list[Decimal | None]  # per reviewer, in the order of ``reviewers``
    mean: Decimal | None
    reasons: list[str]  # why a minimum was not met


def _score_rows(plan: Plan) -> tuple[int, list[ScoreRow], Decimal | None]:
    """The submitted reviews side by side, reviewers numbered (the region reads the scores and
    reasons, not who gave them)."""
    framework = framework_in_force(plan.period)
    application = ranking.assess(plan, framework)
    titles = {s.code: s.title for s in sub_aspects_of(framework)} if framework else {}
    reviewers = application.reviewers
    rows = []
    for code, result in application.sub_aspects.items():
        judgements = [result.judgements.get(name) for name in reviewers]
        rows.append(
            ScoreRow(
                code=code,
                title=titles.get(code, code),
                scores=[j.score if j is not None else None for j in judgements],
                mean=result.shown_mean,
                reasons=[j.reason for j in judgements if j is not None and j.minimum_met is False],
            )
        )
    scored = framework is not None and framework.scores(plan.region)
    return len(reviewers), rows, application.total_score if scored else None


def outcome(request: HttpRequest, sto_number: str, period: str, version: int) -> HttpResponse:
    """What the region sees of the assessment of its application: before the decision only that
    it is being assessed; once the decision is approved, the outcome, the amount and (for those
    who may see them) the scores and reasons."""
    plan = outcome_application_get(request.user, sto_number, period, version)
    decision = decision_in_force(plan)
    context = region_context(request, plan.region, "plans")
    context.update({"plan": plan, "decision": decision, "scores": None})
    if decision is not None and may_see_scores(request.user, plan):
        reviewer_count, rows, total = _score_rows(plan)
        context.update(
            {"scores": rows, "reviewer_numbers": range(1, reviewer_count + 1), "total": total}
        )
    context["may_follow"] = can_approve_outcome(request.user, plan.region, None)
    return render(request, "assessment/outcomes/outcome.html", context)
