"""Every scoring URL × role × own/other application (see tests/access_matrix.py).

The matrix world gets, per side, a submitted application (2025-2028) and two roles beside the
usual five:

- ``coordinator``: a coordinating reviewer; assigns reviewers, sees every application's scores;
- ``reviewer_manager``: a reviewer who is also the programme manager of the "own" region. They
  review the "other" application (submitted); a review of their own region, assigned before they
  became its manager, is refused to them.

The plain ``reviewer`` has an open review of the "own" application only. A second reviewer has
submitted on both sides, so the scores side by side have someone to show.
"""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from assessment import services
from assessment.bijlage_c import CRITERIA
from assessment.framework import SUB_ASPECT_CODES, framework_in_force
from assessment.models import Framework, Judgement, Review
from plans.models import Plan
from regions.models import ManagerAssignment
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
from tests.factories import UserFactory

ALL_ROLES = (*ROLES, "coordinator", "reviewer_manager")
PERIOD = "2025-2028"
FIRST_REQUIREMENT = CRITERIA[0].sub_aspects[0].minimum_requirements[0]


def complete() -> list[services.JudgementInput]:
    return [services.JudgementInput(code, True, score=Decimal("6")) for code in SUB_ASPECT_CODES]


@pytest.fixture
def world(matrix_world: World) -> World:  # noqa: F811
    w = matrix_world
    coordinator = UserFactory(username="matrix-coordinator", role=Role.REVIEWER)
    coordinator.groups.add(Group.objects.get_or_create(name=Role.COORDINATOR.value)[0])
    reviewer_manager = UserFactory(username="matrix-pm-beoordelaar", role=Role.REVIEWER)
    second = UserFactory(username="matrix-tweede", role=Role.REVIEWER)
    UserFactory(username="matrix-derde", role=Role.REVIEWER)
    w.users["coordinator"], w.users["reviewer_manager"] = coordinator, reviewer_manager
    for side in TARGETS:
        w.region[side].kind = "techniekarm"  # scored: the scoring page asks for scores
        w.region[side].save()
        plan = Plan.objects.create(
            region=w.region[side],
            period=w.grant[side].period,
            status="submitted",
            requested=Decimal("400000"),
            submitted_on=w.grant[side].period.first_day,
        )
        w.extra[f"plan-{side}"] = plan
        services.review_assign(by=coordinator, plan=plan, reviewer=second)
        services.review_import(
            by=None, plan=plan, reviewer=second, external_reviewer="", items=complete()
        )
    own, other = w.extra["plan-own"], w.extra["plan-other"]
    w.extra["review-reviewer-own"] = services.review_assign(
        by=coordinator, plan=own, reviewer=w.users["reviewer"]
    )
    services.review_assign(by=coordinator, plan=other, reviewer=reviewer_manager)
    w.extra["review-pm-other"] = services.review_import(
        by=None, plan=other, reviewer=reviewer_manager, external_reviewer="", items=complete()
    )
    # Assigned to the "own" region first; made its programme manager afterwards.
    w.extra["review-pm-own"] = services.review_assign(
        by=coordinator, plan=own, reviewer=reviewer_manager
    )
    reviewer_manager.groups.add(Group.objects.get(name=Role.PROGRAMME_MANAGER.value))
    ManagerAssignment.objects.create(user=reviewer_manager, region=w.region["own"])
    return w


def app_url(name: str):
    def build(w: World, t: str) -> str:
        return reverse(f"assessment:{name}", args=[w.region[t].sto_number, PERIOD, 1])

    return build


def review_url(own: str, other: str):
    def build(w: World, t: str) -> str:
        review = w.extra[own if t == "own" else other]
        return reverse("assessment:review", args=[review.pk])

    return build


def judgements_of(key_own: str, key_other: str):
    def state(w: World, t: str) -> int:
        review = w.extra[key_own if t == "own" else key_other]
        return Judgement.objects.filter(review_id=review.pk).count()

    return state


def reviews_of_plan(w: World, t: str) -> int:
    return Review.objects.filter(plan=w.extra[f"plan-{t}"]).count()


def framework_url(w: World, t: str) -> str:
    return reverse("assessment:framework", args=[PERIOD])


def followers(**more):
    return table(coordinator=SHOW, administrator=SHOW, **more)


