"""The import and export run a fixed number of queries, whatever the number of rows, and a data
set of national size goes out and comes back whole. Their speed is measured in bench/."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
from plans.models import Activity, BudgetLine, Goal, Plan, Risk, TeacherShortage
from regions.models import (
    AnnualReport,
    Convenant,
    Membership,
    Organisation,
    Period,
    Region,
    Signature,
    StudentCount,
)
from reporting.workbook import export_workbook, import_workbook
from sto.actors import system_actor

pytestmark = pytest.mark.django_db

PROFILES = ("BWI", "PIE", "M&T", "MaT", "MVI", "D&P", "E&O", "Z&W", "HBR", "Groen")
PATHS = ("BB", "KB", "GL", "TL")
LETTERS = "ABCDEFGHJKLMNPRSTVWXYZ"


def build_national(
    regions: int, schools_per_region: int, companies_per_region: int, combinations: int = 16
):
    """A synthetic data set of the requested size, written with bulk_create."""
    period = Period.objects.create(
        code="2025-2028", start_year=2025, end_year=2028, min_cofinancing_pct=Decimal("10")
    )
    organisations = []
    for r in range(regions):
        for s in range(schools_per_region):
            n = r * schools_per_region + s
            organisations.append(
                Organisation(
                    key=f"{n % 100:02d}{LETTERS[(n // 100) % 22]}{LETTERS[(n // 2200) % 22]}{s % 100:02d}",
                    kind="vmbo",
                    name=f"School {n}",
                    city="Utrecht",
                    technical_profiles="BWI;PIE",
                )
            )
        for c in range(companies_per_region):
            organisations.append(
                Organisation(
                    key=f"{10000000 + r * 1000 + c:08d}", kind="company", name=f"Bedrijf {r}-{c}"
                )
            )
        organisations.append(
            Organisation(
                key=f"GM{r + 1000:04d}",
                kind="municipality",
                name=f"Gemeente {r}",
                inhabitants=10000 + r,
            )
        )
    Organisation.objects.bulk_create(organisations)
    by_key = {o.key: o for o in Organisation.objects.all()}
    region_objs = Region.objects.bulk_create(
        Region(sto_number=f"STO{19000 + r}", name=f"Regio {r}", kind="techniek")
        for r in range(regions)
    )
    region_objs = list(Region.objects.order_by("sto_number"))
    members, counts, grants, cofinancing, contributions, convenants, reports = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    schools = [o for o in organisations if o.kind == "vmbo"]
    for r, region in enumerate(region_objs):
        own_schools = schools[r * schools_per_region : (r + 1) * schools_per_region]
        for school in own_schools:
            members.append(
                Membership(
                    region=region, organisation=by_key[school.key], start=datetime.date(2024, 1, 1)
                )
            )
            for index in range(combinations):
                counts.append(
                    StudentCount(
                        organisation=by_key[school.key],
                        reference_date=datetime.date(2024 - index // 40, 10, 1),
                        profile=PROFILES[index % 10],
                        learning_path=PATHS[(index // 10) % 4],
                        students=7 + index,
                    )
                )
        for c in range(companies_per_region):
            company = by_key[f"{10000000 + r * 1000 + c:08d}"]
            members.append(
                Membership(region=region, organisation=company, start=datetime.date(2024, 1, 1))
            )
            cofinancing.append(
                CofinancingCommitment(
                    region=region,
                    organisation=company,
                    year=2025,
                    form="internships",
                    committed=Decimal("1234.56"),
                )
            )
        for year in period.years:
            grants.append(
                Grant(region=region, period=period, year=year, amount=Decimal("4900000.00"))
            )
            reports.append(AnnualReport(region=region, year=year))
        # a contribution is only asked of a member municipality
        members.append(
            Membership(
                region=region,
                organisation=by_key[f"GM{r + 1000:04d}"],
                start=datetime.date(2024, 1, 1),
            )
        )
        contributions.append(
            MunicipalContribution(
                region=region,
                municipality=by_key[f"GM{r + 1000:04d}"],
                year=2025,
                requested=Decimal("23973.00"),
            )
        )
        convenants.append(
            Convenant(
                region=region,
                period=period,
                title=f"Convenant {r}",
                starts=datetime.date(2025, 1, 1),
                ends=datetime.date(2028, 12, 31),
            )
        )
    for model, objs in (
        (Membership, members),
        (StudentCount, counts),
        (Grant, grants),
        (CofinancingCommitment, cofinancing),
        (MunicipalContribution, contributions),
        (Convenant, convenants),
        (AnnualReport, reports),
    ):
        model.objects.bulk_create(objs)
    signatures = [
        Signature(
            convenant=c,
            organisation_id=m.organisation_id,
            signed_on=datetime.date(2024, 9, 1),
            signatory="J. de Vries",
        )
        for c in Convenant.objects.all()
        for m in Membership.objects.filter(region_id=c.region_id)[:3]
    ]
    Signature.objects.bulk_create(signatures)
    build_plans(period, region_objs, schools, schools_per_region)


def build_plans(period, regions, schools, schools_per_region):
    """A plan per region with two goals, an activity per school serving both, a risk, the
    teacher table and a budget line per school and year."""
    plans = Plan.objects.bulk_create(
        Plan(region=region, period=period, requested=Decimal("4900000.00"), summary="Kort.")
        for region in regions
    )
    plans = list(Plan.objects.order_by("region__sto_number"))
    Goal.objects.bulk_create(
        Goal(
            plan=plan,
            code=code,
            theme="dekkend",
            description="d",
            milestone_2y="2",
            milestone_4y="4",
        )
        for plan in plans
        for code in ("D1", "K1")
    )
    by_key = dict(Organisation.objects.values_list("key", "pk"))
    activities, risks, teachers, lines = [], [], [], []
    for r, plan in enumerate(plans):
        own = schools[r * schools_per_region : (r + 1) * schools_per_region]
        for n, school in enumerate(own):
            activities.append(
                Activity(
                    plan=plan,
                    code=f"A{n}",
                    title="Techniekweek",
                    starts=datetime.date(2025, 3, 1),
                    ends=datetime.date(2025, 3, 7),
                    result="r",
                    owner_id=by_key[school.key],
                )
            )
            lines.extend(
                BudgetLine(
                    plan=plan,
                    year=year,
                    organisation_id=by_key[school.key],
                    personnel=Decimal("1000.00"),
                )
                for year in period.years
            )
        risks.append(
            Risk(
                plan=plan,
                risk="Uitval",
                likelihood="klein",
                impact="groot",
                measure="m",
                owner_id=by_key[own[0].key],
            )
        )
        teachers.append(TeacherShortage(plan=plan, profile="PIE", qualified=3))
    for model, objs in (
        (Activity, activities),
        (Risk, risks),
        (TeacherShortage, teachers),
        (BudgetLine, lines),
    ):
        model.objects.bulk_create(objs)
    through = Activity.goals.through
    through.objects.bulk_create(
        through(activity_id=activity.pk, goal_id=goal.pk)
        for activity in Activity.objects.all()
        for goal in Goal.objects.filter(plan_id=activity.plan_id)
    )


def empty_database():
    # QuerySet.delete() sends a signal per row (django-simple-history records each deletion),
    # which is slow and not what is measured here: delete with raw SQL.
    for model in (
        Activity.goals.through,
        BudgetLine,
        TeacherShortage,
        Risk,
        Activity,
        Goal,
        Plan,
        Signature,
        Convenant,
        AnnualReport,
        Grant,
        CofinancingCommitment,
        MunicipalContribution,
        StudentCount,
        Membership,
        Region,
        Organisation,
        Period,
    ):
        model.objects.all()._raw_delete(connection.alias)


def export_and_empty() -> bytes:
    buffer = io.BytesIO()
    export_workbook(buffer)
    empty_database()
    return buffer.getvalue()


def queries_of(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries)


def test_export_and_import_queries_do_not_grow_with_the_rows():
    system_actor()  # an import without a person is recorded as the system account; it exists
    measured = []
    # Both sizes fit in one bulk batch per sheet, so the counts must be equal.
    for regions, schools, combinations in ((1, 1, 2), (3, 3, 8)):
        build_national(regions, schools, companies_per_region=2, combinations=combinations)
        export_queries = queries_of(lambda: export_workbook(io.BytesIO()))
        data = export_and_empty()
        import_queries = queries_of(lambda data=data: import_workbook(io.BytesIO(data)))
        again_queries = queries_of(lambda data=data: import_workbook(io.BytesIO(data)))
        measured.append((export_queries, import_queries, again_queries))
        assert StudentCount.objects.count() == regions * schools * combinations
        assert Activity.goals.through.objects.count() == regions * schools * 2
        assert BudgetLine.objects.count() == regions * schools * 4
        empty_database()
    assert measured[0] == measured[1]
    export_queries, import_queries, again_queries = measured[0]
    assert export_queries == 18  # one per sheet (the assessments: one more once there are reviews)
    # a savepoint and its release; the keys in the database for validation (4) and for writing
    # (6: with the current plans and their goals); the rows already there, once per sheet (17);
    # per sheet one bulk insert and one for its history (34); for the activities' goals the
    # links already there, one insert and one for their history (3); the keys of periods,
    # organisations, regions, convenants, plans and goals again after they were written (6)
    # ... and the system account that records the import (1)
    assert import_queries == 2 + 4 + 6 + 17 + 34 + 3 + 6 + 1
    # nothing to write the second time; the activities' goals are compared with the links there
    assert again_queries == 2 + 4 + 6 + 17 + 1 + 1


@pytest.mark.slow
def test_the_national_data_set_exports_and_imports_back_whole():
    """A data set of national size (78 regions, ~30,000 student counts) goes out and comes back
    row for row. How long that takes is measured in bench/ (docs/benchmarks.md), not here."""
    build_national(78, 24, 2)  # 1,872 schools, 156 companies, 78 municipalities
    assert Organisation.objects.count() == 2106
    assert StudentCount.objects.count() == 29_952  # 1,872 locations x 16

    data = export_and_empty()
    summary = import_workbook(io.BytesIO(data))

    assert summary["student_counts"].created == StudentCount.objects.count() == 29_952
    assert summary["organisations"].created == Organisation.objects.count()
    assert summary["plans"].created == Plan.objects.count() == 78
    assert summary["activities"].created == Activity.objects.count() == 1872
    assert Activity.goals.through.objects.count() == 2 * 1872
    assert summary["budget_lines"].created == BudgetLine.objects.count() == 4 * 1872
