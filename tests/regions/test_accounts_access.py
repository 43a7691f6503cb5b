"""Every page of one's own account (``/accounts/``) × every role (see tests/access_matrix.py).

These pages are about the user who asks, so "own" and "other" are the same page: everyone who is
logged in reaches them. The invitation page is open without a login, but only with a valid link.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from regions import accounts
from tests.access_matrix import (
    ROLES,
    SHOW,
    Route,
    World,
    check_route,
    matrix_params,
    table,
    world,  # noqa: F401  (fixture)
)


def everyone():
    return table(**{role: SHOW for role in ROLES})


def _invitation(w: World, t: str) -> str:
    user = w.extra.get(f"invited-{t}")
    if user is None:
        user = get_user_model().objects.create_user(
            username=f"uitgenodigd-{t}", email=f"uitgenodigd-{t}@example.nl", is_active=False
        )
        w.extra[f"invited-{t}"] = user
    return reverse("accounts:invitation_accept", args=[accounts.invitation_token(user)])


ROUTES = [
    Route("my_account", lambda w, t: reverse("accounts:my_account"), everyone(), marker=None),
    Route(
        "second_factor_verify",
        lambda w, t: reverse("accounts:second_factor_verify"),
        everyone(),
        marker=None,
    ),
    Route(
        "second_factor_setup",
        lambda w, t: reverse("accounts:second_factor_setup"),
        everyone(),
        marker=lambda w, t: "data:image/svg+xml;base64,",
    ),
    Route(
        "invitation_accept",
        _invitation,
        everyone(),
        marker=lambda w, t: f"uitgenodigd-{t}",
    ),
]


@pytest.mark.parametrize(("route", "role", "target"), matrix_params(ROUTES))
def test_access(client, world, route, role, target):  # noqa: F811
    check_route(client, world, route, role, target)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_visitors_reach_only_the_invitation(world, route):  # noqa: F811
    response = Client().get(route.url(world, "own"))
    if route.name == "invitation_accept":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_an_invitation_link_for_nobody_is_not_found(client, world):  # noqa: F811
    response = client.get(reverse("accounts:invitation_accept", args=["niet-geldig"]))
    assert response.status_code == 404


def test_every_account_url_is_in_the_matrix():
    from regions import urls

    names = {p.name for p in urls.account_patterns}
    covered = {r.name for r in ROUTES}
    assert names <= covered, f"not in the access matrix: {sorted(names - covered)}"
