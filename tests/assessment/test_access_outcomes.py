"""Every outcome URL × role × own/other application (see tests/access_matrix.py).

Besides the matrix roles there are three assessment roles: a coordinating reviewer
("coordinator"), the coordinating reviewer who proposed the pending override and decision
("proposer"), and a coordinating reviewer who is also the programme manager of the own region
("conflicted"): they may not rank, propose or approve for that region.

Each side has two applications of its techniekarme regio: for 2025-2028 (ranked under a ceiling,
with a pending override and a pending decision, both proposed by "proposer") and for 2029-2032
(assessed, nothing proposed yet).
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from assessment import services
from assessment.models import Ceiling, Decision, Override
from plans.models import Plan
from regions.models import ManagerAssignment, Region
from regions.roles import Role
from tests.access_matrix import (
    DENY,
    DONE,
    HIDE,
    ROLES,
    SHOW,
    TARGETS,
    Route,
    World,
    check_route,
    table,
)
from tests.access_matrix import (
    world as matrix_world,  # noqa: F401  (fixture)
)
from tests.factories import PeriodFactory, UserFactory

from .conftest import assessed

OUTCOME_ROLES = (*ROLES, "coordinator", "proposer", "conflicted")


def _coordinator(username: str):
    user = UserFactory(username=username, role=Role.REVIEWER)
    user.groups.add(Group.objects.get_or_create(name=Role.COORDINATOR.value)[0])
    return user


def _application(region: Region, period, motivation: str) -> Plan:
    plan = Plan.objects.create(
        region=region,
        period=period,
        status="submitted",
        requested=Decimal("1000"),
        submitted_on=datetime.date(2024, 9, 20),
    )
    assessed(plan, {"Xander": {"regiovisie": 5}, "Ymke": {"regiovisie": 7}})
    return plan


@pytest.fixture
def world(matrix_world: World) -> World:  # noqa: F811
    w = matrix_world
    Region.objects.filter(pk__in=[r.pk for r in w.region.values()]).update(kind="techniekarm")
    for region in w.region.values():
        region.refresh_from_db()
    w.users["coordinator"] = _coordinator("matrix-coordinator")
    w.users["proposer"] = proposer = _coordinator("matrix-proposer")
    conflicted = _coordinator("matrix-conflicted")
    conflicted.groups.add(Group.objects.get_or_create(name=Role.PROGRAMME_MANAGER.value)[0])
    ManagerAssignment.objects.create(user=conflicted, region=w.region["own"])
    w.users["conflicted"] = conflicted
    period = w.grant["own"].period  # 2025-2028
    later = PeriodFactory(code="2029-2032", start_year=2029, end_year=2032)
    Ceiling.objects.create(period=period, amount=Decimal("1500"))
    for side, region in w.region.items():
        plan = _application(region, period, f"Motivering {region.name}")
        w.extra[f"plan-{side}"] = plan
        w.extra[f"override-{side}"] = services.override_propose(
            by=proposer,
            plan=plan,
            status="funded",
            awarded=Decimal("1000"),
            reason=f"Reden {region.name}",
        )
        w.extra[f"decision-{side}"] = services.decision_propose(
            by=proposer,
            plan=plan,
            outcome="approved",
            awarded=Decimal("1000"),
            motivation=f"Motivering {region.name}",
        )
        w.extra[f"later-{side}"] = _application(region, later, "")
    return w


def matrix_params(routes: list[Route]) -> list:
    return [
        pytest.param(route, role, target, id=f"{route.name}-{route.method}-{role}-{target}")
        for route in routes
        for role in OUTCOME_ROLES
        for target in TARGETS
    ]


def args(plan: Plan) -> list:
    return [plan.region.sto_number, plan.period.code, plan.version]


def app_url(name: str, key: str = "plan"):
    return lambda w, t: reverse(f"assessment:{name}", args=args(w.extra[f"{key}-{t}"]))


def override_url(w: World, t: str) -> str:
    return reverse("assessment:override_decide", args=[w.extra[f"override-{t}"].pk])


def ranking_url(w: World, t: str) -> str:
    return reverse("assessment:ranking", args=["2025-2028"])


def decision_state(key: str):
    def state(w: World, t: str):
        decision = Decision.objects.filter(plan=w.extra[f"{key}-{t}"]).first()
        return None if decision is None else (decision.pk, decision.approved_at)

    return state


# Who follows the ranking: coordinating reviewers and administrators.
FOLLOWERS = table(coordinator=SHOW, proposer=SHOW, conflicted=SHOW, administrator=SHOW)
# Who opens an override or a decision: reviewers, coordinators and administrators without
# another role in the region (the proposer too; they only may not approve).
SECOND = table(
    reviewer=SHOW, administrator=SHOW, coordinator=SHOW, proposer=SHOW, conflicted=(DENY, SHOW)
)
# Who proposes: coordinating reviewers without another role in the region.
PROPOSERS = table(coordinator=SHOW, proposer=SHOW, conflicted=(DENY, SHOW))
PROPOSERS_DONE = table(coordinator=DONE, proposer=DONE, conflicted=(DENY, DONE))
# Who approves: a second person, not the proposer, without another role in the region.
APPROVERS_DONE = table(reviewer=DONE, administrator=DONE, coordinator=DONE, conflicted=(DENY, DONE))
# Who reads the outcome page: everybody who reads the region's plan.
OUTCOME_READERS = table(
    manager=(SHOW, DENY),
    reviewer=SHOW,
    administrator=SHOW,
    coordinator=SHOW,
    proposer=SHOW,
    conflicted=SHOW,
)

ROUTES = [
    Route("ranking", ranking_url, FOLLOWERS),
    Route(
        "ranking",
        ranking_url,
        table(coordinator=DONE, proposer=DONE, conflicted=DONE),
        method="post",
        data=lambda w, t: {"ceiling": "2.000"},
        state=lambda w, t: Ceiling.objects.get(period__code="2025-2028").amount,
    ),
    Route("override_propose", app_url("override_propose"), PROPOSERS),
    Route(
        "override_propose",
        app_url("override_propose", "later"),
        PROPOSERS_DONE,
        method="post",
        data=lambda w, t: {"status": "funded", "awarded": "1.000", "reason": "Spreiding."},
        state=lambda w, t: Override.objects.filter(plan=w.extra[f"later-{t}"]).count(),
    ),
    Route("override_decide", override_url, SECOND),
    Route(
        "override_decide",
        override_url,
        APPROVERS_DONE,
        method="post",
        data=lambda w, t: {"besluit": "goedkeuren"},
        state=lambda w, t: Override.objects.get(pk=w.extra[f"override-{t}"].pk).approved,
    ),
    Route("decision", app_url("decision"), SECOND),
    Route(
        "decision",
        app_url("decision", "later"),
        PROPOSERS_DONE,
        method="post",
        data=lambda w, t: {
            "actie": "voorstellen",
            "outcome": "approved",
            "awarded": "1.000",
            "motivation": "Goed plan.",
        },
        state=decision_state("later"),
    ),
    Route(
        "decision_approve",
        app_url("decision"),
        APPROVERS_DONE,
        method="post",
        data=lambda w, t: {"actie": "goedkeuren"},
        state=decision_state("plan"),
    ),
    Route(
        "decision_send_back",
        app_url("decision"),
        APPROVERS_DONE,
        method="post",
        data=lambda w, t: {"actie": "terugsturen", "reason": "Bedrag bespreken."},
        state=decision_state("plan"),
    ),
    Route("outcome", app_url("outcome"), OUTCOME_READERS),
    # Before the decision is approved nobody reads its motivation on the outcome page.
    Route(
        "outcome_pending",
        app_url("outcome"),
        table(
            manager=(HIDE, DENY),
            reviewer=HIDE,
            administrator=HIDE,
            coordinator=HIDE,
            proposer=HIDE,
            conflicted=HIDE,
        ),
        marker=lambda w, t: f"Motivering {w.region[t].name}",
    ),
]


@pytest.mark.parametrize(("route", "role", "target"), matrix_params(ROUTES))
def test_access(client, world, route, role, target):
    check_route(client, world, route, role, target)


def test_the_manager_reads_the_outcome_once_the_decision_is_approved(client, world):
    services.decision_approve(by=world.users["coordinator"], decision=world.extra["decision-own"])
    client.force_login(world.users["manager"])
    own = client.get(reverse("assessment:outcome", args=args(world.extra["plan-own"])))
    assert "Motivering Eigenregio Alfa" in own.content.decode()
    other = client.get(reverse("assessment:outcome", args=args(world.extra["plan-other"])))
    assert other.status_code == 404


def test_every_outcome_url_is_in_the_matrix():
    from assessment import urls_outcomes

    names = {p.name for p in urls_outcomes.urlpatterns}
    covered = {r.name for r in ROUTES}
    assert names <= covered, f"not in the access matrix: {sorted(names - covered)}"
    for name in names:
        methods = {r.method for r in ROUTES if r.name == name}
        assert "get" in methods, f"{name}: GET not in the matrix"
    assert {r.method for r in ROUTES if r.name in ("ranking", "override_propose")} == {
        "get",
        "post",
    }
