"""Every URL of the assessment documents × every role (and a coordinating reviewer) × own/other
application (see tests/access_matrix.py).

The decision letter of an approved decision: reviewers, coordinators and administrators, and the
programme manager of the region whose application it is. A concept (not yet approved): the
reviewers' side only. Its prose is changed by a coordinating reviewer only, and only until the
decision is approved. The Excel export of the assessments: reviewers, coordinators and
administrators, each finding the applications whose scores they may see.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from plans.models import Plan
from regions.roles import Role
from reporting.models import DecisionLetterText
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

from .assessment_scenarios import decide, reviewed

MATRIX_ROLES = (*ROLES, "coordinator")


@pytest.fixture
def world(matrix_world: World) -> World:  # noqa: F811
    """The matrix world with, on each side, an application for 2025-2028 with an approved
    decision and one for 2029-2032 with a decision that is only proposed (a concept)."""
    w = matrix_world
    coordinator = UserFactory(username="matrix-coordinator", role=Role.REVIEWER)
    coordinator.groups.add(Group.objects.get_or_create(name=Role.COORDINATOR.value)[0])
    w.users["coordinator"] = coordinator
    later = PeriodFactory(code="2029-2032", start_year=2029, end_year=2032)
    for side, region in w.region.items():
        for period, approve in ((w.grant[side].period, True), (later, False)):
            plan = Plan.objects.create(
                region=region,
                period=period,
                status="submitted",
                requested=Decimal("500000"),
                submitted_on=datetime.date(2024, 9, 20),
            )
            reviewed(plan, {"Extern A": 6, "Extern B": 7})
            decision = decide(
                plan,
                coordinator,
                outcome="approved",
                awarded="400000",
                approver=w.users["reviewer"] if approve else None,
            )
            w.extra[f"{'final' if approve else 'concept'}-{side}"] = decision
    return w


def letter(kind: str, name: str = "reporting:decision_letter"):
    return lambda w, t: reverse(name, args=[w.extra[f"{kind}-{t}"].pk])


def letter_text(kind: str):
    return lambda w, t: (
        DecisionLetterText.objects.filter(plan=w.extra[f"{kind}-{t}"].plan)
        .values_list("closing", flat=True)
        .first()
    )


def final_readers():
    return table(manager=(SHOW, DENY), reviewer=SHOW, coordinator=SHOW, administrator=SHOW)


def concept_readers():
    return table(reviewer=SHOW, coordinator=SHOW, administrator=SHOW)


ROUTES = [
    Route("decision_letter", letter("final"), final_readers(), marker=None),
    Route("decision_letter_concept", letter("concept"), concept_readers(), marker=None),
    Route(
        "decision_letter_edit", letter("final", "reporting:decision_letter_edit"), final_readers()
    ),
    Route(
        "decision_letter_edit_concept",
        letter("concept", "reporting:decision_letter_edit"),
        concept_readers(),
    ),
    Route(
        "decision_letter_edit_concept",
        letter("concept", "reporting:decision_letter_edit"),
        table(coordinator=DONE),
        method="post",
        data=lambda w, t: {"closing": f"Slot voor {w.region[t].name}"},
        state=letter_text("concept"),
    ),
    Route(
        "decision_letter_edit",
        letter("final", "reporting:decision_letter_edit"),
        table(),  # an approved decision's letter is fixed, for everyone
        method="post",
        data=lambda w, t: {"closing": f"Slot voor {w.region[t].name}"},
        state=letter_text("final"),
    ),
    Route(
        "assessments_export",
        lambda w, t: reverse("reporting:assessments_export", args=["2025-2028"]),
        # A reviewer finds only the applications whose own review they submitted: none here.
        table(reviewer=HIDE, coordinator=SHOW, administrator=SHOW),
    ),
]

PDF_ROUTES = {"decision_letter", "decision_letter_concept"}


def params():
    return [
        pytest.param(route, role, target, id=f"{route.name}-{route.method}-{role}-{target}")
        for route in ROUTES
        for role in MATRIX_ROLES
        for target in TARGETS
    ]


@pytest.mark.parametrize(("route", "role", "target"), params())
def test_access(client, world, route, role, target):
    check_route(client, world, route, role, target)
    if route.name in PDF_ROUTES and route.expect(role, target) == SHOW:
        # The PDF's text is compressed: the download's name says whose letter it is.
        response = client.get(route.url(world, target))
        assert response["Content-Type"] == "application/pdf"
        assert world.region[target].sto_number in response["Content-Disposition"]


def test_every_assessment_document_url_is_in_the_matrix():
    from reporting import urls

    names = {
        p.name
        for p in urls.urlpatterns
        if p.name.startswith(("decision_letter", "assessments_export"))
    }
    covered = {r.name.removesuffix("_concept") for r in ROUTES}
    assert names == {"decision_letter", "decision_letter_edit", "assessments_export"}
    assert names <= covered, f"not in the access matrix: {sorted(names - covered)}"


def test_a_reviewer_who_manages_the_region_cannot_read_its_concept(client, world):
    """A reviewer who is also the region's programme manager sees its letter only as the
    manager does: once the decision is approved."""
    from regions.models import ManagerAssignment

    both = UserFactory(username="pm-en-beoordelaar", role=Role.REVIEWER)
    both.groups.add(Group.objects.get(name=Role.PROGRAMME_MANAGER.value))
    ManagerAssignment.objects.create(user=both, region=world.region["own"])
    client.force_login(both)
    concept = world.extra["concept-own"]
    assert client.get(reverse("reporting:decision_letter", args=[concept.pk])).status_code == 404
    other = world.extra["concept-other"]
    assert client.get(reverse("reporting:decision_letter", args=[other.pk])).status_code == 200
    final = world.extra["final-own"]
    assert client.get(reverse("reporting:decision_letter", args=[final.pk])).status_code == 200
