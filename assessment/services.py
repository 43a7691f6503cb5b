"""Writes of the assessment. Every service takes the acting user (``by``; ``None`` is the system,
e.g. an import or ``rank_applications``), runs in one transaction, validates before it saves and
records history. Who may act is asked of ``regions.permissions``; a refusal is a
``PermissionDenied``, bad input a ``ValidationError`` naming the field.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plans import services as plan_services
from plans.models import Plan, PlanStatus
from regions.models import Period
from regions.permissions import (
    can_adjust_framework,
    can_approve_outcome,
    can_assess,
    can_assign_reviewers,
    can_propose_outcome,
    is_coordinator,
)
from sto.history import delete_recorded, save_validated
from sto.money import ZERO

from . import ranking
from .bijlage_c import CRITERIA
from .framework import framework_in_force, is_in_use, sub_aspects_of
from .models import (
    Ceiling,
    Criterion,
    Decision,
    DecisionOutcome,
    Framework,
    Judgement,
    LotDraw,
    Override,
    RankStatus,
    Review,
    SubAspect,
)

# Plans that can be assessed: handed in and not yet decided.
ASSESSABLE = frozenset({PlanStatus.SUBMITTED, PlanStatus.UNDER_ASSESSMENT})
# A decision needs at least this many submitted reviews (the "two or more reviewers").
MIN_REVIEWS = 2


def _deny(message: str) -> PermissionDenied:
    return PermissionDenied(message)


# --- the framework -------------------------------------------------------------------------------


@transaction.atomic
def framework_ensure(*, by: User | None, period: Period) -> Framework:
    """The framework in force for ``period``; version 1 (Bijlage C as written) if there is none."""
    framework = framework_in_force(period)
    if framework is not None:
        return framework
    Period.objects.select_for_update().get(pk=period.pk)  # one creator at a time
    framework = framework_in_force(period)
    if framework is not None:
        return framework
    reason = _("beoordelingskader volgens seeds 004 Bijlage C")
    framework = save_validated(Framework(period=period, version=1), by=by, reason=reason)
    for c_position, text in enumerate(CRITERIA, start=1):
        criterion = save_validated(
            Criterion(framework=framework, code=text.code, title=text.title, position=c_position),
            by=by,
            reason=reason,
        )
        for s_position, sub in enumerate(text.sub_aspects, start=1):
            save_validated(
                SubAspect(
                    criterion=criterion,
                    code=sub.code,
                    title=sub.title,
                    minimum_requirements="\n".join(sub.minimum_requirements),
                    scoring_guidance="\n".join([sub.scoring, *sub.scoring_points]),
                    position=s_position,
                ),
                by=by,
                reason=reason,
            )
    result = framework_in_force(period)
    assert result is not None
    return result


@transaction.atomic
def framework_new_version(*, by: User, period: Period, note: str = "") -> Framework:
    """Start a new version for a new round: a copy of the version in force, open for changes."""
    if not can_adjust_framework(by):
        raise _deny(_("Alleen een beheerder past het beoordelingskader aan."))
    current = framework_ensure(by=by, period=period)
    reason = _("nieuwe versie van het beoordelingskader")
    framework = save_validated(
        Framework(
            period=period,
            version=current.version + 1,
            scored_kinds=current.scored_kinds,
            spread_threshold=current.spread_threshold,
            note=note,
        ),
        by=by,
        reason=reason,
    )
    for old in current.criteria.all():
        criterion = save_validated(
            Criterion(framework=framework, code=old.code, title=old.title, position=old.position),
            by=by,
            reason=reason,
        )
        for sub in old.sub_aspects.all():
            save_validated(
                SubAspect(
                    criterion=criterion,
                    code=sub.code,
                    title=sub.title,
                    minimum_requirements=sub.minimum_requirements,
                    scoring_guidance=sub.scoring_guidance,
                    position=sub.position,
                    scored=sub.scored,
                    scale_max=sub.scale_max,
                    weight=sub.weight,
                ),
                by=by,
                reason=reason,
            )
    result = framework_in_force(period)
    assert result is not None
    return result


def _require_adjustable(by: User, framework: Framework) -> None:
    if not can_adjust_framework(by):
        raise _deny(_("Alleen een beheerder past het beoordelingskader aan."))
    if is_in_use(framework):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Versie %(version)s is al gebruikt bij een beoordeling en ligt vast. Begin "
                    "een nieuwe versie voor een nieuwe ronde."
                )
                % {"version": framework.version}
            }
        )


@dataclass(frozen=True)
class SubAspectSetting:
    scored: bool
    scale_max: int
    weight: Decimal


@transaction.atomic
def framework_update(
    *,
    by: User,
    framework: Framework,
    scored_kinds: Iterable[str],
    spread_threshold: Decimal,
    note: str,
    sub_aspects: Mapping[str, SubAspectSetting],
) -> Framework:
    """Adjust a version that no review uses yet: which region kinds get scores, when a spread
    stands out, and per sub-aspect whether it is scored, its scale and its weight."""
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    _require_adjustable(by, framework)
    framework.scored_kinds = ";".join(sorted(set(scored_kinds)))
    framework.spread_threshold = spread_threshold
    framework.note = note
    save_validated(framework, by=by, reason=_("beoordelingskader aangepast"))
    for sub in SubAspect.objects.filter(criterion__framework=framework):
        setting = sub_aspects.get(sub.code)
        if setting is None:
            continue
        sub.scored, sub.scale_max, sub.weight = setting.scored, setting.scale_max, setting.weight
        save_validated(sub, by=by, reason=_("beoordelingskader aangepast"))
    result = framework_in_force(framework.period)
    assert result is not None
    return result


# --- assignment ----------------------------------------------------------------------------------


def _require_assessable(plan: Plan) -> None:
    if plan.status not in ASSESSABLE:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("Een plan met status %(status)s wordt niet beoordeeld.")
                % {"status": plan.get_status_display()}
            }
        )


@transaction.atomic
def review_assign(*, by: User, plan: Plan, reviewer: User) -> Review:
    """Assign ``reviewer`` to a submitted application. The plan moves to "in beoordeling"."""
    plan = Plan.objects.select_for_update().select_related("region", "period").get(pk=plan.pk)
    if not can_assign_reviewers(by, plan.region):
        raise _deny(_("Alleen een coördinerend beoordelaar wijst beoordelaars toe."))
    _require_assessable(plan)
    if not can_assess(reviewer, plan.region):
        raise ValidationError(
            {
                "reviewer": _(
                    "%(name)s kan deze aanvraag niet beoordelen: geen beoordelaar, of heeft een "
                    "andere rol in regio %(sto)s."
                )
                % {"name": reviewer.get_username(), "sto": plan.region.sto_number}
            }
        )
    if Review.objects.filter(plan=plan, reviewer=reviewer).exists():
        raise ValidationError(
            {
                "reviewer": _("%(name)s is al toegewezen aan deze aanvraag.")
                % {"name": reviewer.get_username()}
            }
        )
    framework = framework_ensure(by=by, period=plan.period)
    review = save_validated(
        Review(plan=plan, framework=framework, reviewer=reviewer, assigned_by=by),
        by=by,
        reason=_("beoordelaar toegewezen"),
    )
    if plan.status == PlanStatus.SUBMITTED:
        plan_services.plan_status_set(by=by, plan=plan, status=PlanStatus.UNDER_ASSESSMENT)
    return review


@transaction.atomic
def review_unassign(*, by: User, review: Review) -> None:
    """Withdraw an assignment the reviewer has not started on."""
    review = Review.objects.select_related("plan__region").get(pk=review.pk)
    if not can_assign_reviewers(by, review.plan.region):
        raise _deny(_("Alleen een coördinerend beoordelaar wijst beoordelaars toe."))
    if review.is_submitted or review.judgements.exists():
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "%(name)s is al aan de beoordeling begonnen; de toewijzing blijft staan."
                )
                % {"name": review.reviewer_name}
            }
        )
    delete_recorded(review, by=by, reason=_("toewijzing ingetrokken"))


# --- scoring -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JudgementInput:
    """What a reviewer enters for one sub-aspect. ``minimum_met``: ``None`` is "not yet"."""

    sub_aspect: str
    minimum_met: bool | None
    reason: str = ""
    score: Decimal | None = None
    note: str = ""


def _judgement_errors(
    item: JudgementInput, sub_aspect: SubAspect, scored: bool, *, complete: bool
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if item.minimum_met is False and not item.reason.strip():
        errors["reason"] = _("Geef de reden waarom niet aan de minimale vereisten is voldaan.")
    if complete and item.minimum_met is None:
        errors["minimum_met"] = _("Geef aan of aan de minimale vereisten is voldaan.")
    if item.score is not None:
        if not scored:
            errors["score"] = _("Dit deelaspect krijgt bij deze aanvraag geen score.")
        elif not ZERO <= item.score <= sub_aspect.scale_max:
            errors["score"] = _("Een score ligt tussen 0 en %(max)s.") % {
                "max": sub_aspect.scale_max
            }
    elif complete and scored:
        errors["score"] = _("Geef een score van 0 tot en met %(max)s.") % {
            "max": sub_aspect.scale_max
        }
    return errors


class JudgementsInvalid(ValidationError):
    """Problems per sub-aspect code: ``{code: {field: message}}``."""

    def __init__(self, problems: dict[str, dict[str, str]]):
        self.problems = problems
        super().__init__(
            [
                f"{code}: {message}"
                for code, fields in problems.items()
                for message in fields.values()
            ]
        )


def _save_judgements(
    *, by: User | None, review: Review, items: Iterable[JudgementInput], complete: bool, reason: str
) -> list[Judgement]:
    subs = {s.code: s for s in sub_aspects_of(review.framework)}
    scored_region = review.framework.scores(review.plan.region)
    existing = {j.sub_aspect.code: j for j in review.judgements.select_related("sub_aspect")}
    problems: dict[str, dict[str, str]] = {}
    items = list(items)
    for item in items:
        sub = subs.get(item.sub_aspect)
        if sub is None:
            problems[item.sub_aspect] = {"sub_aspect": _("onbekend deelaspect")}
            continue
        errors = _judgement_errors(item, sub, scored_region and sub.scored, complete=complete)
        if errors:
            problems[item.sub_aspect] = errors
    if complete:
        for code in set(subs) - {item.sub_aspect for item in items}:
            problems[code] = {"minimum_met": _("Dit deelaspect is nog niet beoordeeld.")}
    if problems:
        raise JudgementsInvalid(problems)
    saved = []
    for item in items:
        judgement = existing.get(item.sub_aspect) or Judgement(
            review=review, sub_aspect=subs[item.sub_aspect]
        )
        new = (item.minimum_met, item.reason.strip(), item.score, item.note.strip())
        old = (judgement.minimum_met, judgement.reason, judgement.score, judgement.note)
        if judgement.pk is not None and new == old:
            saved.append(judgement)
            continue
        judgement.minimum_met, judgement.reason, judgement.score, judgement.note = new
        saved.append(save_validated(judgement, by=by, reason=reason))
    return saved


@transaction.atomic
def judgements_save(
    *, by: User, review: Review, items: Iterable[JudgementInput]
) -> list[Judgement]:
    """Save the reviewer's judgements so far (a sub-aspect may still be open). Only the assigned
    reviewer, and only until they submit."""
    review = (
        Review.objects.select_for_update()
        .select_related("plan__region", "framework")
        .get(pk=review.pk)
    )
    if review.reviewer_id != by.pk or not can_assess(by, review.plan.region):
        raise _deny(_("Alleen de toegewezen beoordelaar vult deze beoordeling in."))
    if review.is_submitted:
        raise ValidationError({NON_FIELD_ERRORS: _("Deze beoordeling is ingediend en ligt vast.")})
    return _save_judgements(
        by=by, review=review, items=items, complete=False, reason=_("oordeel opgeslagen")
    )


def review_problems(review: Review) -> dict[str, dict[str, str]]:
    """What keeps ``review`` from being submitted, per sub-aspect code."""
    items = [
        JudgementInput(j.sub_aspect.code, j.minimum_met, j.reason, j.score, j.note)
        for j in review.judgements.select_related("sub_aspect")
    ]
    try:
        with transaction.atomic():
            _save_judgements(by=None, review=review, items=items, complete=True, reason="")
            transaction.set_rollback(True)
    except JudgementsInvalid as error:
        return error.problems
    return {}


@transaction.atomic
def review_submit(*, by: User, review: Review, at: datetime.datetime | None = None) -> Review:
    """Submit a complete review: every sub-aspect judged, a score where one is asked, a reason
    for each minimum not met. It is frozen afterwards, and the reviewer sees the others' scores."""
    review = (
        Review.objects.select_for_update()
        .select_related("plan__region", "framework")
        .get(pk=review.pk)
    )
    if review.reviewer_id != by.pk or not can_assess(by, review.plan.region):
        raise _deny(_("Alleen de toegewezen beoordelaar dient deze beoordeling in."))
    if review.is_submitted:
        raise ValidationError({NON_FIELD_ERRORS: _("Deze beoordeling is al ingediend.")})
    problems = review_problems(review)
    if problems:
        raise JudgementsInvalid(problems)
    review.submitted_at = at or timezone.now()
    return save_validated(
        review, by=by, reason=_("beoordeling ingediend"), update_fields=["submitted_at"]
    )


