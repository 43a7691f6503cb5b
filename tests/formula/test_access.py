"""Every URL of the budget formula × every role × own/other (see tests/access_matrix.py).

The simulator and its scenarios are for reviewers and administrators only; everybody else gets
404, as for any page they may not see. The scenarios are shared: the "own" one was saved by the
reviewer, the "other" one by the administrator. A reviewer deletes only their own (403 for the
other's); an administrator deletes both.
"""

import datetime
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from formula import services
from formula.computation import Parameters
from formula.models import FormulaScenario
from tests.access_matrix import (
    DENY,
    DONE,
    SHOW,
    Route,
    World,
    build_world,
    check_route,
    matrix_params,
    table,
)

SCENARIO_NAMES = {"own": "Scenario van de beoordelaar", "other": "Scenario van de beheerder"}
# The matrix world's schools have their counts on 1 October 2024 (tests/factories.py).
PARAMETERS = {
    "reference_date": "2024-10-01",
    "base_per_school": "50.000",
    "per_student": "1.000",
    "guarantee_pct": "80",
    "guarantee_year": "2025",
    "ceiling": "97.000.000",
}


@pytest.fixture
def world(db, settings) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    w = build_world()
    authors = {"own": w.users["reviewer"], "other": w.users["administrator"]}
    w.extra["scenario"] = {
        side: services.scenario_create(
            by=authors[side],
            name=SCENARIO_NAMES[side],
            parameters=Parameters(
                reference_date=datetime.date(2024, 10, 1),
                base_per_school=Decimal("50000"),
                per_student=Decimal(1000 + index),
            ),
        )
        for index, side in enumerate(("own", "other"))
    }
    return w


def formula_users(*, done: bool = False):
    ok = DONE if done else SHOW
    return table(reviewer=ok, administrator=ok)


def scenario_pk(w: World, t: str) -> int:
    return w.extra["scenario"][t].pk


def scenario_marker(w: World, t: str) -> str:
    return SCENARIO_NAMES[t]


def with_parameters(name: str):
    return lambda w, t: reverse(name) + "?" + urlencode(PARAMETERS)


def compared(name: str):
    # Both scenarios side by side; the side's region must appear under each.
    return lambda w, t: (
        reverse(name) + "?" + urlencode([("scenario", scenario_pk(w, s)) for s in ("own", "other")])
    )


def scenario_url(name: str):
    return lambda w, t: reverse(name, args=[scenario_pk(w, t)])


ROUTES = [
    # The empty form: its button text is the marker (no region is listed before a calculation).
    Route(
        "simulator",
        lambda w, t: reverse("formula:simulator"),
        formula_users(),
        marker=lambda w, t: "Bereken de verdeling",
    ),
    # With parameters: every region, so both sides' names are on the page and in the export.
    Route("simulator_results", with_parameters("formula:simulator"), formula_users()),
    Route("simulator_export", with_parameters("formula:simulator_export"), formula_users()),
    Route(
        "scenario_list",
        lambda w, t: reverse("formula:scenario_list"),
        formula_users(),
        marker=scenario_marker,
    ),
    Route(
        "scenario_detail",
        scenario_url("formula:scenario_detail"),
        formula_users(),
        marker=scenario_marker,
    ),
    Route(
        "scenario_export",
        scenario_url("formula:scenario_export"),
        formula_users(),
        marker=scenario_marker,
    ),
    Route("scenario_compare", compared("formula:scenario_compare"), formula_users()),
    Route("scenario_compare_export", compared("formula:scenario_compare_export"), formula_users()),
    # The confirmation page: the author (own: the reviewer) and administrators.
    Route(
        "scenario_delete",
        scenario_url("formula:scenario_delete"),
        table(reviewer=(SHOW, DENY), administrator=SHOW),
        marker=scenario_marker,
    ),
    Route(
        "scenario_delete",
        scenario_url("formula:scenario_delete"),
        table(reviewer=(DONE, DENY), administrator=DONE),
        method="post",
        marker=scenario_marker,
        state=lambda w, t: FormulaScenario.objects.filter(pk=scenario_pk(w, t)).exists(),
    ),
    Route(
        "scenario_create",
        lambda w, t: reverse("formula:scenario_create"),
        formula_users(done=True),
        method="post",
        data=lambda w, t: {**PARAMETERS, "name": f"Nieuw {t}"},
        marker=None,
        state=lambda w, t: FormulaScenario.objects.filter(name=f"Nieuw {t}").exists(),
    ),
]


@pytest.mark.parametrize(("route", "role", "target"), matrix_params(ROUTES))
def test_access(client, world, route, role, target):
    check_route(client, world, route, role, target)


def test_every_formula_url_is_in_the_matrix():
    from formula import urls

    names = {pattern.name for pattern in urls.urlpatterns}
    covered = {route.name for route in ROUTES} - {"simulator_results"}
    assert names == covered
