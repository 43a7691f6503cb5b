"""``plan_overdue`` and ``plan_due_soon`` (docs/interfaces.md §3): the plan of a period the region
takes part in is due by the period's plan deadline, an improved version by the resubmission
deadline; the region overview names the same deadline, and a reminder goes out for it."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from compliance.reminders import reminders_send
from plans import services
from plans.models import PlanStatus
from regions.models import Period
from tests.factories import manager_of

from .test_rules import compliant_region, results_for

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def region():
    c = compliant_region()  # takes part in 2025-2028: a grant and a convenant
    Period.objects.filter(pk=c.period.pk).update(plan_deadline=D(2024, 10, 1))
    c.period.refresh_from_db()
    return c


def complete_plan(c, user):
    plan = services.plan_create(by=user, region=c.region, period=c.period)
    services.plan_update(by=user, plan=plan, requested=Decimal("1000000"), summary="Visie.")
    goal = services.goal_save(
        by=user,
        plan=plan,
        code="D1",
        theme="dekkend",
        description="d",
        milestone_2y="a",
        milestone_4y="b",
    )
    services.activity_save(
        by=user,
        plan=plan,
        code="A1",
        title="t",
        starts=D(2025, 1, 1),
        ends=D(2025, 1, 2),
        result="r",
        owner=c.lead,
        goals=[goal],
    )
    services.budget_lines_set(
        by=user,
        plan=plan,
        lines=[services.BudgetInput(2025, c.lead, Decimal("1000000"), Decimal("0"), Decimal("0"))],
    )
    return plan


def codes(c, today):
    return {(r.rule, r.subject, r.severity) for r in results_for(c.region, today=today)}


def test_no_plan_after_the_deadline_is_an_error_and_soon_before_a_warning(region):
    c = region
    assert ("plan_due_soon", "2025-2028", "warning") in codes(c, D(2024, 9, 15))
    assert ("plan_overdue", "2025-2028", "error") in codes(c, D(2024, 10, 2))
    (finding,) = results_for(c.region, today=D(2024, 10, 2), rule="plan_overdue")
    assert finding.message == (
        "Het regioplan 2025-2028 is niet ingediend; het moest uiterlijk 1 oktober 2024 binnen zijn."
    )
    # The deadline day itself is not overdue yet.
    assert not results_for(c.region, today=D(2024, 10, 1), rule="plan_overdue")


def test_a_submitted_plan_meets_the_deadline_a_draft_does_not(region):
    c = region
    manager = manager_of(c.region)
    plan = complete_plan(c, manager)
    assert results_for(c.region, today=D(2024, 10, 2), rule="plan_overdue")  # a draft
    services.plan_submit(by=manager, plan=plan, on=D(2024, 9, 30))
    assert not results_for(c.region, today=D(2024, 10, 2), rule="plan_overdue")


def test_an_improved_version_is_due_by_the_resubmission_deadline(region):
    c = region
    manager = manager_of(c.region)
    plan = complete_plan(c, manager)
    services.plan_submit(by=manager, plan=plan, on=D(2024, 9, 30))
    services.plan_status_set(by=manager, plan=plan, status=PlanStatus.UNDER_ASSESSMENT)
    services.plan_status_set(
        by=manager, plan=plan, status=PlanStatus.TO_IMPROVE, resubmission_deadline=D(2025, 3, 1)
    )
    (finding,) = results_for(c.region, today=D(2025, 3, 2), rule="plan_overdue")
    assert finding.message.startswith("De verbeterde versie van het regioplan 2025-2028")
    assert "1 maart 2025" in finding.message
    second = services.plan_new_version(by=manager, plan=plan)
    assert results_for(c.region, today=D(2025, 3, 2), rule="plan_overdue")  # still a draft
    services.plan_submit(by=manager, plan=second, on=D(2025, 2, 28))
    assert not results_for(c.region, today=D(2025, 3, 2), rule="plan_overdue")


def test_a_region_without_grant_or_convenant_in_the_period_owes_no_plan(region):
    other = Period.objects.create(
        code="2029-2032",
        start_year=2029,
        end_year=2032,
        min_cofinancing_pct=Decimal("10"),
        plan_deadline=D(2028, 10, 1),
    )
    assert not [
        r for r in results_for(region.region, today=D(2028, 11, 1)) if r.subject == other.code
    ]


def test_the_overview_and_a_reminder_name_the_same_plan_deadline(
    client, region, settings, time_machine
):
    c = region
    time_machine.move_to(datetime.datetime(2024, 9, 25, 9, 0))
    manager = manager_of(c.region, username="pm-plan")
    manager.email = "pm@example.nl"
    manager.save()
    client.force_login(manager)
    response = client.get(reverse("regions:region_detail", args=[c.region.sto_number]))
    plans = [s for s in response.context["deadlines"] if s.deadline.kind == "plan"]
    assert [(s.deadline.subject, s.deadline.due_on, s.soon) for s in plans] == [
        ("2025-2028", D(2024, 10, 1), True)
    ]
    assert "Regioplan 2025-2028 indienen" in response.content.decode()
    reminders_send(today=D(2024, 9, 25))
    subjects = [m.subject for m in mail.outbox if "regioplan" in m.subject]
    assert subjects == [
        f"{c.region.sto_number} {c.region.name}: regioplan 2025-2028 uiterlijk 1 oktober 2024 "
        "indienen (nog 6 dagen)"
    ]