@transaction.atomic
def review_import(
    *,
    by: User | None,
    plan: Plan,
    reviewer: User | None,
    external_reviewer: str,
    items: Iterable[JudgementInput],
    submitted_at: datetime.datetime | None = None,
) -> Review:
    """An assessment held elsewhere (the ``assessments`` sheet of the workbook): a submitted
    review, replacing any earlier one of the same reviewer for this plan."""
    framework = framework_ensure(by=by, period=plan.period)
    review = Review.objects.filter(
        plan=plan,
        **(
            {"reviewer": reviewer}
            if reviewer is not None
            else {"external_reviewer": external_reviewer}
        ),
    ).first()
    if review is None:
        review = save_validated(
            Review(
                plan=plan,
                framework=framework,
                reviewer=reviewer,
                external_reviewer="" if reviewer is not None else external_reviewer,
                assigned_by=by,
            ),
            by=by,
            reason=_("beoordeling ingelezen"),
        )
    review = Review.objects.select_related("plan__region", "framework").get(pk=review.pk)
    _save_judgements(
        by=by, review=review, items=items, complete=True, reason=_("beoordeling ingelezen")
    )
    if review.submitted_at is None:
        review.submitted_at = submitted_at or timezone.now()
        save_validated(
            review, by=by, reason=_("beoordeling ingelezen"), update_fields=["submitted_at"]
        )
    return review


