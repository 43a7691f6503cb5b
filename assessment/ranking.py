"""The ranking of applications under the subsidy ceiling: docs/interfaces.md §6, exactly.

Awb 4:25–4:26: the ceiling is published and distributed in ranking order.

- The applications are the plans for the period of the regions whose kind the framework scores
  (Bijlage C: techniekarme regio's), one per region: its latest submitted version, else its
  latest version.
- An application takes part if its plan is submitted or later and no reviewer marked any
  sub-aspect as minimum not met; otherwise its status is ``rejected_minimum``.
- A sub-aspect's score is the mean of its reviewers' scores; ``total_score`` is the sum over the
  sub-aspects, each mean counted ``weight`` times (weight 1 by default, so the plain sum).
- Order: higher ``total_score`` first; on a tie, the higher score on criterion ``dekkend``; a tie
  that is left is decided by lot, and the draw is recorded (``LotDraw``).
- Funding follows that order: ``funded`` while the requested amounts fit under the ceiling; the
  first that no longer fits gets what is left (``partly_funded``, when more than € 0 is left);
  the rest get ``not_funded``.

Only submitted reviews count. Means are kept as exact fractions, so a tie is a real tie and not
an accident of rounding; they are rounded (to 2 decimals, half up) only to be shown.

An approved override (four eyes) replaces the automatic outcome of its application; the
automatic one stays visible beside it. The ranking itself is computed in memory from 5 queries,
whatever the number of applications.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from plans.models import SUBMITTED_STATUSES, Plan
from regions.models import Period, Region
from sto.formatting import format_euro, format_number
from sto.money import ZERO

from .bijlage_c import sub_aspect_label
from .framework import CRITERION_OF, SUB_ASPECT_CODES, TIE_BREAK_CRITERION
from .models import Framework, Judgement, LotDraw, Override, RankStatus, Review, SubAspect

SCORE_PLACES = Decimal("0.01")


def shown(value: Fraction) -> Decimal:
    """A score as shown and exported: 2 decimals, half up."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        SCORE_PLACES, rounding=ROUND_HALF_UP
    )


@dataclass
class SubAspectResult:
    """One sub-aspect of one application: every submitted reviewer's judgement of it."""

    code: str
    criterion: str
    weight: Decimal
    judgements: dict[str, Judgement]  # reviewer name -> judgement

    @property
    def scores(self) -> dict[str, Decimal]:
        return {name: j.score for name, j in self.judgements.items() if j.score is not None}

    @property
    def spread(self) -> Decimal | None:
        """Highest minus lowest score, when two or more reviewers scored."""
        scores = list(self.scores.values())
        return max(scores) - min(scores) if len(scores) >= 2 else None

    def stands_out(self, threshold: Decimal) -> bool:
        """Reviewers differ by more than ``threshold`` (the framework's spread threshold)."""
        return self.spread is not None and self.spread > threshold

    @property
    def shown_mean(self) -> Decimal | None:
        mean = self.mean
        return None if mean is None else shown(mean)

    @property
    def mean(self) -> Fraction | None:
        if not self.scores:
            return None
        return sum((Fraction(s) for s in self.scores.values()), Fraction(0)) / len(self.scores)


@dataclass
class Application:
    plan: Plan
    sub_aspects: dict[str, SubAspectResult]
    failed_minimum: list[tuple[str, str, str]]  # (reviewer, sub-aspect code, reason)
    reviewers: list[str]
    lot: int | None = None
    rank: int | None = None
    status: str = RankStatus.NOT_FUNDED
    awarded: Decimal = ZERO
    override: Override | None = None  # the approved override in force, if any
    automatic_status: str = RankStatus.NOT_FUNDED
    automatic_awarded: Decimal = ZERO
    why: list[str] = field(default_factory=list)

    @property
    def region(self) -> Region:
        return self.plan.region

    @property
    def requested(self) -> Decimal:
        return self.plan.requested

    @property
    def takes_part(self) -> bool:
        return self.plan.status in SUBMITTED_STATUSES and not self.failed_minimum

    def _weighted(self, criterion: str | None = None) -> Fraction:
        total = Fraction(0)
        for result in self.sub_aspects.values():
            if criterion is not None and result.criterion != criterion:
                continue
            mean = result.mean
            if mean is not None:
                total += mean * Fraction(result.weight)
        return total

    @property
    def total(self) -> Fraction:
        return self._weighted()

    @property
    def tie_break(self) -> Fraction:
        return self._weighted(TIE_BREAK_CRITERION)

    def criterion_total(self, criterion: str) -> Fraction:
        """The score on one criterion: its sub-aspects' means, each counted ``weight`` times
        (the decision letter shows it per criterion)."""
        return self._weighted(criterion)

    @property
    def total_score(self) -> Decimal:
        return shown(self.total)

    @property
    def tie_break_score(self) -> Decimal:
        return shown(self.tie_break)

    @property
    def overridden(self) -> bool:
        return self.override is not None

    def status_label(self) -> str:
        return str(RankStatus(self.status).label)

    def automatic_status_label(self) -> str:
        return str(RankStatus(self.automatic_status).label)