ROUTES = [
    # The period's applications: everything for coordinators and administrators; a reviewer sees
    # the applications assigned to them (the manager-reviewer was assigned to both).
    Route(
        "applications",
        lambda w, t: reverse("assessment:applications"),
        followers(reviewer=(SHOW, HIDE), reviewer_manager=SHOW),
    ),
    Route(
        "workload",
        lambda w, t: reverse("assessment:workload"),
        followers(),
        marker=lambda w, t: "matrix-tweede",
    ),
    Route(
        "work_list",
        lambda w, t: reverse("assessment:work_list"),
        table(
            reviewer=(SHOW, HIDE),
            reviewer_manager=SHOW,
            coordinator=HIDE,
            administrator=HIDE,
        ),
    ),
    # Assigning: a coordinating reviewer only (an administrator follows, but does not assign).
    Route("assign", app_url("assign"), table(coordinator=SHOW)),
    Route(
        "assign",
        app_url("assign"),
        table(coordinator=DONE),
        method="post",
        data=lambda w, t: {"reviewer": _third(w).pk},
        state=reviews_of_plan,
    ),
    # The scoring page: only the assigned reviewer, and not in a region where they hold
    # another role.
    Route(
        "review",
        review_url("review-reviewer-own", "review-pm-other"),
        table(reviewer=(SHOW, DENY), reviewer_manager=(DENY, SHOW)),
    ),
    Route(
        "review_conflict",
        review_url("review-pm-own", "review-pm-other"),
        table(reviewer_manager=(DENY, SHOW)),
    ),
    Route(
        "review",
        review_url("review-reviewer-own", "review-pm-own"),
        table(reviewer=(DONE, DENY)),
        method="post",
        data=lambda w, t: {"actie": "opslaan", "regiovisie-minimum_met": "ja"},
        state=judgements_of("review-reviewer-own", "review-pm-own"),
    ),
    # Scores side by side: coordinators and administrators; a reviewer only after submitting
    # their own (the plain reviewer has not; the manager-reviewer has, on the "other" side).
    Route("scores", app_url("scores"), followers(reviewer_manager=(DENY, SHOW))),
    # The framework: read by everyone who assesses, changed by administrators.
    Route(
        "framework",
        framework_url,
        table(coordinator=SHOW, administrator=SHOW, reviewer=SHOW, reviewer_manager=SHOW),
        marker=lambda w, t: FIRST_REQUIREMENT,
    ),
    Route(
        "framework",
        framework_url,
        table(administrator=DONE),
        method="post",
        data=lambda w, t: {"actie": "nieuwe-versie", "nieuw-note": "Nieuwe ronde"},
        marker=None,
        state=lambda w, t: Framework.objects.count(),
    ),
]


def _third(w: World):
    return get_user_model().objects.get(username="matrix-derde")


def params() -> list:
    return [
        pytest.param(route, role, target, id=f"{route.name}-{route.method}-{role}-{target}")
        for route in ROUTES
        for role in ALL_ROLES
        for target in TARGETS
    ]


@pytest.mark.parametrize(("route", "role", "target"), params())
def test_access(client, world, route, role, target):
    check_route(client, world, route, role, target)


def test_the_manager_reviewer_is_refused_their_own_region(client, world):
    """The facts behind the matrix: the manager-reviewer is not offered for their region, and
    their old assignment there can no longer be filled in."""
    client.force_login(world.users["coordinator"])
    page = client.get(app_url("assign")(world, "own"))
    offered = [label for value, label in page.context["form"].fields["reviewer"].choices if value]
    assert not any(label.startswith("matrix-pm-beoordelaar") for label in offered)
    assert any(label.startswith("matrix-derde") for label in offered)
    client.force_login(world.users["reviewer_manager"])
    response = client.get(review_url("review-pm-own", "review-pm-own")(world, "own"))
    assert response.status_code == 403
    assert framework_in_force(world.extra["plan-own"].period).version == 1


def test_every_scoring_url_is_in_the_matrix():
    from assessment import urls_scoring

    names = {p.name for p in urls_scoring.urlpatterns}
    covered = {r.name.replace("_conflict", "") for r in ROUTES}
    assert names <= covered, f"not in the access matrix: {sorted(names - covered)}"