# --- ranking -------------------------------------------------------------------------------------


@transaction.atomic
def lots_draw(*, by: User | None, period: Period, region_ids: Iterable[int]) -> dict[int, int]:
    """Draw a lot for each region that has none yet for ``period``; return every region's lot.

    The numbers come from the operating system's random source and are recorded with who drew
    them, so the same tie is decided the same way at every later ranking."""
    region_ids = sorted(set(region_ids))
    Period.objects.select_for_update().get(pk=period.pk)
    lots = dict(
        LotDraw.objects.filter(period=period, region_id__in=region_ids).values_list(
            "region_id", "number"
        )
    )
    taken = set(LotDraw.objects.filter(period=period).values_list("number", flat=True))
    for region_id in region_ids:
        if region_id in lots:
            continue
        number = secrets.randbelow(10**9) + 1
        while number in taken:
            number = secrets.randbelow(10**9) + 1
        taken.add(number)
        save_validated(
            LotDraw(period=period, region_id=region_id, number=number, drawn_by=by),
            by=by,
            reason=_("loting bij gelijke score"),
        )
        lots[region_id] = number
    return lots


@transaction.atomic
def ranking_run(*, by: User | None, period: Period, ceiling: Decimal) -> ranking.Ranking:
    """Rank ``period``'s applications under ``ceiling`` (docs/interfaces.md §6): publish the
    ceiling, draw and record a lot for every tie the scores leave, and return the ranking.
    ``by=None`` is ``rank_applications``; a person must be a coordinating reviewer."""
    if by is not None and not is_coordinator(by):
        raise _deny(_("Alleen een coördinerend beoordelaar stelt de rangschikking op."))
    if ceiling < ZERO:
        raise ValidationError({"ceiling": _("Een plafond kan niet negatief zijn.")})
    current = Ceiling.objects.filter(period=period).first()
    if current is None or current.amount != ceiling:
        current = current or Ceiling(period=period)
        current.amount, current.set_by = ceiling, by
        save_validated(current, by=by, reason=_("subsidieplafond vastgesteld"))
    framework = framework_in_force(period)
    result = ranking.rank(period, ceiling, framework=framework, lots=None)
    if result.missing_lots:
        lots_draw(by=by, period=period, region_ids=[r.pk for r in result.missing_lots])
        result = ranking.rank(period, ceiling, framework=framework, lots=None)
    return result


