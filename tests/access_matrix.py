"""The URL × role × own/other access matrix, as a reusable table.

Every app registers its routes in a per-app test file and runs them with ``check_route``:

    from tests.access_matrix import Route, SHOW, DENY, readers, matrix_params, check_route

    ROUTES = [
        Route("regions:region_detail", lambda w, t: reverse(..., args=[w.region[t].sto_number]),
              expect=readers()),
    ]

    @pytest.mark.parametrize(("route", "role", "target"), matrix_params(ROUTES))
    def test_access(client, world, route, role, target):
        check_route(client, world, route, role, target)

The ``world`` (``build_world()``; a pytest fixture in ``tests/conftest.py`` style is in the test
modules) has two sides: ``own`` (region A, managed by ``manager``, with the municipality of
``officer`` contributing) and ``other`` (region B, nobody's but the reviewer's and the
administrator's). Each side holds one object of every kind, so any page can be asked for the
own and the other object. ``marker(w, t)`` is a text that only that side's data contains
(the region's name by default): a page that shows a side must contain it, a page that hides or
denies it must not.

Outcomes:
- ``SHOW``: 200 (or a download) and the side's marker is in the response;
- ``HIDE``: 200, but the marker is absent (lists and exports filtered to the user's scope);
- ``DENY``: 403 or 404 and the marker absent; for a POST the ``state`` of the side is unchanged;
- ``DONE``: a permitted POST: 302 and the ``state`` changed.
"""

import datetime
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile

from regions.models import Finding
from regions.roles import Role

from .factories import (
    AnnualReportFactory,
    CofinancingCommitmentFactory,
    ConvenantFactory,
    GrantFactory,
    MembershipFactory,
    MunicipalContributionFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    SignatureFactory,
    StudentCountFactory,
    UserFactory,
    manager_of,
    officer_of,
)

SHOW, HIDE, DENY, DONE = "show", "hide", "deny", "done"
ROLES = ("manager", "officer", "reviewer", "administrator", "norole")
TARGETS = ("own", "other")
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_bytes(label: str = "") -> bytes:
    """A tiny PDF whose bytes carry ``label`` (so a download can be traced to its side)."""
    return PDF_BYTES.replace(b"%%EOF", f"% {label}\n%%EOF".encode("latin-1"))


@dataclass
class World:
    """Two sides ("own", "other") with one object of each kind, and one user per role."""

    users: dict[str, Any] = field(default_factory=dict)
    region: dict[str, Any] = field(default_factory=dict)
    lead: dict[str, Any] = field(default_factory=dict)
    company: dict[str, Any] = field(default_factory=dict)
    municipality: dict[str, Any] = field(default_factory=dict)
    membership: dict[str, Any] = field(default_factory=dict)
    convenant: dict[str, Any] = field(default_factory=dict)
    signature: dict[str, Any] = field(default_factory=dict)
    annual_report: dict[str, Any] = field(default_factory=dict)
    student_count: dict[str, Any] = field(default_factory=dict)
    grant: dict[str, Any] = field(default_factory=dict)
    cofinancing: dict[str, Any] = field(default_factory=dict)
    contribution: dict[str, Any] = field(default_factory=dict)
    finding: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # for other apps' objects


SIDE_NAMES = {"own": "Eigenregio Alfa", "other": "Anderregio Beta"}


def build_world() -> World:
    """Create both sides and the users (a few dozen rows; fast enough per test)."""
    w = World()
    period = PeriodFactory(
        code="2025-2028", start_year=2025, end_year=2028, min_cofinancing_pct=Decimal("10")
    )
    for index, side in enumerate(TARGETS):
        label = SIDE_NAMES[side]
        lead = OrganisationFactory(name=f"Penvoerder {label}", technical_profiles="BWI;PIE")
        region = RegionFactory(sto_number=f"STO9900{index + 1}", name=label, lead=lead)
        company = OrganisationFactory(company=True, name=f"Bedrijf {label}")
        municipality = OrganisationFactory(municipality=True, name=f"Gemeente {label}")
        w.region[side], w.lead[side], w.company[side], w.municipality[side] = (
            region,
            lead,
            company,
            municipality,
        )
        MembershipFactory(region=region, organisation=lead, start=datetime.date(2020, 1, 1))
        w.membership[side] = MembershipFactory(
            region=region, organisation=company, start=datetime.date(2021, 1, 1)
        )
        MembershipFactory(region=region, organisation=municipality, start=datetime.date(2020, 1, 1))
        convenant = ConvenantFactory(region=region, period=period, title=f"Convenant {label}")
        w.convenant[side] = convenant
        w.signature[side] = SignatureFactory(
            convenant=convenant, organisation=lead, signatory=f"Ondertekenaar {label}"
        )
        report = AnnualReportFactory(region=region, year=2025, activities=f"Activiteiten {label}")
        report.document.save(f"jaarverslag-{index}.pdf", ContentFile(pdf_bytes(label)), save=True)
        w.annual_report[side] = report
        w.student_count[side] = StudentCountFactory(organisation=lead, students=40 + index)
        w.grant[side] = GrantFactory(
            region=region, period=period, year=2025, amount=Decimal("1000000")
        )
        w.cofinancing[side] = CofinancingCommitmentFactory(
            region=region, organisation=company, year=2025, committed=Decimal("120000")
        )
        w.contribution[side] = MunicipalContributionFactory(
            region=region, municipality=municipality, year=2025, purpose=f"Doel {label}"
        )
        w.finding[side] = Finding.objects.create(
            region=region,
            rule="min_mbo",
            severity="error",
            message=f"Geen mbo-instelling in {label}",
            first_seen=datetime.date(2025, 1, 1),
            last_seen=datetime.date(2025, 1, 1),
        )
    w.users["manager"] = manager_of(w.region["own"], username="matrix-manager")
    w.users["officer"] = officer_of(w.municipality["own"], username="matrix-officer")
    w.users["reviewer"] = UserFactory(username="matrix-reviewer", role=Role.REVIEWER)
    w.users["administrator"] = UserFactory(
        username="matrix-admin", role=Role.ADMINISTRATOR, is_staff=True
    )
    w.users["norole"] = UserFactory(username="matrix-norole")
    return w


