"""The writes of the assessment: who may do them, what they check, and the history they leave."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessment import services
from assessment.framework import SUB_ASPECT_CODES, framework_in_force
from assessment.models import Decision, Judgement, Override, RankStatus, Review
from plans.models import Plan, PlanStatus
from regions.models import ManagerAssignment
from regions.roles import Role
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    manager_of,
    officer_of,
)

from .conftest import assessed

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    from django.contrib.auth.models import Group

    coordinator = UserFactory(username="coordinator", role=Role.REVIEWER)
    coordinator.groups.add(Group.objects.get_or_create(name=Role.COORDINATOR.value)[0])
    second = UserFactory(username="coordinator2", role=Role.REVIEWER)
    second.groups.add(Group.objects.get_or_create(name=Role.COORDINATOR.value)[0])
    return {
        "coordinator": coordinator,
        "coordinator2": second,
        "anna": UserFactory(username="anna", role=Role.REVIEWER),
        "bram": UserFactory(username="bram", role=Role.REVIEWER),
        "admin": UserFactory(username="beheer", role=Role.ADMINISTRATOR),
    }


def complete(score: int = 5, **failed: str) -> list[services.JudgementInput]:
    return [
        services.JudgementInput(
            code,
            minimum_met=code not in failed,
            reason=failed.get(code, ""),
            score=Decimal(score),
        )
        for code in SUB_ASPECT_CODES
    ]


# --- assignment ----------------------------------------------------------------------------------


def test_assigning_a_reviewer_puts_the_plan_under_assessment(application, people):
    plan = application("STO19101", "1000000")
    review = services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["anna"])
    assert review.reviewer == people["anna"] and review.assigned_by == people["coordinator"]
    assert review.framework == framework_in_force(plan.period) and review.framework.version == 1
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.UNDER_ASSESSMENT
    with pytest.raises(ValidationError, match="al toegewezen"):
        services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["anna"])


def test_only_a_coordinator_assigns(application, people):
    plan = application("STO19101", "1000000")
    for who in ("anna", "admin"):
        with pytest.raises(PermissionDenied):
            services.review_assign(by=people[who], plan=plan, reviewer=people["bram"])
    assert not Review.objects.exists()


def test_a_reviewer_with_another_role_in_the_region_cannot_be_assigned(application, people):
    plan = application("STO19101", "1000000")
    also_manager = manager_of(plan.region, username="pm-en-beoordelaar")
    also_manager.groups.add(people["anna"].groups.get())
    municipality = OrganisationFactory(municipality=True)
    MembershipFactory(region=plan.region, organisation=municipality)
    also_officer = officer_of(municipality, username="gemeente-en-beoordelaar")
    also_officer.groups.add(people["anna"].groups.get())
    for user in (also_manager, also_officer):
        with pytest.raises(ValidationError, match="andere rol in regio STO19101"):
            services.review_assign(by=people["coordinator"], plan=plan, reviewer=user)
    # and a coordinator with another role in the region does not assign to it either
    ManagerAssignment.objects.create(user=people["coordinator"], region=plan.region)
    people["coordinator"].groups.add(also_manager.groups.get(name=Role.PROGRAMME_MANAGER.value))
    fresh = type(people["coordinator"]).objects.get(pk=people["coordinator"].pk)
    with pytest.raises(PermissionDenied):
        services.review_assign(by=fresh, plan=plan, reviewer=people["anna"])


def test_a_draft_is_not_assessed(application, people):
    plan = application("STO19101", "1000000", status="draft")
    with pytest.raises(ValidationError, match="wordt niet beoordeeld"):
        services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["anna"])


def test_an_assignment_is_withdrawn_only_before_the_reviewer_starts(application, people):
    plan = application("STO19101", "1000000")
    review = services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["anna"])
    services.judgements_save(
        by=people["anna"], review=review, items=[services.JudgementInput("regiovisie", True)]
    )
    with pytest.raises(ValidationError, match="anna is al aan de beoordeling begonnen"):
        services.review_unassign(by=people["coordinator"], review=review)
    other = services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["bram"])
    services.review_unassign(by=people["coordinator"], review=other)
    assert list(Review.objects.values_list("reviewer__username", flat=True)) == ["anna"]
    assert Review.history.filter(history_type="-").get().history_user == people["coordinator"]


# --- scoring -------------------------------------------------------------------------------------


def test_scoring_checks_each_sub_aspect_and_saves_nothing_on_an_error(application, people):
    plan = application("STO19101", "1000000")
    review = services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["anna"])
    with pytest.raises(services.JudgementsInvalid) as error:
        services.judgements_save(
            by=people["anna"],
            review=review,
            items=[
                services.JudgementInput("regiovisie", True, score=Decimal("7.5")),
                services.JudgementInput("onderwijsaanbod", False, score=Decimal("4")),
                services.JudgementInput("cofinanciering", True, score=Decimal("11")),
            ],
        )
    assert error.value.problems == {
        "onderwijsaanbod": {
            "reason": "Geef de reden waarom niet aan de minimale vereisten is voldaan."
        },
        "cofinanciering": {"score": "Een score ligt tussen 0 en 10."},
    }
    assert not Judgement.objects.exists()


def test_only_the_assigned_reviewer_scores_and_only_until_submitting(application, people):
    plan = application("STO19101", "1000000")
    review = services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["anna"])
    with pytest.raises(PermissionDenied):
        services.judgements_save(by=people["bram"], review=review, items=complete())
    with pytest.raises(services.JudgementsInvalid) as error:
        services.review_submit(by=people["anna"], review=review)
    assert set(error.value.problems) == set(SUB_ASPECT_CODES)
    services.judgements_save(by=people["anna"], review=review, items=complete(6))
    submitted = services.review_submit(
        by=people["anna"], review=review, at=datetime.datetime(2024, 11, 1, 10, tzinfo=datetime.UTC)
    )
    assert submitted.is_submitted
    with pytest.raises(ValidationError, match="ingediend en ligt vast"):
        services.judgements_save(by=people["anna"], review=review, items=complete(9))
    assert {j.score for j in Judgement.objects.all()} == {Decimal("6")}
    saved = Judgement.history.filter(history_type="+")
    assert saved.count() == 10 and {h.history_user for h in saved} == {people["anna"]}
    assert Review.history.latest().history_change_reason == "beoordeling ingediend"


def test_a_techniek_region_gets_no_scores_only_the_minimum(application, people):
    plan = application("STO19101", "1000000", kind="techniek")
    review = services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["anna"])
    with pytest.raises(services.JudgementsInvalid) as error:
        services.judgements_save(by=people["anna"], review=review, items=complete(5))
    assert error.value.problems["regiovisie"] == {
        "score": "Dit deelaspect krijgt bij deze aanvraag geen score."
    }
    services.judgements_save(
        by=people["anna"],
        review=review,
        items=[services.JudgementInput(code, True) for code in SUB_ASPECT_CODES],
    )
    assert services.review_submit(by=people["anna"], review=review).is_submitted


# --- the framework -------------------------------------------------------------------------------


def test_the_framework_is_bijlage_c_and_versioned_per_period(application, people, period):
    framework = services.framework_ensure(by=None, period=period)
    assert [c.code for c in framework.criteria.all()] == [
        "dekkend",
        "kwaliteit",
        "uitvoerbaarheid",
        "begroting",
    ]
    regiovisie = framework.criteria.all()[0].sub_aspects.all()[0]
    assert regiovisie.code == "regiovisie" and len(regiovisie.requirements) == 6
    assert (regiovisie.scale_max, regiovisie.weight, framework.kinds) == (
        10,
        Decimal("1"),
        frozenset({"techniekarm"}),
    )
    settings = {
        "regiovisie": services.SubAspectSetting(scored=True, scale_max=5, weight=Decimal("2"))
    }
    with pytest.raises(PermissionDenied):
        services.framework_update(
            by=people["coordinator"],
            framework=framework,
            scored_kinds=["techniekarm"],
            spread_threshold=Decimal("1.5"),
            note="",
            sub_aspects=settings,
        )
    updated = services.framework_update(
        by=people["admin"],
        framework=framework,
        scored_kinds=["techniekarm"],
        spread_threshold=Decimal("1.5"),
        note="Ronde 2025",
        sub_aspects=settings,
    )
    sub = updated.criteria.all()[0].sub_aspects.all()[0]
    assert (sub.scale_max, sub.weight, updated.spread_threshold) == (
        5,
        Decimal("2"),
        Decimal("1.5"),
    )
    # In use: frozen; a new round starts version 2, a copy.
    plan = application("STO19101", "1000000")
    services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["anna"])
    with pytest.raises(ValidationError, match="ligt vast"):
        services.framework_update(
            by=people["admin"],
            framework=updated,
            scored_kinds=[],
            spread_threshold=Decimal("1"),
            note="",
            sub_aspects={},
        )
    second = services.framework_new_version(by=people["admin"], period=period, note="Ronde 2")
    assert second.version == 2 and framework_in_force(period) == second
    copied = second.criteria.all()[0].sub_aspects.all()[0]
    assert (copied.scale_max, copied.weight) == (5, Decimal("2"))


def test_weights_count_in_the_total(application, people, period):
    framework = services.framework_ensure(by=None, period=period)
    services.framework_update(
        by=people["admin"],
        framework=framework,
        scored_kinds=["techniekarm"],
        spread_threshold=Decimal("2"),
        note="",
        sub_aspects={
            "cofinanciering": services.SubAspectSetting(True, 10, Decimal("3")),
        },
    )
    plan = application("STO19101", "1000000")
    assessed(plan, {"R1": {"regiovisie": 4, "cofinanciering": 2}})
    result = services.ranking_run(by=None, period=period, ceiling=Decimal("5000000"))
    assert result.applications[0].total_score == Decimal("10.00")  # 4 + 3 × 2


# --- overrides and decisions: four eyes -----------------------------------------------------------


def test_an_override_counts_only_once_a_second_person_approves(application, people, period):
    plan = application("STO19101", "3000000")
    assessed(plan, {"R1": {"regiovisie": 5}})
    assert services.ranking_run(by=None, period=period, ceiling=Decimal("1000000")).applications[
        0
    ].status == (RankStatus.PARTLY_FUNDED)
    override = services.override_propose(
        by=people["coordinator"],
        plan=plan,
        status=RankStatus.NOT_FUNDED,
        awarded=Decimal("0"),
        reason="De regio trekt de aanvraag in.",
    )
    [pending] = services.ranking_run(
        by=None, period=period, ceiling=Decimal("1000000")
    ).applications
    assert (pending.status, pending.awarded) == (RankStatus.PARTLY_FUNDED, Decimal("1000000"))
    with pytest.raises(PermissionDenied):
        services.override_decide(by=people["coordinator"], override=override, approve=True)
    services.override_decide(by=people["coordinator2"], override=override, approve=True)
    [after] = services.ranking_run(by=None, period=period, ceiling=Decimal("1000000")).applications
    assert (after.status, after.awarded) == (RankStatus.NOT_FUNDED, Decimal("0"))
    assert (after.automatic_status, after.automatic_awarded) == (
        RankStatus.PARTLY_FUNDED,
        Decimal("1000000"),
    )
    rows = Override.history.order_by("history_date")
    assert [(r.history_user.username, r.history_change_reason) for r in rows] == [
        ("coordinator", "afwijking voorgesteld"),
        ("coordinator2", "afwijking goedgekeurd"),
    ]


def test_an_override_needs_a_reason(application, people):
    plan = application("STO19101", "3000000")
    with pytest.raises(ValidationError) as error:
        services.override_propose(
            by=people["coordinator"],
            plan=plan,
            status=RankStatus.FUNDED,
            awarded=Decimal("4000000"),
            reason=" ",
        )
    assert set(error.value.message_dict) == {"reason", "awarded"}


def _reviewed(plan, people):
    for name in ("anna", "bram"):
        review = services.review_assign(by=people["coordinator"], plan=plan, reviewer=people[name])
        services.judgements_save(by=people[name], review=review, items=complete(6))
        services.review_submit(by=people[name], review=review)


def test_a_decision_needs_two_submitted_reviews_and_a_second_reviewer(application, people):
    plan = application("STO19101", "3000000")
    review = services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["anna"])
    with pytest.raises(ValidationError) as error:
        services.decision_propose(
            by=people["coordinator"],
            plan=plan,
            outcome="approved",
            awarded=Decimal("3000000"),
            motivation="Goed plan.",
        )
    assert "Nog niet ingediend: anna." in error.value.messages
    services.review_unassign(by=people["coordinator"], review=review)
    _reviewed(plan, people)
    decision = services.decision_propose(
        by=people["coordinator"],
        plan=plan,
        outcome="to_improve",
        awarded=Decimal("0"),
        motivation="De begroting sluit niet.",
        resubmission_deadline=datetime.date(2025, 3, 1),
    )
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.UNDER_ASSESSMENT  # not yet
    with pytest.raises(PermissionDenied):
        services.decision_approve(by=people["coordinator"], decision=decision)
    services.decision_approve(by=people["anna"], decision=decision)
    plan = Plan.objects.get(pk=plan.pk)
    assert (plan.status, plan.resubmission_deadline) == (
        PlanStatus.TO_IMPROVE,
        datetime.date(2025, 3, 1),
    )
    decision = Decision.objects.get()
    assert decision.is_final and decision.approved_by == people["anna"]
    assert [h.history_user.username for h in Decision.history.order_by("history_date")] == [
        "coordinator",
        "anna",
    ]


def test_a_decision_sent_back_is_proposed_again(application, people):
    plan = application("STO19101", "3000000")
    _reviewed(plan, people)
    decision = services.decision_propose(
        by=people["coordinator"],
        plan=plan,
        outcome="approved_with_conditions",
        awarded=Decimal("2500000"),
        conditions="Lever in 2026 een herziene begroting.",
        motivation="Voldoet, met een voorwaarde.",
    )
    with pytest.raises(ValidationError, match="waarom"):
        services.decision_send_back(by=people["bram"], decision=decision, reason="")
    services.decision_send_back(by=people["bram"], decision=decision, reason="Bedrag klopt niet.")
    assert not Decision.objects.exists()
    assert Decision.history.latest().history_change_reason == (
        "besluit teruggestuurd: Bedrag klopt niet."
    )


def test_a_decision_with_conditions_writes_them_out(application, people):
    plan = application("STO19101", "3000000")
    _reviewed(plan, people)
    with pytest.raises(ValidationError) as error:
        services.decision_propose(
            by=people["coordinator"],
            plan=plan,
            outcome="approved_with_conditions",
            awarded=Decimal("4000000"),
            motivation="",
        )
    assert set(error.value.message_dict) == {"motivation", "awarded"}
