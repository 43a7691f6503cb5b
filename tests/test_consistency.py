"""One fact, one answer: for every region of the national demo data set and one fixed day, the
region overview, the region list and its Excel export, the annual report data and
``check_rules`` state the same facts.

The facts compared per region, for the period of the day's year:
- the period's co-financing percentage as a person reads it;
- whether the co-financing minimum is met;
- the open deadlines (overdue or due soon);
- the findings.

On the day a company joins a region (4 December 2026), it has not signed that region's convenants
yet. Only the convenant of the running period (2025-2028) is then an open deadline: the
2020-2023 and 2024 convenants ended before the company joined.
"""

import datetime
import io
import json
from dataclasses import dataclass

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from regions import services as region_services
from regions.models import Organisation, Period, Region
from reporting.annual_report import annual_report_data
from sto.formatting import format_percentage

DAY = datetime.date(2026, 12, 4)
JOINING_REGION = "STO19040"  # Amstelland
DEADLINE_RULES = {
    "convenant_unsigned": ("convenant", "overdue"),
    "convenant_deadline_near": ("convenant", "soon"),
    "annual_report_overdue": ("annual_report", "overdue"),
    "annual_report_due_soon": ("annual_report", "soon"),
    "plan_overdue": ("plan", "overdue"),
    "plan_due_soon": ("plan", "soon"),
}

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@dataclass(frozen=True)
class Facts:
    cofinancing_pct: str | None
    minimum_met: bool | None
    deadlines: frozenset
    findings: frozenset


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    """The demo data set, a company joining Amstelland on the day, and the check of that day."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", password="pw", stdout=io.StringIO())
        admin = get_user_model().objects.get(username="beheerder")
        with time_machine.travel(datetime.datetime(2026, 12, 4, 12, 0), tick=False):
            region_services.partner_join(
                by=admin,
                region=Region.objects.get(sto_number=JOINING_REGION),
                new_organisation={
                    "key": "87654321",
                    "kind": "company",
                    "name": "Nieuwkomer Techniek B.V.",
                    "city": "Amstelveen",
                },
                start=DAY,
            )
        out = io.StringIO()
        call_command("check_rules", today=DAY.isoformat(), json=True, stdout=out)
        yield json.loads(out.getvalue())
        transaction.set_rollback(True)


@pytest.fixture
def reviewer_client(client, national):
    client.force_login(get_user_model().objects.get(username="beoordelaar"))
    with time_machine.travel(datetime.datetime(2026, 12, 4, 12, 0), tick=False):
        yield client


def period_of_day() -> Period:
    return Period.objects.get(start_year__lte=DAY.year, end_year__gte=DAY.year)


# --- each output, read as a person reads it ------------------------------------------------------


def from_check_rules(results: list[dict], sto_number: str, has_grants: bool) -> Facts:
    mine = [r for r in results if r["region"] == sto_number]
    period = period_of_day()
    below = any(r["rule"] == "cofinancing_share" and r["subject"] == period.code for r in mine)
    return Facts(
        cofinancing_pct=None,  # the check states no percentage
        minimum_met=(not below) if has_grants else None,
        deadlines=frozenset(
            (*DEADLINE_RULES[r["rule"]], r["subject"]) for r in mine if r["rule"] in DEADLINE_RULES
        ),
        findings=frozenset((r["rule"], r["subject"]) for r in mine),
    )


def shown(share) -> str | None:
    """A co-financing percentage as every output shows it."""
    return (
        None if share is None or share.shown_pct is None else format_percentage(share.shown_pct, 1)
    )


def from_overview(client, sto_number: str) -> Facts:
    response = client.get(reverse("regions:region_detail", args=[sto_number]), {"jaar": DAY.year})
    assert response.status_code == 200
    overview = response.context["overview"]
    share = overview.money.period_share
    html = response.content.decode()
    if share is not None and share.pct is not None:
        assert f'data-fact="cofinancing-pct">{shown(share)}<' in html  # what the page shows
    deadlines = frozenset(
        (s.deadline.kind, "overdue" if s.overdue else "soon", s.deadline.subject)
        for s in overview.deadlines
        if s.overdue or s.soon
    )
    return Facts(
        cofinancing_pct=shown(share),
        minimum_met=share.minimum_met if share is not None else None,
        deadlines=deadlines,
        findings=frozenset((f.rule, f.subject) for f in overview.findings),
    )


def from_cofinancing_page(client, sto_number: str) -> tuple[str | None, bool | None, str | None]:
    """The co-financing page: the period line of the day's period, and the day's year."""
    response = client.get(reverse("cofinancing:commitment_list", args=[sto_number]))
    summary = response.context["summary"]
    period = period_of_day()
    line = next((p for p in summary.periods if p.period == period), None)
    year = next((y for y in summary.years if y.year == DAY.year), None)
    return (
        shown(line.share) if line else None,
        line.share.minimum_met if line else None,
        shown(year.committed_share) if year and year.grant else None,
    )


def from_region_list(client) -> dict[str, tuple]:
    """STO number -> (percentage shown, minimum met, open findings) from every page."""
    rows, page = {}, 1
    period = period_of_day()
    while True:
        response = client.get(
            reverse("regions:region_list"), {"period": period.code, "pagina": page}
        )
        for region in response.context["regions"]:
            share = region.cofinancing_share
            rows[region.sto_number] = (
                shown(share),
                share.minimum_met if share is not None else None,
                region.open_findings,
            )
        if not response.context["page"].has_next():
            return rows
        page += 1


def from_region_list_excel(client) -> dict[str, tuple]:
    period = period_of_day()
    response = client.get(reverse("regions:region_list_excel"), {"period": period.code})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    pct_col = next(i for i, h in enumerate(header) if "(%)" in str(h))
    findings_col = header.index("Open bevindingen")
    rows = {}
    for row in sheet.iter_rows(min_row=2):
        pct = row[pct_col]
        assert pct.value is None or pct.number_format == "0.0"
        value = None if pct.value is None else format_percentage(pct.value, 1)
        rows[row[0].value] = (value, row[findings_col].value)
    return rows


def from_annual_report(region: Region) -> tuple[Facts, str | None]:
    """The annual report data: the period's facts, and the year's percentage."""
    data = annual_report_data(region, DAY.year, today=DAY)
    share = data.period_share
    facts = Facts(
        cofinancing_pct=shown(share) if share is not None and share.pct is not None else None,
        minimum_met=share.minimum_met if share is not None else None,
        deadlines=frozenset(),  # the report lists findings, not deadlines
        findings=frozenset((f.rule, f.subject) for f in data.findings),
    )
    return facts, shown(data.committed_share) if data.grant else None


# --- the comparison ------------------------------------------------------------------------------


def test_every_output_states_the_same_facts_for_every_region(national, reviewer_client):
    client = reviewer_client
    period = period_of_day()
    listed = from_region_list(client)
    exported = from_region_list_excel(client)
    regions = list(Region.objects.order_by("sto_number"))
    assert len(regions) == 78 and set(listed) == {r.sto_number for r in regions}

    disagreements = []
    for region in regions:
        has_grants = region.grants.filter(
            year__gte=period.start_year, year__lte=period.end_year
        ).exists()
        rules = from_check_rules(national, region.sto_number, has_grants)
        overview = from_overview(client, region.sto_number)
        report, report_year_pct = from_annual_report(region)
        page_pct, page_met, page_year_pct = from_cofinancing_page(client, region.sto_number)
        list_pct, list_met, list_findings = listed[region.sto_number]
        excel_pct, excel_findings = exported[region.sto_number]

        def differ(what, region=region, **values):
            if len({repr(v) for v in values.values()}) > 1:
                disagreements.append(f"{region.sto_number} {what}: {values}")

        differ(
            "co-financing % of the period",
            overview=overview.cofinancing_pct,
            cofinancing_page=page_pct,
            region_list=list_pct,
            excel=excel_pct,
            annual_report=report.cofinancing_pct,
        )
        differ(
            f"co-financing % of {DAY.year}",
            cofinancing_page=page_year_pct,
            annual_report=report_year_pct,
        )
        differ(
            "minimum met",
            check_rules=rules.minimum_met,
            overview=overview.minimum_met,
            cofinancing_page=page_met,
            region_list=list_met,
            annual_report=report.minimum_met,
        )
        differ("open deadlines", check_rules=rules.deadlines, overview=overview.deadlines)
        differ(
            "findings",
            check_rules=rules.findings,
            overview=overview.findings,
            annual_report=report.findings,
        )
        differ(
            "number of findings",
            check_rules=len(rules.findings),
            region_list=list_findings,
            excel=excel_findings,
        )
    assert not disagreements, "\n".join(disagreements)


def test_a_company_joining_today_owes_only_the_running_convenant(national, reviewer_client):
    """Regression: the overview listed the 2020-2023 and 2024 convenants as overdue signatures
    of a company that joined after they ended, while the check (rightly) reported nothing."""
    company = Organisation.objects.get(key="87654321")
    overview = from_overview(reviewer_client, JOINING_REGION)
    convenant_deadlines = {d for d in overview.deadlines if d[0] == "convenant"}
    assert convenant_deadlines == {("convenant", "overdue", "2025-2028")}
    unsigned = [
        r for r in national if r["region"] == JOINING_REGION and r["rule"] == "convenant_unsigned"
    ]
    assert [r["subject"] for r in unsigned] == ["2025-2028"]
    assert company.name in unsigned[0]["message"]