# --- overrides -----------------------------------------------------------------------------------


@transaction.atomic
def override_propose(
    *, by: User, plan: Plan, status: str, awarded: Decimal, reason: str
) -> Override:
    """Propose to change the ranking's outcome for ``plan``, with a written reason. It is not in
    force until a second person approves it."""
    plan = Plan.objects.select_related("region").get(pk=plan.pk)
    if not can_propose_outcome(by, plan.region):
        raise _deny(_("Alleen een coördinerend beoordelaar stelt een afwijking voor."))
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = _("Schrijf op waarom van de rangschikking wordt afgeweken.")
    if status in (RankStatus.NOT_FUNDED, RankStatus.REJECTED_MINIMUM) and awarded:
        errors["awarded"] = _("Bij deze uitkomst wordt niets toegekend.")
    if status in (RankStatus.FUNDED, RankStatus.PARTLY_FUNDED) and awarded <= ZERO:
        errors["awarded"] = _("Geef het bedrag dat wordt toegekend.")
    if awarded > plan.requested:
        errors["awarded"] = _("Er wordt niet meer toegekend dan gevraagd (%(requested)s).") % {
            "requested": plan.requested
        }
    if Override.objects.filter(plan=plan, approved__isnull=True).exists():
        errors[NON_FIELD_ERRORS] = _("Er ligt al een afwijking voor deze aanvraag ter goedkeuring.")
    if errors:
        raise ValidationError(errors)
    return save_validated(
        Override(plan=plan, status=status, awarded=awarded, reason=reason.strip(), proposed_by=by),
        by=by,
        reason=_("afwijking voorgesteld"),
    )


