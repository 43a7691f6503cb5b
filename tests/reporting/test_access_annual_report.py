"""The annual report's URLs × every role × own/other region (see tests/access_matrix.py)."""

import pytest
from django.urls import reverse

from reporting import urls
from reporting.models import AnnualReportNarrative
from tests.access_matrix import (
    DENY,
    DONE,
    SHOW,
    Route,
    World,
    check_route,
    matrix_params,
    report_readers,
    table,
    world,  # noqa: F401  (fixture)
)


def _url(name: str):
    def build(w: World, t: str) -> str:
        return reverse(f"reporting:{name}", args=[w.region[t].sto_number, 2025])

    return build


def _narrative(w: World, t: str) -> str:
    return "|".join(
        AnnualReportNarrative.objects.filter(region=w.region[t], year=2025).values_list(
            "text", flat=True
        )
    )


ROUTES = [
    # the generated PDF: whoever reads the region's annual reports (not municipal officers)
    Route("annual_report_pdf", _url("annual_report_pdf"), report_readers(), marker=None),
    # the explanations: the region's programme manager and administrators write them; reviewers
    # read the report but do not write the region's text
    Route(
        "annual_report_narratives",
        _url("annual_report_narratives"),
        table(manager=(SHOW, DENY), administrator=SHOW),
    ),
    Route(
        "annual_report_narratives",
        _url("annual_report_narratives"),
        table(manager=(DONE, DENY), administrator=DONE),
        method="post",
        data=lambda w, t: {"grant": f"Toelichting bij de subsidie van {w.region[t].name}"},
        marker=None,
        state=_narrative,
    ),
]


@pytest.mark.parametrize(("route", "role", "target"), matrix_params(ROUTES))
def test_access(client, world, route, role, target):  # noqa: F811
    check_route(client, world, route, role, target)


def test_every_annual_report_url_is_in_the_matrix():
    """A new annual-report URL of reporting/urls.py must be added to the matrix."""
    names = {p.name for p in urls.urlpatterns if p.name.startswith("annual_report")}
    covered = {r.name for r in ROUTES}
    assert names <= covered, f"not in the access matrix: {sorted(names - covered)}"
