"""The plan sheets of the workbook (docs/interfaces.md §5): optional, a row is the current
version of a plan, and an activity's goals are written with their history."""

import datetime
from decimal import Decimal

import pytest

from plans.models import Activity, Goal, Plan
from plans.regiovisie import format_regiovisie
from regions.models import Period, Region
from reporting.workbook import import_sheets, import_workbook
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    UserFactory,
)
from tests.reporting.test_workbook_invalid import make_workbook, row_counts

pytestmark = pytest.mark.django_db

D = datetime.date
PLAN_SHEETS = ("plans", "goals", "activities", "risks", "teacher_shortage", "budget_lines")


@pytest.fixture
def region():
    """A region with its penvoerder as a partner since 2020, and a period."""
    PeriodFactory()  # 2025-2028
    region = RegionFactory(sto_number="STO00001", name="Regio 1")
    MembershipFactory(region=region, organisation=region.lead, start=D(2020, 1, 1))
    return region


def _period() -> Period:
    return Period.objects.get(code="2025-2028")


def plan_row(**values) -> dict:
    row = {
        "sto_number": "STO00001",
        "period": "2025-2028",
        "status": "draft",
        "submitted_on": None,
        "requested": Decimal("0"),
        "regiovisie": "",
    }
    return row | values


def goal_row(code: str) -> dict:
    return {
        "sto_number": "STO00001",
        "period": "2025-2028",
        "code": code,
        "theme": "dekkend",
        "description": f"Doel {code}",
        "milestone_2y": "twee",
        "milestone_4y": "vier",
    }


def activity_row(region, goal_codes: str, title: str = "Techniekweek") -> dict:
    return {
        "sto_number": "STO00001",
        "period": "2025-2028",
        "code": "a1",
        "title": title,
        "starts": D(2025, 3, 1),
        "ends": D(2025, 3, 7),
        "result": "500 leerlingen",
        "owner_key": region.lead.key,
        "goal_codes": goal_codes,
    }


def test_a_workbook_without_the_plan_sheets_still_imports_and_leaves_plans_alone(region):
    plan = Plan.objects.create(region=region, period=_period())
    before = row_counts()
    summary = import_workbook(
        make_workbook(
            {"organisations": [["25LX", "mbo", "ROC", None, None, None]]}, drop=PLAN_SHEETS
        )
    )
    assert summary["organisations"].created == 1
    assert all(summary[sheet].total == 0 for sheet in PLAN_SHEETS)
    after = row_counts()
    assert {k: v for k, v in after.items() if k.startswith("plans.")} == {
        k: v for k, v in before.items() if k.startswith("plans.")
    }
    assert Plan.objects.get() == plan


def test_a_plan_row_makes_version_1_then_changes_the_current_version(region):
    regiovisie = format_regiovisie({"summary": "Kort.\n\nLanger.", "running_projects": "RIF"})
    summary = import_sheets({"plans": [plan_row(requested=Decimal("1000"), regiovisie=regiovisie)]})
    assert summary["plans"].created == 1
    first = Plan.objects.get()
    assert (first.version, first.status, first.requested) == (1, "draft", Decimal("1000.00"))
    assert (first.summary, first.running_projects, first.delimitation) == (
        "Kort.\n\nLanger.",
        "RIF",
        "",
    )

    # The assessment asked for improvements; the region works on version 2.
    Plan.objects.filter(pk=first.pk).update(
        status="to_improve", submitted_on=D(2024, 9, 30), resubmission_deadline=D(2025, 3, 1)
    )
    second = Plan.objects.create(region=region, period=first.period, version=2, summary="Kort.")
    user = UserFactory(username="importeur")
    summary = import_workbook(
        make_workbook(
            {
                "plans": [["STO00001", "2025-2028", "submitted", D(2025, 2, 28), 1200, regiovisie]],
                "goals": [list(goal_row("D1").values())],
            }
        ),
        by=user,
    )
    assert (summary["plans"].updated, summary["goals"].created) == (1, 1)
    second.refresh_from_db()
    assert (second.status, second.submitted_on, second.requested) == (
        "submitted",
        D(2025, 2, 28),
        Decimal("1200.00"),
    )
    assert second.running_projects == "RIF"
    assert second.history.first().history_user == user
    assert Goal.objects.get().plan == second  # the goal belongs to the current version
    first.refresh_from_db()
    assert (first.status, first.requested) == ("to_improve", Decimal("1000.00"))  # untouched


def test_rows_of_a_plan_in_the_database_import_without_the_plans_sheet(region):
    Plan.objects.create(region=region, period=_period())
    summary = import_workbook(
        make_workbook({"goals": [list(goal_row("D1").values())]}, drop=("plans",))
    )
    assert summary["goals"].created == 1
    assert Goal.objects.get().plan.region == region


def test_an_activitys_goals_are_written_after_the_goals_with_history(region):
    user = UserFactory(username="importeur")
    sheets = {
        "plans": [plan_row()],
        "goals": [goal_row("D1"), goal_row("D2"), goal_row("K1")],
        "activities": [activity_row(region, "d2; D1")],
    }
    summary = import_sheets(sheets, by=user)
    assert summary["activities"].created == 1
    activity = Activity.objects.get()
    assert activity.code == "A1"
    assert sorted(activity.goals.values_list("code", flat=True)) == ["D1", "D2"]
    (created,) = activity.history.all()
    assert (created.history_type, created.history_user) == ("+", user)
    assert sorted(created.goals.values_list("goal__code", flat=True)) == ["D1", "D2"]

    # Other goals only: the activity counts as changed and gets a history row with its goals.
    sheets["activities"] = [activity_row(region, "K1;D1")]
    summary = import_sheets(sheets, by=user)
    assert (summary["activities"].updated, summary["activities"].unchanged) == (1, 0)
    assert sorted(activity.goals.values_list("code", flat=True)) == ["D1", "K1"]
    latest = activity.history.first()
    assert latest.history_type == "~"
    assert sorted(latest.goals.values_list("goal__code", flat=True)) == ["D1", "K1"]
    assert sorted(latest.prev_record.goals.values_list("goal__code", flat=True)) == ["D1", "D2"]

    # A change of a field and of the goals: one history row.
    sheets["activities"] = [activity_row(region, "", title="Techniekdag")]
    import_sheets(sheets, by=user)
    assert activity.goals.count() == 0
    assert activity.history.count() == 3
    assert activity.history.first().title == "Techniekdag"

    # The same sheets again change nothing.
    counts = row_counts()
    summary = import_sheets(sheets, by=user)
    assert summary.created == summary.updated == 0
    assert row_counts() == counts


def test_activities_and_risks_of_an_organisation_that_joins_later_in_the_period(region):
    company = OrganisationFactory(company=True, key="12345678", name="Later B.V.")
    sheets = {
        "plans": [plan_row()],
        "risks": [
            {
                "sto_number": "STO00001",
                "period": "2025-2028",
                "risk": "  Te weinig   docenten ",
                "likelihood": "groot",
                "impact": "klein",
                "measure": "Opleiden",
                "owner_key": "12345678",
            }
        ],
        "memberships": [
            {"sto_number": "STO00001", "organisation_key": "12345678", "start": D(2027, 8, 1)}
        ],
    }
    import_sheets(sheets)
    risk = Region.objects.get(sto_number="STO00001").plans.get().risks.get()
    assert (risk.risk, risk.owner) == ("Te weinig docenten", company)