@dataclass
class Ranking:
    period: Period
    framework: Framework | None
    ceiling: Decimal
    applications: list[Application]  # in rank order; those that do not take part at the end
    missing_lots: list[Region]  # regions in a tie left that have no lot drawn yet

    @property
    def awarded(self) -> Decimal:
        return sum((a.awarded for a in self.applications), ZERO)

    @property
    def requested(self) -> Decimal:
        return sum((a.requested for a in self.applications if a.takes_part), ZERO)

    @property
    def requested_over_ceiling(self) -> Decimal:
        """How far the requests of the applications that take part exceed the ceiling."""
        return max(self.requested - self.ceiling, ZERO)

    @property
    def over_ceiling(self) -> Decimal:
        """How far overrides took the awarded total above the ceiling (0 when within)."""
        return max(self.awarded - self.ceiling, ZERO)


def choose_applications(plans: Iterable[Plan]) -> dict[tuple[int, int], Plan]:
    """Which plan is a region's application for a period (docs/decisions/0010): per (region,
    period) its latest submitted version, else its latest version."""
    chosen: dict[tuple[int, int], Plan] = {}
    for plan in sorted(plans, key=lambda p: -p.version):
        key = (plan.region_id, plan.period_id)
        current = chosen.get(key)
        if current is None or (
            current.status not in SUBMITTED_STATUSES and plan.status in SUBMITTED_STATUSES
        ):
            chosen[key] = plan
    return chosen


def applications_of(period: Period, framework: Framework | None) -> list[Plan]:
    """One application per region of a scored kind (``choose_applications``)."""
    kinds = framework.kinds if framework is not None else frozenset({"techniekarm"})
    plans = Plan.objects.filter(period=period, region__kind__in=kinds).select_related(
        "region", "period"
    )
    return sorted(choose_applications(plans).values(), key=lambda p: p.region.sto_number)


def _read(plans: list[Plan], framework: Framework | None) -> list[Application]:
    """Each application is weighed by the framework version its submitted reviews used (the
    latest of them, should a resubmission have been reviewed under a newer version), so the
    ranking and the scores side by side count the same weights; without reviews, ``framework``.
    """
    reviews = (
        Review.objects.filter(plan__in=plans, submitted_at__isnull=False)
        .select_related("reviewer")
        .prefetch_related(
            Prefetch("judgements", queryset=Judgement.objects.select_related("sub_aspect"))
        )
        .order_by("pk")
    )
    by_plan: dict[int, list[Review]] = defaultdict(list)
    for review in reviews:
        by_plan[review.plan_id].append(review)
    used = {review.framework_id for review in reviews}
    if framework is not None:
        used.add(framework.pk)
    weights: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for sub in SubAspect.objects.filter(criterion__framework_id__in=used).values(
        "criterion__framework_id", "code", "weight"
    ):
        weights[sub["criterion__framework_id"]][sub["code"]] = sub["weight"]
    applications = []
    for plan in plans:
        # A later version of a period's framework is always made later (a higher key).
        versions = [r.framework_id for r in by_plan[plan.pk]]
        weighed_by = max(versions) if versions else (framework.pk if framework else None)
        own = weights.get(weighed_by, {}) if weighed_by is not None else {}
        results = {
            code: SubAspectResult(code, CRITERION_OF[code], own.get(code, Decimal(1)), {})
            for code in SUB_ASPECT_CODES
        }
        failed = []
        for review in by_plan[plan.pk]:
            for judgement in review.judgements.all():
                code = judgement.sub_aspect.code
                if judgement.minimum_met is False:
                    failed.append((review.reviewer_name, code, judgement.reason))
                if code in results:
                    results[code].judgements[review.reviewer_name] = judgement
        applications.append(
            Application(
                plan=plan,
                sub_aspects=results,
                failed_minimum=failed,
                reviewers=[r.reviewer_name for r in by_plan[plan.pk]],
            )
        )
    return applications


def assess(plan: Plan, framework: Framework | None) -> Application:
    """The submitted reviews of one application, side by side, with means and totals."""
    return _read([plan], framework)[0]


def _key(application: Application) -> tuple[Fraction, Fraction]:
    return (-application.total, -application.tie_break)


