"""A decision on an application whose reviews were read in (an external committee, the
``assessments`` sheet): approving it sets the plan's status although no reviewer was assigned
through STO-beheer, and the history shows the plan passing "in beoordeling"."""

from decimal import Decimal

import pytest

from assessment import services
from plans.models import Plan, PlanStatus
from regions.roles import Role
from tests.factories import UserFactory

from .conftest import assessed

pytestmark = pytest.mark.django_db


def test_approving_a_decision_on_imported_reviews_sets_the_plan_status(application):
    from django.contrib.auth.models import Group

    coordinator = UserFactory(username="coordinator", role=Role.REVIEWER)
    coordinator.groups.add(Group.objects.get_or_create(name=Role.COORDINATOR.value)[0])
    second = UserFactory(username="tweede", role=Role.REVIEWER)
    plan = application("STO19101", "1000000")
    assessed(plan, {"Commissie A": {}, "Commissie B": {}})
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED
    decision = services.decision_propose(
        by=coordinator, plan=plan, outcome="approved", awarded=Decimal("900000"), motivation="m"
    )
    services.decision_approve(by=second, decision=decision)
    plan = Plan.objects.get(pk=plan.pk)
    assert plan.status == PlanStatus.APPROVED
    statuses = list(plan.history.order_by("history_id").values_list("status", "history_user"))
    assert statuses[-2:] == [
        (PlanStatus.UNDER_ASSESSMENT, second.pk),
        (PlanStatus.APPROVED, second.pk),
    ]
