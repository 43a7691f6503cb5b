"""The facts of a decision letter: the application, the outcome, the amounts, the scores per
criterion, the dates and the people. Numbers and names only; the words are in ``texts`` and the
templates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.framework import framework_in_force
from assessment.models import Decision, DecisionOutcome
from assessment.ranking import assess, shown
from plans.models import Plan
from regions.models import Organisation, Period, Region

# The regulation the decisions are taken under (seeds 004, Bijlage C: "Bron: Staatscourant 12
# september 2018 Nr. 51216") and the period within which an objection can be made (Awb 6:7).
REGULATION = "Subsidieregeling sterk techniekonderwijs"
REGULATION_SOURCE = "Staatscourant 2018, nr. 51216"
OBJECTION_WEEKS = 6


def person_name(user) -> str:
    """How a letter names a person: the full name, else the username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@dataclass
class CriterionLine:
    """One criterion of the framework: its score (techniekarme regio's) and whether every
    reviewer found its minimum requirements met."""

    code: str
    title: str
    minimum_met: bool
    score: Decimal | None  # None where the application gets no scores
    maximum: Decimal | None


@dataclass
class DecisionLetterData:
    decision: Decision
    plan: Plan
    reviewers: int
    scored: bool
    criteria: list[CriterionLine] = field(default_factory=list)
    total: Decimal | None = None
    maximum: Decimal | None = None
    generated_on: datetime.date | None = None

    @property
    def region(self) -> Region:
        return self.plan.region

    @property
    def period(self) -> Period:
        return self.plan.period

    @property
    def applicant(self) -> Organisation | None:
        """The penvoerder, who applies on behalf of the region."""
        return self.region.lead

    @property
    def applicant_name(self) -> str:
        return self.applicant.name if self.applicant else _("het samenwerkingsverband")

    @property
    def is_final(self) -> bool:
        return self.decision.is_final

    @property
    def outcome(self) -> str:
        return self.decision.outcome

    @property
    def outcome_label(self) -> str:
        return str(DecisionOutcome(self.decision.outcome).label)

    @property
    def grants(self) -> bool:
        return self.decision.outcome in (
            DecisionOutcome.APPROVED,
            DecisionOutcome.APPROVED_WITH_CONDITIONS,
        )

    @property
    def requested(self) -> Decimal:
        return self.plan.requested

    @property
    def awarded(self) -> Decimal:
        return self.decision.awarded

    @property
    def not_awarded(self) -> Decimal:
        return self.requested - self.awarded

    @property
    def conditions(self) -> list[str]:
        return self.decision.condition_list

    @property
    def resubmission_deadline(self) -> datetime.date | None:
        return self.decision.resubmission_deadline

    @property
    def decided_on(self) -> datetime.date | None:
        """The day the decision was taken: the second reviewer's approval."""
        approved = self.decision.approved_at
        return timezone.localdate(approved) if approved else None

    @property
    def objection_deadline(self) -> datetime.date | None:
        """Six weeks after the day of the decision (Awb 6:7, 6:8)."""
        if self.decided_on is None:
            return None
        return self.decided_on + datetime.timedelta(weeks=OBJECTION_WEEKS)

    @property
    def proposed_by(self) -> str:
        return person_name(self.decision.proposed_by)

    @property
    def approved_by(self) -> str:
        return person_name(self.decision.approved_by)

    @property
    def reference(self) -> str:
        """The letter's reference: region, period and plan version."""
        return f"{self.region.sto_number}/{self.period.code}/v{self.plan.version}"

    @property
    def title(self) -> str:
        return _("Beschikking %(region)s %(period)s") % {
            "region": self.region.name,
            "period": self.period.code,
        }


def decision_letter_data(
    decision: Decision, *, today: datetime.date | None = None
) -> DecisionLetterData:
    """Gather the facts of the letter on ``decision`` (a fixed number of queries)."""
    plan = decision.plan
    framework = framework_in_force(plan.period)
    application = assess(plan, framework)
    scored = framework is not None and framework.scores(plan.region)
    failed = {code for _reviewer, code, _reason in application.failed_minimum}
    criteria: list[CriterionLine] = []
    total = maximum = None
    if framework is not None:
        for criterion in framework.criteria.all():
            subs = list(criterion.sub_aspects.all())
            top = sum((Decimal(s.scale_max) * s.weight for s in subs if s.scored), Decimal(0))
            criteria.append(
                CriterionLine(
                    code=criterion.code,
                    title=criterion.title,
                    minimum_met=not any(s.code in failed for s in subs),
                    score=shown(application.criterion_total(criterion.code)) if scored else None,
                    maximum=top if scored else None,
                )
            )
        if scored:
            total = application.total_score
            maximum = sum((c.maximum or Decimal(0) for c in criteria), Decimal(0))
    return DecisionLetterData(
        decision=decision,
        plan=plan,
        reviewers=len(application.reviewers),
        scored=scored,
        criteria=criteria,
        total=total,
        maximum=maximum,
        generated_on=today or timezone.localdate(),
    )