@transaction.atomic
def override_decide(*, by: User, override: Override, approve: bool) -> Override:
    """The second person approves or refuses a proposed override (four eyes)."""
    override = (
        Override.objects.select_for_update().select_related("plan__region").get(pk=override.pk)
    )
    if not can_approve_outcome(by, override.plan.region, override.proposed_by_id):
        raise _deny(
            _("Een tweede persoon, niet degene die het voorstelde, keurt de afwijking goed.")
        )
    if not override.is_pending:
        raise ValidationError({NON_FIELD_ERRORS: _("Over deze afwijking is al beslist.")})
    override.approved = approve
    override.decided_by = by
    override.decided_at = timezone.now()
    return save_validated(
        override,
        by=by,
        reason=_("afwijking goedgekeurd") if approve else _("afwijking afgewezen"),
    )


# --- decisions -----------------------------------------------------------------------------------


def decision_problems(plan: Plan) -> list[str]:
    """What keeps a decision on ``plan`` from being proposed."""
    problems = []
    if plan.status not in ASSESSABLE:
        problems.append(
            _("Een plan met status %(status)s wordt niet beoordeeld.")
            % {"status": plan.get_status_display()}
        )
    reviews = list(plan.reviews.all())
    submitted = [r for r in reviews if r.is_submitted]
    if len(submitted) < MIN_REVIEWS:
        problems.append(
            _("Er zijn %(n)s ingediende beoordelingen; een besluit vraagt er ten minste %(min)s.")
            % {"n": len(submitted), "min": MIN_REVIEWS}
        )
    open_reviews = [r.reviewer_name for r in reviews if not r.is_submitted]
    if open_reviews:
        problems.append(
            _("Nog niet ingediend: %(names)s.") % {"names": ", ".join(sorted(open_reviews))}
        )
    return problems