@pytest.fixture
def world(db, settings) -> World:
    """The matrix world; import it into a test module: ``from tests.access_matrix import world``."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def region_marker(w: World, target: str) -> str:
    return w.region[target].name


# --- Expectation tables ------------------------------------------------------------------------

Expect = Callable[[str, str], str]


def table(**by_role: tuple[str, str] | str) -> Expect:
    """``table(manager=(SHOW, DENY), reviewer=SHOW, ...)``; roles not named are DENY."""

    def expect(role: str, target: str) -> str:
        value = by_role.get(role, DENY)
        if isinstance(value, tuple):
            return value[TARGETS.index(target)]
        return value

    return expect


def readers() -> Expect:
    """Pages of one region that everyone who may read the region sees."""
    return table(manager=(SHOW, DENY), officer=(SHOW, DENY), reviewer=SHOW, administrator=SHOW)


def report_readers() -> Expect:
    """Annual-report material (``can_read_annual_report``): as ``readers`` but not officers."""
    return table(manager=(SHOW, DENY), reviewer=SHOW, administrator=SHOW)


def managers(*, done: bool = False) -> Expect:
    """Write pages: the region's manager and administrators; reviewers and officers are refused."""
    ok = DONE if done else SHOW
    return table(manager=(ok, DENY), administrator=ok)


def scoped_list() -> Expect:
    """Lists and exports over regions: each user sees only their own rows."""
    return table(
        manager=(SHOW, HIDE),
        officer=(SHOW, HIDE),
        reviewer=SHOW,
        administrator=SHOW,
        norole=HIDE,
    )


def administrators() -> Expect:
    return table(administrator=SHOW)


@dataclass(frozen=True)
class Route:
    """One URL of the matrix."""

    name: str  # an id for the test report, usually the URL name
    url: Callable[[World, str], str]
    expect: Expect
    method: str = "get"
    data: Callable[[World, str], dict] | None = None
    marker: Callable[[World, str], str] | None = region_marker
    state: Callable[[World, str], Any] | None = None


def matrix_params(routes: list[Route]) -> list:
    return [
        pytest.param(route, role, target, id=f"{route.name}-{route.method}-{role}-{target}")
        for route in routes
        for role in ROLES
        for target in TARGETS
    ]


def response_text(response) -> str:
    """The text of a page, a streamed file, or every cell of an .xlsx download."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    content_type = response.get("Content-Type", "")
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(body), read_only=True)
        cells = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells.extend(str(v) for v in row if v is not None)
        return "\n".join(cells)
    if body.startswith(b"PK") and zipfile.is_zipfile(io.BytesIO(body)):
        return ""
    if body.startswith(b"%PDF"):
        return body.decode("latin-1")
    return body.decode("utf-8", errors="replace")


def check_route(client, world: World, route: Route, role: str, target: str) -> None:
    """Request ``route`` for ``target`` as ``role`` and assert the expected outcome."""
    expected = route.expect(role, target)
    client.force_login(world.users[role])
    url = route.url(world, target)
    before = route.state(world, target) if route.state else None
    if route.method == "post":
        data = route.data(world, target) if route.data else {}
        response = client.post(url, data)
    else:
        response = client.get(url)
    marker = route.marker(world, target) if route.marker else None
    where = f"{route.method.upper()} {url} as {role} ({target})"
    if expected == DENY:
        assert response.status_code in (403, 404), (
            f"{where}: expected 403/404, got {response.status_code}"
        )
        if marker:
            assert marker not in response_text(response), (
                f"{where}: denied response leaks {marker!r}"
            )
        if route.state:
            assert route.state(world, target) == before, f"{where}: a refused request changed data"
        return
    if expected == DONE:
        assert response.status_code == 302, (
            f"{where}: expected a redirect, got {response.status_code}"
        )
        if route.state:
            assert route.state(world, target) != before, (
                f"{where}: the permitted change was not saved"
            )
        return
    assert response.status_code == 200, f"{where}: expected 200, got {response.status_code}"
    text = response_text(response)
    if expected == SHOW and marker:
        assert marker in text, f"{where}: expected {marker!r} in the response"
    if expected == HIDE and marker:
        assert marker not in text, f"{where}: the response leaks {marker!r}"