def rank(
    period: Period, ceiling: Decimal, *, framework: Framework | None, lots: dict[int, int] | None
) -> Ranking:
    """The ranking of ``period``'s applications under ``ceiling``.

    ``lots`` maps region ids to recorded lot numbers; ``None`` reads them from ``LotDraw``. A
    tie left without lots is ordered by STO number for now and reported in ``missing_lots``
    (``services.ranking_run`` draws them)."""
    plans = applications_of(period, framework)
    applications = _read(plans, framework)
    if lots is None:
        lots = dict(
            LotDraw.objects.filter(period=period, region__in=[p.region for p in plans]).values_list(
                "region_id", "number"
            )
        )
    taking_part = [a for a in applications if a.takes_part]
    groups: dict[tuple[Fraction, Fraction], list[Application]] = defaultdict(list)
    for application in taking_part:
        groups[_key(application)].append(application)
    missing: list[Region] = []
    for tied in groups.values():
        if len(tied) < 2:
            continue
        for application in tied:
            application.lot = lots.get(application.region.pk)
            if application.lot is None:
                missing.append(application.region)
    taking_part.sort(
        key=lambda a: (*_key(a), a.lot if a.lot is not None else 0, a.region.sto_number)
    )
    _fund(taking_part, ceiling)
    _explain_order(taking_part)
    out = [a for a in applications if not a.takes_part]
    out.sort(key=lambda a: (-a.total, a.region.sto_number))
    for application in out:
        application.status = application.automatic_status = RankStatus.REJECTED_MINIMUM
        application.awarded = application.automatic_awarded = ZERO
        if application.plan.status not in SUBMITTED_STATUSES:
            application.why.append(
                _("Het plan is niet ingediend (status: %(status)s).")
                % {"status": application.plan.get_status_display()}
            )
        for reviewer, code, reason in application.failed_minimum:
            application.why.append(
                _("%(reviewer)s: niet aan de minimale vereisten van %(sub)s voldaan: %(reason)s")
                % {"reviewer": reviewer, "sub": sub_aspect_label(code), "reason": reason}
            )
    ranked = taking_part + out
    _apply_overrides(ranked)
    return Ranking(period, framework, ceiling, ranked, sorted(missing, key=lambda r: r.sto_number))


def _fund(ordered: list[Application], ceiling: Decimal) -> None:
    left = ceiling
    stopped = False
    for position, application in enumerate(ordered, start=1):
        application.rank = position
        requested = application.requested
        if not stopped and requested <= left:
            status, awarded = RankStatus.FUNDED, requested
            application.why.append(
                _("Past onder het plafond: %(requested)s gevraagd, daarna %(left)s over.")
                % {"requested": format_euro(requested), "left": format_euro(left - requested)}
            )
            left -= requested
        elif not stopped:
            stopped = True
            if left > ZERO:
                status, awarded = RankStatus.PARTLY_FUNDED, left
                application.why.append(
                    _(
                        "Past niet meer helemaal: %(requested)s gevraagd, %(left)s over onder "
                        "het plafond; dat wordt toegekend."
                    )
                    % {"requested": format_euro(requested), "left": format_euro(left)}
                )
            else:
                status, awarded = RankStatus.NOT_FUNDED, ZERO
                application.why.append(_("Het plafond is bereikt; er is niets meer over."))
            left = ZERO
        else:
            status, awarded = RankStatus.NOT_FUNDED, ZERO
            application.why.append(
                _("Een hoger gerangschikte aanvraag paste al niet meer onder het plafond.")
            )
        application.status = application.automatic_status = status
        application.awarded = application.automatic_awarded = awarded


def _explain_order(ordered: list[Application]) -> None:
    """Say, for each application, what puts it above the next one."""
    for above, below in zip(ordered, ordered[1:], strict=False):
        if above.total != below.total:
            reason = _("Hogere totaalscore dan %(next)s (%(a)s tegen %(b)s).") % {
                "next": below.region.name,
                "a": format_number(above.total_score, 2),
                "b": format_number(below.total_score, 2),
            }
        elif above.tie_break != below.tie_break:
            reason = _(
                "Gelijke totaalscore als %(next)s; hogere score op criterium dekkend "
                "(%(a)s tegen %(b)s)."
            ) % {
                "next": below.region.name,
                "a": format_number(above.tie_break_score, 2),
                "b": format_number(below.tie_break_score, 2),
            }
        elif above.lot is not None and below.lot is not None:
            reason = _(
                "Gelijk met %(next)s op totaalscore en op dekkend; door loting eerder "
                "(lot %(a)s tegen %(b)s)."
            ) % {"next": below.region.name, "a": above.lot, "b": below.lot}
        else:
            reason = _(
                "Gelijk met %(next)s op totaalscore en op dekkend; de loting is nog niet getrokken."
            ) % {"next": below.region.name}
        above.why.insert(0, reason)


def _apply_overrides(applications: list[Application]) -> None:
    plans = [a.plan for a in applications]
    approved = {
        o.plan_id: o
        for o in Override.objects.filter(plan__in=plans, approved=True)
        .select_related("proposed_by", "decided_by")
        .order_by("decided_at", "pk")
    }  # the latest approval per plan wins
    for application in applications:
        override = approved.get(application.plan.pk)
        if override is None:
            continue
        application.override = override
        application.status = override.status
        application.awarded = override.awarded
        application.why.append(
            _("Afwijking van de rangschikking, goedgekeurd door %(approver)s: %(reason)s")
            % {
                "approver": override.decided_by.get_username() if override.decided_by else "",
                "reason": override.reason,
            }
        )