@transaction.atomic
def decision_propose(
    *,
    by: User,
    plan: Plan,
    outcome: str,
    awarded: Decimal,
    motivation: str,
    conditions: str = "",
    resubmission_deadline: datetime.date | None = None,
) -> Decision:
    """Propose (or, while not yet approved, change) the decision on ``plan``. A changed
    proposal needs the approval again."""
    plan = Plan.objects.select_for_update().select_related("region").get(pk=plan.pk)
    if not can_propose_outcome(by, plan.region):
        raise _deny(_("Alleen een coördinerend beoordelaar stelt een besluit voor."))
    problems = decision_problems(plan)
    if problems:
        raise ValidationError({NON_FIELD_ERRORS: problems})
    decision = Decision.objects.filter(plan=plan).first() or Decision(plan=plan)
    if decision.is_final:
        raise ValidationError({NON_FIELD_ERRORS: _("Het besluit is al genomen.")})
    errors: dict[str, str] = {}
    if not motivation.strip():
        errors["motivation"] = _("Schrijf de motivering van het besluit.")
    if awarded > plan.requested:
        errors["awarded"] = _("Er wordt niet meer toegekend dan gevraagd (%(requested)s).") % {
            "requested": plan.requested
        }
    if outcome in (DecisionOutcome.APPROVED, DecisionOutcome.APPROVED_WITH_CONDITIONS) and not (
        awarded > ZERO
    ):
        errors["awarded"] = _("Geef het bedrag dat wordt toegekend.")
    if errors:
        raise ValidationError(errors)
    decision.outcome = outcome
    decision.awarded = awarded
    decision.motivation = motivation.strip()
    decision.conditions = conditions.strip()
    decision.resubmission_deadline = (
        resubmission_deadline if outcome == DecisionOutcome.TO_IMPROVE else None
    )
    decision.proposed_by = by
    decision.approved_by = None
    return save_validated(decision, by=by, reason=_("besluit voorgesteld"))


@transaction.atomic
def decision_approve(*, by: User, decision: Decision) -> Decision:
    """A second reviewer approves the decision (four eyes). It is then in force: the plan gets
    the decision's status and the decision letter can be made."""
    decision = (
        Decision.objects.select_for_update().select_related("plan__region").get(pk=decision.pk)
    )
    if not can_approve_outcome(by, decision.plan.region, decision.proposed_by_id):
        raise _deny(
            _("Een tweede beoordelaar, niet degene die het voorstelde, keurt het besluit goed.")
        )
    if decision.is_final:
        raise ValidationError({NON_FIELD_ERRORS: _("Het besluit is al goedgekeurd.")})
    decision.approved_by = by
    decision.approved_at = timezone.now()
    save_validated(decision, by=by, reason=_("besluit goedgekeurd"))
    if decision.plan.status == PlanStatus.SUBMITTED:
        # Reviews read in through the workbook leave the plan "ingediend"; a plan goes through
        # "in beoordeling" on its way to a decision.
        plan_services.plan_status_set(by=by, plan=decision.plan, status=PlanStatus.UNDER_ASSESSMENT)
    plan_services.plan_status_set(
        by=by,
        plan=decision.plan,
        status=decision.outcome,
        resubmission_deadline=decision.resubmission_deadline,
    )
    return decision


@transaction.atomic
def decision_send_back(*, by: User, decision: Decision, reason: str) -> None:
    """The second reviewer does not approve: the proposal is withdrawn (the history keeps it
    and the reason), and the coordinator proposes again."""
    decision = Decision.objects.select_related("plan__region").get(pk=decision.pk)
    if not can_approve_outcome(by, decision.plan.region, decision.proposed_by_id):
        raise _deny(
            _("Een tweede beoordelaar, niet degene die het voorstelde, keurt het besluit goed.")
        )
    if decision.is_final:
        raise ValidationError({NON_FIELD_ERRORS: _("Het besluit is al goedgekeurd.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf op waarom het besluit terug gaat.")})
    delete_recorded(
        decision,
        by=by,
        reason=_("besluit teruggestuurd: %(reason)s") % {"reason": reason.strip()},
    )
