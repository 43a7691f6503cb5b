"""Every URL of the money side × every role × own/other object (see tests/access_matrix.py).

Region money pages are for the region's programme manager, reviewers and administrators; a
municipal officer sees money only through the contributions asked of their own municipality.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from cofinancing import services
from cofinancing.models import CofinancingCommitment, MunicipalContribution
from tests.access_matrix import (
    DENY,
    DONE,
    SHOW,
    Route,
    World,
    check_route,
    managers,
    matrix_params,
    readers,
    scoped_list,
    table,
    world,  # noqa: F401  (fixture)
)


def sto(w: World, t: str) -> str:
    return w.region[t].sto_number


def url(name: str, *parts):
    def build(w: World, t: str) -> str:
        return reverse(f"cofinancing:{name}", args=[p(w, t) if callable(p) else p for p in parts])

    return build


def money_readers():
    """The region's manager, reviewers and administrators; not officers, not users without a role."""
    return table(manager=(SHOW, DENY), reviewer=SHOW, administrator=SHOW)


READ_ROUTES = [
    Route("commitment_list", url("commitment_list", sto), money_readers()),
    Route(
        "commitment_list_year",
        lambda w, t: url("commitment_list", sto)(w, t) + "?jaar=2025",
        money_readers(),
    ),
    Route(
        "commitment_detail",
        url("commitment_detail", sto, lambda w, t: w.cofinancing[t].pk),
        money_readers(),
    ),
    Route("commitment_export", url("commitment_export", sto), money_readers()),
    Route("grant_list", url("grant_list", sto), money_readers()),
    Route("contribution_list", url("contribution_list", sto), money_readers()),
    Route("contribution_export", url("contribution_export", sto), money_readers()),
    Route("commitment_create", url("commitment_create", sto), managers()),
    Route("contribution_request", url("contribution_request", sto), managers()),
    Route("contribution_split", url("contribution_split", sto), managers()),
    Route(
        "officer_contributions",
        lambda w, t: reverse("cofinancing:officer_contributions"),
        scoped_list(),
    ),
    Route(
        "officer_contributions_export",
        lambda w, t: reverse("cofinancing:officer_contributions_export"),
        scoped_list(),
    ),
    Route(
        "contribution_detail",
        url("contribution_detail", lambda w, t: w.contribution[t].pk),
        readers(),
    ),
]

# An object of one region reached through the other region's URL: 404 for everybody.
CROSS_ROUTES = [
    Route(
        "commitment_detail_cross",
        lambda w, t: reverse(
            "cofinancing:commitment_detail", args=[sto(w, "own"), w.cofinancing["other"].pk]
        ),
        table(),
        marker=lambda w, t: w.company["other"].name,
    ),
]


def _split_data(w: World, t: str) -> dict:
    plan = services.contribution_split_plan(
        region=w.region[t], total=1000, first_year=2026, last_year=2026
    )
    return {
        "total": "1000",
        "first_year": "2026",
        "last_year": "2026",
        "digest": plan.digest,
        "action": "confirm",
    }


def _contribution_state(w: World, t: str):
    return tuple(
        MunicipalContribution.objects.filter(region=w.region[t])
        .order_by("pk")
        .values_list("year", "requested", "status", "version")
    )


WRITE_ROUTES = [
    Route(
        "commitment_create",
        url("commitment_create", sto),
        managers(done=True),
        method="post",
        data=lambda w, t: {
            "organisation": w.company[t].pk,
            "form": "cash",
            "year": "2026",
            "committed": "100",
        },
        state=lambda w, t: CofinancingCommitment.objects.filter(region=w.region[t]).count(),
    ),
    Route(
        "commitment_update",
        url("commitment_detail", sto, lambda w, t: w.cofinancing[t].pk),
        managers(done=True),
        method="post",
        data=lambda w, t: {"committed": "999", "realised": "5"},
        state=lambda w, t: CofinancingCommitment.objects.get(pk=w.cofinancing[t].pk).committed,
    ),
    Route(
        "commitment_update_cross",
        lambda w, t: reverse(
            "cofinancing:commitment_detail", args=[sto(w, "own"), w.cofinancing["other"].pk]
        ),
        table(),
        method="post",
        data=lambda w, t: {"committed": "999", "realised": "5"},
        state=lambda w, t: (
            CofinancingCommitment.objects.get(pk=w.cofinancing["other"].pk).committed
        ),
        marker=lambda w, t: w.company["other"].name,
    ),
    Route(
        "contribution_request",
        url("contribution_request", sto),
        managers(done=True),
        method="post",
        data=lambda w, t: {
            "municipality": w.municipality[t].pk,
            "year": "2026",
            "requested": "500",
        },
        state=_contribution_state,
    ),
    Route(
        "contribution_split",
        url("contribution_split", sto),
        managers(done=True),
        method="post",
        data=_split_data,
        state=_contribution_state,
    ),
    Route(
        "contribution_decide",
        url("contribution_decide", lambda w, t: w.contribution[t].pk),
        table(officer=(DONE, DENY), administrator=DONE),
        method="post",
        data=lambda w, t: {
            "decision": "approved",
            "decided_on": timezone.localdate().isoformat(),
            "expected_version": str(w.contribution[t].version),
        },
        state=_contribution_state,
    ),
]


@pytest.mark.parametrize(("route", "role", "target"), matrix_params(READ_ROUTES + CROSS_ROUTES))
def test_read_access(client, world, route, role, target):  # noqa: F811
    check_route(client, world, route, role, target)


@pytest.mark.parametrize(("route", "role", "target"), matrix_params(WRITE_ROUTES))
def test_write_access(client, world, route, role, target):  # noqa: F811
    check_route(client, world, route, role, target)


def test_anonymous_is_sent_to_login(client, world):  # noqa: F811
    for route in READ_ROUTES:
        response = client.get(route.url(world, "own"))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_decide_is_refused_to_readers_with_403_and_other_officers_with_404(client, world):  # noqa: F811
    own = world.contribution["own"]
    target = reverse("cofinancing:contribution_decide", args=[own.pk])
    data = {
        "decision": "approved",
        "decided_on": timezone.localdate().isoformat(),
        "expected_version": "1",
    }
    for role, status in (("manager", 403), ("reviewer", 403), ("norole", 404)):
        client.force_login(world.users[role])
        assert client.post(target, data).status_code == status, role
    client.force_login(world.users["officer"])
    other = world.contribution["other"]
    assert (
        client.post(reverse("cofinancing:contribution_decide", args=[other.pk]), data).status_code
        == 404
    )
    assert client.get(target).status_code == 405  # decisions by POST only
