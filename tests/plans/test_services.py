"""Writing a plan: the regiovisie, goals, activities, risks, teachers and budget of a draft;
submitting freezes it; a plan to be improved gets a new version with everything copied."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from plans import services
from plans.budget import budget_summary
from plans.models import Activity, BudgetLine, Goal, Plan, PlanStatus, Risk
from plans.services import BudgetInput, BudgetInvalid, TeacherCounts

pytestmark = pytest.mark.django_db

D = datetime.date


def fill(w, plan=None):
    """A complete draft: summary, requested amount, a goal, an activity and a budget."""
    plan = plan or w.plan
    services.plan_update(
        by=w.manager, plan=plan, requested=Decimal("800000"), summary="Techniek in Amstelland."
    )
    goal = services.goal_save(
        by=w.manager,
        plan=plan,
        code="d1",
        theme="dekkend",
        description="Een dekkend aanbod van technisch vmbo.",
        milestone_2y="2 vestigingen met PIE",
        milestone_4y="4 vestigingen met PIE",
    )
    services.activity_save(
        by=w.manager,
        plan=plan,
        code="a1",
        title="Techniekweek",
        starts=D(2025, 3, 1),
        ends=D(2025, 3, 7),
        result="500 leerlingen uit groep 8 bezoeken een school.",
        owner=w.school,
        goals=[goal],
    )
    services.budget_lines_set(
        by=w.manager,
        plan=plan,
        lines=[
            BudgetInput(2025, w.school, Decimal("150000"), Decimal("40000"), Decimal("10000")),
            BudgetInput(2026, w.company, Decimal("500000"), Decimal("90000"), Decimal("10000")),
        ],
    )
    return goal


def test_a_new_plan_is_a_draft_version_1_and_only_one_per_period(plan_world):
    w = plan_world
    assert (w.plan.version, w.plan.status, w.plan.is_open) == (1, PlanStatus.DRAFT, True)
    with pytest.raises(ValidationError, match="heeft al een plan voor periode 2025-2028"):
        services.plan_create(by=w.manager, region=w.region, period=w.period)


def test_regiovisie_and_requested_amount_with_history(plan_world):
    w = plan_world
    services.plan_update(
        by=w.manager,
        plan=w.plan,
        requested=Decimal("1200000.50"),
        delimitation="  Vijf gemeenten. ",
    )
    w.plan.refresh_from_db()
    assert (w.plan.requested, w.plan.delimitation) == (Decimal("1200000.50"), "Vijf gemeenten.")
    latest = w.plan.history.first()
    assert latest.history_user == w.manager
    with pytest.raises(ValidationError, match="niet negatief"):
        services.plan_update(by=w.manager, plan=w.plan, requested=Decimal("-1"))
    with pytest.raises(TypeError):
        services.plan_update(by=w.manager, plan=w.plan, region="x")


def test_activity_within_the_period_by_a_partner_for_goals_of_the_plan(plan_world):
    w = plan_world
    goal = fill(w)
    base = dict(by=w.manager, plan=w.plan, title="Gastles", result="Les gegeven.", goals=[goal])
    with pytest.raises(ValidationError) as error:
        services.activity_save(
            code="a2", starts=D(2024, 12, 1), ends=D(2029, 1, 1), owner=w.school, **base
        )
    assert error.value.message_dict["starts"] == ["1 december 2024 valt buiten periode 2025-2028."]
    assert error.value.message_dict["ends"] == ["1 januari 2029 valt buiten periode 2025-2028."]
    for outsider in (w.former, w.outsider):
        with pytest.raises(ValidationError, match="geen partner van regio STO19040"):
            services.activity_save(
                code="a2", starts=D(2025, 1, 1), ends=D(2025, 2, 1), owner=outsider, **base
            )
    with pytest.raises(ValidationError, match="Er is al een activiteit A1"):
        services.activity_save(
            code="A1", starts=D(2025, 1, 1), ends=D(2025, 2, 1), owner=w.school, **base
        )
    activity = Activity.objects.get(plan=w.plan, code="A1")
    assert list(activity.goals.values_list("code", flat=True)) == ["D1"]


def test_risks_by_likelihood_and_impact(plan_world):
    w = plan_world
    risk = services.risk_save(
        by=w.manager,
        plan=w.plan,
        risk="Te weinig  docenten",
        likelihood="groot",
        impact="middel",
        measure="Zij-instromers opleiden.",
        owner=w.school,
    )
    assert (risk.risk, risk.weight) == ("Te weinig docenten", 6)
    with pytest.raises(ValidationError, match="staat al in het register"):
        services.risk_save(
            by=w.manager,
            plan=w.plan,
            risk="Te weinig docenten",
            likelihood="klein",
            impact="klein",
            measure="-",
            owner=w.school,
        )


def test_teacher_table_per_technical_profile(plan_world):
    w = plan_world
    services.teacher_shortages_set(
        by=w.manager, plan=w.plan, counts={"BWI": TeacherCounts(12, 3, 5, 2)}
    )
    (row,) = w.plan.teacher_shortages.all()
    assert (row.profile, row.qualified, row.to_train, row.needing_training, row.to_replace) == (
        "BWI",
        12,
        3,
        5,
        2,
    )
    with pytest.raises(ValidationError, match="Onbekend technisch profiel: Z&W"):
        services.teacher_shortages_set(
            by=w.manager, plan=w.plan, counts={"Z&W": TeacherCounts(1, 0, 0, 0)}
        )


def test_budget_lines_are_checked_all_or_nothing(plan_world):
    w = plan_world
    with pytest.raises(BudgetInvalid) as error:
        services.budget_lines_set(
            by=w.manager,
            plan=w.plan,
            lines=[
                BudgetInput(2025, w.school, Decimal("1000"), Decimal("0"), Decimal("0"), row=2),
                BudgetInput(2029, w.school, Decimal("1000"), Decimal("0"), Decimal("0"), row=3),
                BudgetInput(2025, w.outsider, Decimal("1"), Decimal("0"), Decimal("0"), row=4),
                BudgetInput(2026, w.company, Decimal("-5"), Decimal("0"), Decimal("0"), row=5),
                BudgetInput(2025, w.school, Decimal("2"), Decimal("0"), Decimal("0"), row=6),
            ],
        )
    assert [(p.row, p.field) for p in error.value.problems] == [
        (3, "year"),
        (4, "organisation"),
        (5, "personnel"),
        (6, "organisation"),
    ]
    assert "Het jaar 2029 valt niet in periode 2025-2028." in error.value.messages
    assert not BudgetLine.objects.exists()  # nothing was saved


def test_budget_beside_cofinancing_and_the_requested_amount(plan_world):
    w = plan_world
    fill(w)
    summary = budget_summary(w.plan)
    assert summary.total == Decimal("800000")
    assert summary.difference == Decimal("0")
    assert summary.totals.overhead == Decimal("20000")
    assert summary.overhead_share == Decimal("2.5")
    # € 120.000 co-financing committed over 2025-2028 against € 800.000: 15 %, minimum 10 %.
    assert summary.cofinancing.shown_pct == Decimal("15.0")
    assert summary.cofinancing.minimum_met is True
    assert [row.organisation for row in summary.partners] == [w.company, w.school]
    # A year entered as a whole replaces the lines of partners left out of it.
    services.budget_lines_set(
        by=w.manager,
        plan=w.plan,
        lines=[BudgetInput(2025, w.company, Decimal("1000"), Decimal("0"), Decimal("0"))],
        replace_years=[2025],
    )
    assert set(BudgetLine.objects.values_list("year", "organisation__name")) == {
        (2025, "Bouwbedrijf Amstel B.V."),
        (2026, "Bouwbedrijf Amstel B.V."),
    }
    assert budget_summary(w.plan).difference == Decimal("-199000")


def test_submitting_needs_the_essentials_and_freezes_the_version(plan_world):
    w = plan_world
    with pytest.raises(ValidationError) as error:
        services.plan_submit(by=w.manager, plan=w.plan, on=D(2024, 9, 30))
    assert len(error.value.messages) == 5
    fill(w)
    plan = services.plan_submit(by=w.manager, plan=w.plan, on=D(2024, 9, 30))
    assert (plan.status, plan.submitted_on, plan.is_open) == (
        PlanStatus.SUBMITTED,
        D(2024, 9, 30),
        False,
    )
    with pytest.raises(ValidationError, match="is ingediend en kan niet meer worden gewijzigd"):
        services.plan_update(by=w.manager, plan=plan, summary="Later nog iets.")
    with pytest.raises(ValidationError, match="kan niet meer worden gewijzigd"):
        services.goal_delete(by=w.manager, goal=plan.goals.get())


def test_a_plan_to_be_improved_gets_a_new_version_with_everything_copied(plan_world):
    w = plan_world
    fill(w)
    services.risk_save(
        by=w.manager,
        plan=w.plan,
        risk="Uitval",
        likelihood="klein",
        impact="groot",
        measure="Reserve.",
        owner=w.company,
    )
    services.teacher_shortages_set(
        by=w.manager, plan=w.plan, counts={"PIE": TeacherCounts(4, 1, 1, 0)}
    )
    services.plan_submit(by=w.manager, plan=w.plan, on=D(2024, 9, 30))
    with pytest.raises(ValidationError, match="Alleen van de laatste versie"):
        services.plan_new_version(by=w.manager, plan=w.plan)
    services.plan_status_set(by=w.reviewer, plan=w.plan, status=PlanStatus.UNDER_ASSESSMENT)
    with pytest.raises(ValidationError, match="opnieuw|verbeterde versie"):
        services.plan_status_set(by=w.reviewer, plan=w.plan, status=PlanStatus.TO_IMPROVE)
    services.plan_status_set(
        by=w.reviewer,
        plan=w.plan,
        status=PlanStatus.TO_IMPROVE,
        resubmission_deadline=D(2025, 3, 1),
    )
    second = services.plan_new_version(by=w.manager, plan=w.plan)
    assert (second.version, second.status, second.summary, second.requested) == (
        2,
        PlanStatus.DRAFT,
        "Techniek in Amstelland.",
        Decimal("800000"),
    )
    activity = Activity.objects.get(plan=second)
    assert [g.plan_id for g in activity.goals.all()] == [second.pk]  # linked to the copies
    assert Goal.objects.filter(plan=second).count() == 1
    assert Risk.objects.get(plan=second).risk == "Uitval"
    assert second.teacher_shortages.get().qualified == 4
    assert budget_summary(second).total == Decimal("800000")
    first = Plan.objects.get(pk=w.plan.pk)
    assert (first.status, first.version) == (PlanStatus.TO_IMPROVE, 1)  # frozen as decided
    assert second.history.first().history_change_reason == "nieuwe versie na 'te verbeteren'"


def test_status_moves_only_along_the_assessment(plan_world):
    w = plan_world
    with pytest.raises(ValidationError, match="kan niet naar"):
        services.plan_status_set(by=w.reviewer, plan=w.plan, status=PlanStatus.APPROVED)
