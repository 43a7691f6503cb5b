"""Every URL of the plans × every role × own/other region (see tests/access_matrix.py).

A region's plan is for its programme managers (who write while it is a draft), reviewers and
administrators. Municipal officers and users without a role do not see it; a manager of another
region neither.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from plans import services
from plans.models import Activity, BudgetLine, Goal, Plan, Risk, TeacherShortage
from reporting.budget_sheet import budget_sheet
from tests.access_matrix import (
    DENY,
    HIDE,
    SHOW,
    Route,
    World,
    check_route,
    managers,
    matrix_params,
    table,
)
from tests.access_matrix import (
    world as matrix_world,  # noqa: F401  (fixture)
)
from tests.factories import PeriodFactory


def plan_readers():
    return table(manager=(SHOW, DENY), reviewer=SHOW, administrator=SHOW)


def all_plans_list():
    return table(manager=(SHOW, HIDE), officer=HIDE, reviewer=SHOW, administrator=SHOW, norole=HIDE)


@pytest.fixture
def world(matrix_world: World) -> World:  # noqa: F811
    """The matrix world with a complete draft plan for 2025-2028 on each side, and a plan for
    2024 that must be improved."""
    w = matrix_world
    earlier = PeriodFactory(
        code="2024", start_year=2024, end_year=2024, min_cofinancing_pct=Decimal("7.5")
    )
    PeriodFactory(code="2029-2032", start_year=2029, end_year=2032)
    for side, region in w.region.items():
        admin = w.users["administrator"]
        plan = services.plan_create(by=admin, region=region, period=w.grant[side].period)
        services.plan_update(
            by=admin, plan=plan, requested=Decimal("1000"), summary=f"Visie {region.name}"
        )
        goal = services.goal_save(
            by=admin,
            plan=plan,
            code="D1",
            theme="dekkend",
            description="Doel",
            milestone_2y="a",
            milestone_4y="b",
        )
        activity = services.activity_save(
            by=admin,
            plan=plan,
            code="A1",
            title="Activiteit",
            starts=datetime.date(2025, 1, 1),
            ends=datetime.date(2025, 2, 1),
            result="r",
            owner=w.lead[side],
            goals=[goal],
        )
        risk = services.risk_save(
            by=admin,
            plan=plan,
            risk="Risico",
            likelihood="klein",
            impact="klein",
            measure="m",
            owner=w.lead[side],
        )
        services.budget_lines_set(
            by=admin,
            plan=plan,
            lines=[
                services.BudgetInput(
                    2025, w.lead[side], Decimal("1000"), Decimal("0"), Decimal("0")
                )
            ],
        )
        old = services.plan_create(by=admin, region=region, period=earlier)
        services.plan_update(by=admin, plan=old, requested=Decimal("1"), summary="Oud")
        services.goal_save(
            by=admin,
            plan=old,
            code="D1",
            theme="dekkend",
            description="d",
            milestone_2y="a",
            milestone_4y="b",
        )
        services.activity_save(
            by=admin,
            plan=old,
            code="A1",
            title="t",
            starts=datetime.date(2024, 1, 1),
            ends=datetime.date(2024, 1, 2),
            result="r",
            owner=w.lead[side],
        )
        services.budget_lines_set(
            by=admin,
            plan=old,
            lines=[
                services.BudgetInput(2024, w.lead[side], Decimal("1"), Decimal("0"), Decimal("0"))
            ],
        )
        services.plan_submit(by=admin, plan=old, on=datetime.date(2023, 9, 1))
        services.plan_status_set(by=admin, plan=old, status="under_assessment")
        services.plan_status_set(
            by=admin, plan=old, status="to_improve", resubmission_deadline=datetime.date(2024, 3, 1)
        )
        w.extra[f"plan-{side}"] = plan
        w.extra[f"goal-{side}"] = goal
        w.extra[f"activity-{side}"] = activity
        w.extra[f"risk-{side}"] = risk
    return w


def sto(w: World, t: str) -> str:
    return w.region[t].sto_number


def url(name: str, *parts, period: str = "2025-2028"):
    def build(w: World, t: str) -> str:
        args = [sto(w, t), period, *(p(w, t) if callable(p) else p for p in parts)]
        return reverse(f"plans:{name}", args=args)

    return build


def pk_of(kind: str):
    return lambda w, t: w.extra[f"{kind}-{t}"].pk


def plan_of(w: World, t: str) -> Plan:
    return Plan.objects.get(pk=w.extra[f"plan-{t}"].pk)


READ_ROUTES = [
    Route("plan_list", lambda w, t: reverse("plans:plan_list", args=[sto(w, t)]), plan_readers()),
    Route("plan_detail", url("plan_detail"), plan_readers()),
    Route("plan_version", url("plan_version", 1), plan_readers()),
    Route("plan_compare", url("plan_compare"), plan_readers()),
    Route("all_plans", lambda w, t: reverse("plans:all_plans"), all_plans_list()),
    # The write pages, opened: the region's manager and administrators.
    Route("regiovisie_edit", url("regiovisie_edit"), managers()),
    Route("goal_create", url("goal_create"), managers()),
    Route("goal_edit", url("goal_edit", pk_of("goal")), managers()),
    Route("goal_delete", url("goal_delete", pk_of("goal")), managers()),
    Route("activity_create", url("activity_create"), managers()),
    Route("activity_edit", url("activity_edit", pk_of("activity")), managers()),
    Route("activity_delete", url("activity_delete", pk_of("activity")), managers()),
    Route("risk_create", url("risk_create"), managers()),
    Route("risk_edit", url("risk_edit", pk_of("risk")), managers()),
    Route("risk_delete", url("risk_delete", pk_of("risk")), managers()),
    Route("teachers_edit", url("teachers_edit"), managers()),
    Route("budget_edit", url("budget_edit"), managers()),
    Route("plan_submit", url("plan_submit"), managers()),
    # The offline budget sheet (reporting): read by the plan's readers, uploaded by its writers.
    Route(
        "budget_download",
        lambda w, t: reverse("reporting:budget_download", args=[sto(w, t), "2025-2028"]),
        plan_readers(),
        marker=sto,
    ),
    Route(
        "budget_upload",
        lambda w, t: reverse("reporting:budget_upload", args=[sto(w, t), "2025-2028"]),
        managers(),
    ),
]

# A goal of one region's plan through the other region's URL: 404 for everybody.
CROSS_ROUTES = [
    Route(
        "goal_edit_cross",
        lambda w, t: reverse(
            "plans:goal_edit", args=[sto(w, "own"), "2025-2028", w.extra["goal-other"].pk]
        ),
        table(),
        marker=lambda w, t: w.region["other"].name,
    ),
]

WRITE_ROUTES = [
    Route(
        "regiovisie_edit",
        url("regiovisie_edit"),
        managers(done=True),
        method="post",
        data=lambda w, t: {"requested": "2.000", "summary": "Nieuwe visie"},
        state=lambda w, t: plan_of(w, t).summary,
    ),
    Route(
        "goal_create",
        url("goal_create"),
        managers(done=True),
        method="post",
        data=lambda w, t: {
            "code": "D2",
            "theme": "duurzaam",
            "description": "x",
            "milestone_2y": "a",
            "milestone_4y": "b",
        },
        state=lambda w, t: Goal.objects.filter(plan__region=w.region[t]).count(),
    ),
    Route(
        "goal_delete",
        url("goal_delete", pk_of("goal")),
        managers(done=True),
        method="post",
        state=lambda w, t: Goal.objects.filter(pk=w.extra[f"goal-{t}"].pk).exists(),
    ),
    Route(
        "activity_edit",
        url("activity_edit", pk_of("activity")),
        managers(done=True),
        method="post",
        data=lambda w, t: {
            "code": "A1",
            "title": "Andere titel",
            "starts": "2025-01-01",
            "ends": "2025-02-01",
            "result": "r",
            "owner": w.lead[t].pk,
        },
        state=lambda w, t: Activity.objects.get(pk=w.extra[f"activity-{t}"].pk).title,
    ),
    Route(
        "risk_delete",
        url("risk_delete", pk_of("risk")),
        managers(done=True),
        method="post",
        state=lambda w, t: Risk.objects.filter(pk=w.extra[f"risk-{t}"].pk).exists(),
    ),
    Route(
        "teachers_edit",
        url("teachers_edit"),
        managers(done=True),
        method="post",
        data=lambda w, t: {
            f"{p}-{c}": "3"
            for p in ("BWI", "PIE", "MT", "MaT", "MVI")
            for c in ("qualified", "to_train", "needing_training", "to_replace")
        },
        state=lambda w, t: TeacherShortage.objects.filter(plan__region=w.region[t]).count(),
    ),
    Route(
        "budget_edit",
        lambda w, t: url("budget_edit")(w, t) + "?jaar=2026",
        managers(done=True),
        method="post",
        data=lambda w, t: {f"p{w.lead[t].pk}-personnel": "500"},
        state=lambda w, t: BudgetLine.objects.filter(plan__region=w.region[t]).count(),
    ),
    Route(
        "plan_submit",
        url("plan_submit"),
        managers(done=True),
        method="post",
        state=lambda w, t: plan_of(w, t).status,
    ),
    Route(
        "plan_start",
        url("plan_start", period="2029-2032"),
        managers(done=True),
        method="post",
        state=lambda w, t: Plan.objects.filter(region=w.region[t]).count(),
    ),
    Route(
        "plan_new_version",
        url("plan_new_version", period="2024"),
        managers(done=True),
        method="post",
        state=lambda w, t: Plan.objects.filter(region=w.region[t]).count(),
    ),
    Route(
        "budget_upload",
        lambda w, t: reverse("reporting:budget_upload", args=[sto(w, t), "2025-2028"]),
        managers(done=True),
        method="post",
        data=lambda w, t: {"file": _filled_budget_sheet(plan_of(w, t))},
        state=lambda w, t: sorted(
            BudgetLine.objects.filter(plan__region=w.region[t]).values_list("personnel", flat=True)
        ),
    ),
]


def _filled_budget_sheet(plan: Plan) -> SimpleUploadedFile:
    """The plan's budget sheet with 777 personnel costs on every row."""
    buffer = io.BytesIO()
    budget_sheet(plan).save(buffer)
    workbook = load_workbook(buffer)
    for row in workbook["budget_lines"].iter_rows(min_row=2):
        row[4].value = 777
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("begroting.xlsx", buffer.getvalue())


ROUTES = READ_ROUTES + CROSS_ROUTES + WRITE_ROUTES


@pytest.mark.parametrize(("route", "role", "target"), matrix_params(ROUTES))
def test_access(client, world, route, role, target):
    check_route(client, world, route, role, target)


def test_every_plan_url_is_in_the_matrix():
    from plans import urls

    names = {p.name for p in urls.region_patterns} | {
        "all_plans",
        "budget_download",
        "budget_upload",
    }
    covered = {r.name.replace("_cross", "") for r in ROUTES}
    assert names <= covered, f"not in the access matrix: {sorted(names - covered)}"
