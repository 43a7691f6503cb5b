"""Applications with submitted reviews and decisions, built with the assessment services, for
the decision letter, the export and the workbook tests.

``people()`` gives a coordinating reviewer, a second coordinator, two reviewers and an
administrator; ``application(...)`` a techniekarm (or techniek) region with its penvoerder and a
submitted plan; ``reviewed(plan, ...)`` two submitted reviews through ``review_import``;
``decide(...)`` a proposed decision, approved by the second person when asked.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group

from assessment import services
from assessment.framework import SUB_ASPECT_CODES
from plans.models import Plan
from regions.models import Period
from regions.roles import Role
from tests.factories import OrganisationFactory, RegionFactory, UserFactory


def coordinator(username: str, **kwargs):
    user = UserFactory(username=username, role=Role.REVIEWER, **kwargs)
    user.groups.add(Group.objects.get_or_create(name=Role.COORDINATOR.value)[0])
    return user


def people() -> dict:
    return {
        "coordinator": coordinator("coordinator", first_name="Carla", last_name="de Coördinator"),
        "coordinator2": coordinator("coordinator2"),
        "anna": UserFactory(
            username="anna", role=Role.REVIEWER, first_name="Anna", last_name="Smit"
        ),
        "bram": UserFactory(username="bram", role=Role.REVIEWER),
        "admin": UserFactory(username="beheer", role=Role.ADMINISTRATOR),
    }


def application(
    period: Period,
    sto: str,
    name: str,
    requested: str,
    *,
    kind: str = "techniekarm",
    lead: str = "Penvoerder College",
) -> Plan:
    region = RegionFactory(
        sto_number=sto, name=name, kind=kind, lead=OrganisationFactory(name=lead)
    )
    return Plan.objects.create(
        region=region,
        period=period,
        status="submitted",
        requested=Decimal(requested),
        submitted_on=datetime.date(2024, 9, 20),
    )


def reviewed(
    plan: Plan,
    scores: dict[str, dict[str, int] | int],
    *,
    failed: dict[str, dict[str, str]] | None = None,
    users: dict | None = None,
) -> None:
    """Submitted reviews: per reviewer (a username in ``users``, else an external name) a score
    per sub-aspect (or one score for all), every minimum met unless in ``failed``."""
    failed = failed or {}
    users = users or {}
    scored = plan.region.kind == "techniekarm"
    for reviewer, given in scores.items():
        reasons = failed.get(reviewer, {})
        services.review_import(
            by=None,
            plan=plan,
            reviewer=users.get(reviewer),
            external_reviewer="" if reviewer in users else reviewer,
            items=[
                services.JudgementInput(
                    code,
                    minimum_met=code not in reasons,
                    reason=reasons.get(code, ""),
                    score=(
                        Decimal(str(given if isinstance(given, int) else given.get(code, 0)))
                        if scored
                        else None
                    ),
                    note=f"Notitie {reviewer} bij {code}",
                )
                for code in SUB_ASPECT_CODES
            ],
        )


def decide(
    plan: Plan,
    by,
    *,
    outcome: str = "approved",
    awarded: str = "0",
    approver=None,
    conditions: str = "",
    deadline: datetime.date | None = None,
    motivation: str = "De aanvraag voldoet aan alle minimale vereisten.",
):
    decision = services.decision_propose(
        by=by,
        plan=plan,
        outcome=outcome,
        awarded=Decimal(awarded),
        motivation=motivation,
        conditions=conditions,
        resubmission_deadline=deadline,
    )
    if approver is not None:
        decision = services.decision_approve(by=approver, decision=decision)
    return decision
