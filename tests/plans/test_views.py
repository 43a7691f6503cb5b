"""The plan pages: a programme manager writes the plan in the browser and submits it; reviewers
read it; nobody else sees it; a submitted version is frozen; versions are compared."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from plans import services
from plans.models import Activity, BudgetLine, Goal, Plan, PlanStatus, Risk, TeacherShortage
from tests.factories import OrganisationFactory, officer_of

pytestmark = pytest.mark.django_db

STO, PERIOD = "STO19040", "2025-2028"


def url(name, *args):
    return reverse(f"plans:{name}", args=[STO, PERIOD, *args])


def html(response) -> str:
    return response.content.decode()


def test_a_manager_writes_the_plan_and_submits_it(client, plan_world):
    w = plan_world
    client.force_login(w.manager)
    response = client.post(
        url("regiovisie_edit"),
        {
            "requested": "800.000",
            "summary": "Techniek in Amstelland.",
            "delimitation": "Vijf gemeenten.",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(pk=w.plan.pk)
    assert (plan.requested, plan.summary) == (Decimal("800000"), "Techniek in Amstelland.")

    response = client.post(
        url("goal_create"),
        {
            "code": "d1",
            "theme": "dekkend",
            "description": "Een dekkend aanbod.",
            "milestone_2y": "2 vestigingen met PIE",
            "milestone_4y": "4 vestigingen met PIE",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get(plan=plan)
    response = client.post(
        url("activity_create"),
        {
            "code": "a1",
            "title": "Techniekweek",
            "starts": "2025-03-01",
            "ends": "2025-03-07",
            "result": "500 leerlingen bezoeken een school.",
            "owner": w.school.pk,
            "goals": [goal.pk],
        },
    )
    assert response.status_code == 302
    assert list(Activity.objects.get(plan=plan).goals.all()) == [goal]
    response = client.post(
        url("risk_create"),
        {
            "risk": "Te weinig docenten",
            "likelihood": "groot",
            "impact": "middel",
            "measure": "Zij-instromers.",
            "owner": w.company.pk,
        },
    )
    assert response.status_code == 302 and Risk.objects.filter(plan=plan).count() == 1
    teachers = {
        f"{p}-{c}": "0"
        for p in ("BWI", "PIE", "MT", "MaT", "MVI")
        for c in ("qualified", "to_train", "needing_training", "to_replace")
    }
    teachers["BWI-qualified"] = "12"
    assert client.post(url("teachers_edit"), teachers).status_code == 302
    assert TeacherShortage.objects.get(plan=plan, profile="BWI").qualified == 12
    assert TeacherShortage.objects.get(plan=plan, profile="M&T").qualified == 0

    budget = {
        f"p{w.school.pk}-personnel": "600.000",
        f"p{w.school.pk}-material": "150000",
        f"p{w.school.pk}-overhead": "50.000,00",
    }
    response = client.post(url("budget_edit") + "?jaar=2025", budget)
    assert response.status_code == 302
    line = BudgetLine.objects.get(plan=plan)
    assert (line.year, line.organisation, line.total) == (2025, w.school, Decimal("800000"))

    page = html(client.get(url("plan_detail")))
    assert "Techniek in Amstelland." in page and "Techniekweek" in page
    assert "Te weinig docenten" in page and "sluit aan" in page
    assert 'data-fact="budget-total">€ 800.000<' in page
    # € 120.000 committed over 2025-2028 against € 800.000: 15,0 %, minimum 10 %.
    assert "15,0%" in page and "minimum 10% gehaald" in page

    confirm = client.get(url("plan_submit"))
    assert "Ja, nu indienen" in html(confirm)
    assert client.post(url("plan_submit")).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED and plan.submitted_on is not None
    # Frozen: the edit pages send the manager back, and a post changes nothing.
    response = client.post(url("regiovisie_edit"), {"requested": "1", "summary": "Anders."})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.summary == "Techniek in Amstelland."
    assert "ligt vast" in html(client.get(url("plan_detail")))


def test_submitting_an_incomplete_plan_lists_what_is_missing(client, plan_world):
    w = plan_world
    client.force_login(w.manager)
    response = client.post(url("plan_submit"))
    assert response.status_code == 400
    page = html(response)
    assert "Het gevraagde subsidiebedrag ontbreekt." in page
    assert "De meerjarenbegroting is nog leeg." in page
    assert Plan.objects.get(pk=w.plan.pk).status == PlanStatus.DRAFT


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(client, plan_world):
    w = plan_world
    client.force_login(w.manager)
    response = client.post(
        url("activity_create"),
        {
            "code": "a1",
            "title": "Buiten de periode",
            "starts": "2024-12-01",
            "ends": "2025-01-10",
            "result": "-",
            "owner": w.school.pk,
        },
    )
    assert response.status_code == 400
    assert "1 december 2024 valt buiten periode 2025-2028." in html(response)
    response = client.post(url("budget_edit") + "?jaar=2026", {f"p{w.school.pk}-personnel": "-5"})
    assert response.status_code == 400
    assert not Activity.objects.exists() and not BudgetLine.objects.exists()


def test_who_may_read_and_write(client, plan_world):
    w = plan_world
    for user in (w.reviewer, w.administrator):
        client.force_login(user)
        assert client.get(url("plan_detail")).status_code == 200
    client.force_login(w.reviewer)
    assert client.get(url("regiovisie_edit")).status_code == 403
    assert client.post(url("goal_create"), {}).status_code == 403
    client.force_login(w.other_manager)
    assert client.get(url("plan_detail")).status_code == 404
    amstelveen = OrganisationFactory(municipality=True, key="GM0362", name="Amstelveen")
    client.force_login(officer_of(amstelveen))
    assert client.get(url("plan_detail")).status_code == 404
    assert client.get(reverse("plans:all_plans")).status_code == 200  # an empty list
    assert "STO19040" not in html(client.get(reverse("plans:all_plans")))


def test_a_new_version_after_to_be_improved_and_the_comparison(client, plan_world):
    w = plan_world
    services.plan_update(
        by=w.manager, plan=w.plan, requested=Decimal("800000"), summary="Oud plan."
    )
    goal = services.goal_save(
        by=w.manager,
        plan=w.plan,
        code="D1",
        theme="duurzaam",
        description="Blijvend.",
        milestone_2y="x",
        milestone_4y="y",
    )
    services.activity_save(
        by=w.manager,
        plan=w.plan,
        code="A1",
        title="Week",
        starts=datetime.date(2025, 1, 1),
        ends=datetime.date(2025, 1, 2),
        result="r",
        owner=w.school,
        goals=[goal],
    )
    services.budget_lines_set(
        by=w.manager,
        plan=w.plan,
        lines=[services.BudgetInput(2025, w.school, Decimal("800000"), Decimal("0"), Decimal("0"))],
    )
    services.plan_submit(by=w.manager, plan=w.plan, on=datetime.date(2024, 9, 30))
    services.plan_status_set(by=w.reviewer, plan=w.plan, status="under_assessment")
    services.plan_status_set(
        by=w.reviewer,
        plan=w.plan,
        status="to_improve",
        resubmission_deadline=datetime.date(2025, 3, 1),
    )
    client.force_login(w.manager)
    assert "Nieuwe versie maken" in html(client.get(url("plan_detail")))
    assert client.post(url("plan_new_version")).status_code == 302
    second = Plan.objects.get(region=w.region, version=2)
    assert second.status == PlanStatus.DRAFT
    client.post(url("regiovisie_edit"), {"requested": "750000", "summary": "Nieuw plan."})
    page = html(client.get(url("plan_compare")))
    assert "<del>Oud</del>" in page and "<ins>Nieuw</ins>" in page
    assert "€ 800.000 → € 750.000" in page
    # The first version stays readable as it was.
    old = html(client.get(url("plan_version", 1)))
    assert "Oud plan." in old and "te verbeteren" in old


def test_the_reviewers_list_of_plans_filters_and_runs_a_fixed_number_of_queries(
    client, plan_world, django_assert_max_num_queries
):
    w = plan_world
    client.force_login(w.reviewer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("plans:all_plans"), {"status": "draft"})
    assert [p.region.sto_number for p in response.context["plans"]] == ["STO19040"]
    response = client.get(reverse("plans:all_plans"), {"status": "approved"})
    assert list(response.context["plans"]) == []
    assert re.search(r"0 plannen gevonden", html(response))


@pytest.mark.parametrize("size", [2, 12])
def test_the_plan_page_runs_a_fixed_number_of_queries(
    client, plan_world, size, django_assert_max_num_queries
):
    w = plan_world
    for i in range(size):
        goal = services.goal_save(
            by=w.manager,
            plan=w.plan,
            code=f"D{i}",
            theme="dekkend",
            description="d",
            milestone_2y="a",
            milestone_4y="b",
        )
        services.activity_save(
            by=w.manager,
            plan=w.plan,
            code=f"A{i}",
            title="t",
            starts=datetime.date(2025, 1, 1),
            ends=datetime.date(2025, 1, 2),
            result="r",
            owner=w.school,
            goals=[goal],
        )
        services.risk_save(
            by=w.manager,
            plan=w.plan,
            risk=f"Risico {i}",
            likelihood="klein",
            impact="groot",
            measure="m",
            owner=w.company,
        )
    services.budget_lines_set(
        by=w.manager,
        plan=w.plan,
        lines=[
            services.BudgetInput(year, org, Decimal("10"), Decimal("1"), Decimal("1"))
            for year in (2025, 2026, 2027, 2028)
            for org in (w.school, w.company)
        ],
    )
    client.force_login(w.manager)
    with django_assert_max_num_queries(19):  # the same at both sizes
        response = client.get(url("plan_detail"))
    assert len(response.context["activities"]) == size
    assert len(response.context["budget"].lines) == 8


def test_the_region_overview_shows_the_plan(client, plan_world, time_machine):
    w = plan_world
    time_machine.move_to(datetime.datetime(2026, 12, 4, 12, 0))
    services.plan_update(by=w.manager, plan=w.plan, requested=Decimal("800000"))
    services.budget_lines_set(
        by=w.manager,
        plan=w.plan,
        lines=[services.BudgetInput(2025, w.school, Decimal("600000"), Decimal("0"), Decimal("0"))],
    )
    client.force_login(w.manager)
    response = client.get(reverse("regions:region_detail", args=[STO]))
    plan = response.context["overview"].plan
    assert (plan.plan, plan.milestone.years, plan.milestone.day) == (
        w.plan,
        2,
        datetime.date(2026, 12, 31),
    )
    page = html(response)
    assert "Regioplan 2025-2028" in page and "concept" in page
    assert "na 2 jaar: 31 december 2026" in page
    assert "€ 600.000" in page and "verschil met gevraagd € -200.000" in page
    # € 120.000 of € 600.000: 20,0 %.
    assert "€ 120.000 = 20,0%" in page
    # A municipal officer sees the region, not its plan.
    amstelveen = OrganisationFactory(municipality=True, key="GM0362", name="Amstelveen")
    from tests.factories import MembershipFactory

    MembershipFactory(region=w.region, organisation=amstelveen)
    client.force_login(officer_of(amstelveen))
    response = client.get(reverse("regions:region_detail", args=[STO]))
    assert response.status_code == 200 and response.context["overview"].plan is None
    assert "Regioplan 2025-2028" not in html(response)
