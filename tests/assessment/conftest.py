"""Applications of techniekarme regio's, built by hand, and their assessments.

``application(...)`` makes a region with a plan for 2025-2028 in the given status;
``assessed(plan, {reviewer: {sub_aspect: score}}, failed={reviewer: {sub_aspect: reason}})``
records submitted reviews through ``assessment.services.review_import`` (every sub-aspect minimum
met unless listed in ``failed``; a sub-aspect not in the scores gets score 0).
"""

import datetime
from decimal import Decimal

import pytest

from assessment import services
from assessment.framework import SUB_ASPECT_CODES
from plans.models import Plan
from regions.models import Period
from tests.factories import PeriodFactory, RegionFactory


@pytest.fixture
def period(db) -> Period:
    return PeriodFactory()  # 2025-2028


@pytest.fixture
def application(period):
    def make(sto: str, requested: str, *, status: str = "submitted", kind: str = "techniekarm"):
        region = RegionFactory(sto_number=sto, name=f"Regio {sto[-2:]}", kind=kind)
        return Plan.objects.create(
            region=region,
            period=period,
            status=status,
            requested=Decimal(requested),
            submitted_on=None if status == "draft" else datetime.date(2024, 9, 20),
        )

    return make


def assessed(plan: Plan, scores: dict, failed: dict | None = None) -> None:
    failed = failed or {}
    for reviewer, given in scores.items():
        reasons = failed.get(reviewer, {})
        services.review_import(
            by=None,
            plan=plan,
            reviewer=None,
            external_reviewer=reviewer,
            items=[
                services.JudgementInput(
                    code,
                    minimum_met=code not in reasons,
                    reason=reasons.get(code, ""),
                    score=Decimal(str(given.get(code, 0))),
                )
                for code in SUB_ASPECT_CODES
            ],
        )
