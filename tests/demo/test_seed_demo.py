"""``manage.py seed_demo``: the national demo data set matches the monitor (seeds 004), breaks the
rules it says it breaks and no others, creates the demo users, and is deterministic.

The command runs once for the whole module (about 10 s) inside a transaction that is rolled back
at the end; every test runs in a savepoint inside it.
"""

import datetime as dt
import hashlib
import io
import json
import statistics
from collections import defaultdict
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from simple_history.models import HistoricalChanges
from stdnum.nl import brin

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
from demo.breakers import RULE_BREAKERS
from demo.figures import REFERENCE_DAY
from demo.generate import build_dataset
from demo.management.commands import seed_demo
from demo.plans import STATUSES
from plans.models import (
    SECTION_FIELDS,
    Activity,
    BudgetLine,
    Goal,
    Plan,
    Risk,
    TeacherShortage,
)
from regions.identifiers import validate_organisation_key
from regions.models import (
    TECHNICAL_PROFILES,
    AnnualReport,
    Convenant,
    ManagerAssignment,
    Membership,
    OfficerAssignment,
    Organisation,
    Period,
    Region,
    Signature,
    StudentCount,
)
from regions.roles import Role, user_roles
from regions.selectors import regions_visible_to

PASSWORD = "pw"
DAY = REFERENCE_DAY  # "today" of the data set; every deadline below is before it
DEMO_USERNAMES = (
    "programmamanager",
    "gemeente",
    "beoordelaar",
    "beoordelaar2",
    "coordinator",
    "beheerder",
)
BIJLAGE_A_EXTRAS = {
    "STO19012",
    "STO19041",
    "STO19056",
    "STO19062",
    "STO19067",
    "STO19068",
    "STO19070",
}

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The command's output; the data stays in the database until the module is done."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            out = io.StringIO()
            call_command("seed_demo", password=PASSWORD, stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


def bijlage_a_numbers() -> set[str]:
    return set(Region.objects.values_list("sto_number", flat=True)) - BIJLAGE_A_EXTRAS


# -- regions -------------------------------------------------------------------------------------


def test_78_regions_with_the_numbers_and_penvoerders_of_bijlage_a(seeded):
    assert Region.objects.count() == 78
    assert Region.objects.filter(kind="techniek").count() == 73
    assert Region.objects.filter(kind="techniekarm").count() == 5
    numbers = set(Region.objects.values_list("sto_number", flat=True))
    # 19001–19078: Bijlage A lacks exactly the seven extra numbers
    assert numbers == {f"STO{n}" for n in range(19001, 19079)}
    leads = dict(Region.objects.values_list("sto_number", "lead__name"))
    assert leads["STO19040"] == "Esprit Scholen"
    assert (
        leads["STO19001"] == "Openbare Scholengemeenschap Winkler Prins voor ATH HAVO MAVO VBO LWOO"
    )
    assert leads["STO19037"] == "CGS Comenius-Zamenhof"
    assert leads["STO19064"] == "Scholengemeenschap Bonaire"
    assert leads["STO19078"] == (
        "NUOVO scholengroep openbaar vmbo mavo havo vwo - loc. X11media en vormgeving"
    )
    assert all("*" not in name and "#" not in name for name in leads.values())
    assert Region.objects.get(sto_number="STO19064").lead.city == "Kralendijk"  # the BES region
    amstelland = Region.objects.get(name="Amstelland")
    assert amstelland.sto_number in BIJLAGE_A_EXTRAS
    assert "bewust een regel" in seeded


def test_partners_per_region_follow_tabel_2_1(seeded):
    per_kind: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = Membership.objects.current_on(DAY).values_list(
        "region__sto_number", "organisation__kind"
    )
    for sto, kind in rows:
        per_kind[sto][kind] += 1
    bijlage_a = bijlage_a_numbers()
    assert len(bijlage_a) == 71

    def column(kind: str) -> list[int]:
        return [per_kind[sto][kind] for sto in bijlage_a]

    totals = [sum(v for k, v in per_kind[sto].items() if k != "po") for sto in bijlage_a]
    assert (min(totals), max(totals)) == (8, 108)
    assert 22 <= statistics.mean(totals) <= 28
    assert (min(column("vmbo")), max(column("vmbo")), sum(column("vmbo"))) == (2, 35, 531)
    assert (min(column("mbo")), max(column("mbo")), sum(column("mbo"))) == (1, 4, 136)
    assert (min(column("company")), max(column("company")), sum(column("company"))) == (1, 84, 922)
    assert sum(1 for n in column("po") if n) == 23
    assert sum(1 for n in column("municipality") if n) == 42
    assert sum(column("hbo")) == 4
    all_totals = [sum(v for k, v in kinds.items() if k != "po") for kinds in per_kind.values()]
    assert len(all_totals) == 78 and min(all_totals) >= 8 and max(all_totals) <= 108
    # an mbo institution may be in several regions, and some are
    shared_mbo = (
        Membership.objects.filter(organisation__kind="mbo")
        .values("organisation")
        .distinct()
        .count()
    )
    assert shared_mbo < sum(column("mbo"))


def test_subsidy_and_cofinancing_follow_tabel_2_2_and_figuur_2_1(seeded):
    bijlage_a = bijlage_a_numbers()
    subsidy: dict[str, Decimal] = defaultdict(Decimal)
    for sto, amount in Grant.objects.filter(period__code="2020-2023").values_list(
        "region__sto_number", "amount"
    ):
        subsidy[sto] += amount
    cofinancing: dict[str, Decimal] = defaultdict(Decimal)
    for sto, amount in CofinancingCommitment.objects.filter(year__range=(2020, 2023)).values_list(
        "region__sto_number", "committed"
    ):
        cofinancing[sto] += amount
    amounts = [subsidy[s] for s in bijlage_a]
    assert min(amounts) == pytest.approx(Decimal("1399000"), rel=Decimal("0.03"))
    assert max(amounts) == pytest.approx(Decimal("19130000"), rel=Decimal("0.03"))
    assert sum(amounts) == pytest.approx(Decimal("347983000"), rel=Decimal("0.01"))
    assert sum(cofinancing[s] for s in bijlage_a) == pytest.approx(
        Decimal("52022000"), rel=Decimal("0.02")
    )

    pct = {s: 100 * cofinancing[s] / subsidy[s] for s in bijlage_a}
    assert min(pct.values()) >= 10
    assert max(pct.values()) == pytest.approx(47, abs=0.5)
    assert sum(1 for p in pct.values() if 10 <= p < 15) == 46
    assert sum(1 for p in pct.values() if 15 <= p <= 25) == 20
    assert sum(1 for p in pct.values() if p > 25) == 5
    every = [100 * cofinancing[s] / subsidy[s] for s in subsidy]
    assert len(every) == 78 and 10 <= min(every) and max(every) <= 47.5
    # 2024: at most 25 % of the 2020–2023 total; techniekarme regio's at most € 4 M in 2025–2028
    for sto, amount in Grant.objects.filter(year=2024).values_list("region__sto_number", "amount"):
        assert amount <= subsidy[sto] / 4
    arm: dict[str, Decimal] = defaultdict(Decimal)
    for sto, amount in Grant.objects.filter(
        period__code="2025-2028", region__kind="techniekarm"
    ).values_list("region__sto_number", "amount"):
        arm[sto] += amount
    assert len(arm) == 5 and max(arm.values()) <= 4_000_000


def test_every_organisation_key_is_valid_for_its_kind(seeded):
    organisations = list(
        Organisation.objects.values_list("kind", "key", "technical_profiles", "inhabitants")
    )
    assert len(organisations) > 1500
    for kind, key, profiles, inhabitants in organisations:
        assert validate_organisation_key(kind, key) == key
        if kind in ("vmbo", "po", "vso", "pro"):
            assert len(key) == 6 and brin.is_valid(key)
        elif kind in ("mbo", "hbo"):
            assert len(key) == 4 and brin.is_valid(key)
        elif kind == "company":
            assert len(key) == 8 and key.isdigit()
        else:
            assert kind == "municipality" and key.startswith("GM") and len(key) == 6
        assert (inhabitants is not None) == (kind == "municipality")
        if profiles:
            assert kind == "vmbo" and set(profiles.split(";")) <= set(TECHNICAL_PROFILES)
    assert Organisation.objects.get(key="GM0362").name == "Gemeente Amstelveen"


def test_student_counts_on_1_october_2019_to_2025(seeded):
    dates = sorted(set(StudentCount.objects.values_list("reference_date", flat=True)))
    assert dates == [dt.date(year, 10, 1) for year in range(2019, 2026)]
    counted = set(StudentCount.objects.values_list("organisation__key", flat=True))
    vmbo = set(Organisation.objects.filter(kind="vmbo").values_list("key", flat=True))
    assert counted == vmbo
    # technical students only where the location offers the profile
    offers = dict(Organisation.objects.filter(kind="vmbo").values_list("key", "technical_profiles"))
    for key, profile in (
        StudentCount.objects.filter(profile__in=TECHNICAL_PROFILES)
        .values_list("organisation__key", "profile")
        .distinct()
    ):
        assert profile in offers[key].split(";")


# -- rules: only the regions that break one on purpose -----------------------------------------


def _current_members():
    members = defaultdict(list)
    for sto, key, kind, profiles in Membership.objects.current_on(DAY).values_list(
        "region__sto_number",
        "organisation__key",
        "organisation__kind",
        "organisation__technical_profiles",
    ):
        members[sto].append((key, kind, profiles))
    return members


def test_exactly_the_listed_regions_break_a_rule(seeded):
    members = _current_members()
    kinds = dict(Region.objects.values_list("sto_number", "kind"))
    leads = dict(Region.objects.values_list("sto_number", "lead__key"))
    found: dict[str, set[str]] = defaultdict(set)
    region_of_vmbo = defaultdict(set)
    for sto, rows in members.items():
        technical_vmbo = [k for k, kind, p in rows if kind == "vmbo" and p]
        if kinds[sto] == "techniek" and len(technical_vmbo) < 2:
            found["min_vmbo_locations"].add(sto)
        if not any(kind == "mbo" for _, kind, _ in rows):
            found["min_mbo"].add(sto)
        if not any(kind == "company" for _, kind, _ in rows):
            found["min_company"].add(sto)
        if leads[sto] not in technical_vmbo:
            found["lead_technical_vmbo"].add(sto)
        for key, kind, _ in rows:
            if kind == "vmbo":
                region_of_vmbo[key].add(sto)
    for regions in region_of_vmbo.values():
        if len(regions) > 1:
            found["vmbo_single_region"] |= regions

    latest = dt.date(2025, 10, 1)
    for sto in [s for s, k in kinds.items() if k == "techniekarm"]:
        keys = [k for k, kind, _ in members[sto] if kind == "vmbo"]
        counts = StudentCount.objects.filter(
            organisation__key__in=keys, reference_date=latest, learning_path__in=("BB", "KB", "GL")
        ).values_list("profile", "students")
        technical = sum(n for p, n in counts if p in TECHNICAL_PROFILES)
        if technical * 10 > sum(n for _, n in counts):
            found["techniekarm_share"].add(sto)

    minimum = dict(Period.objects.values_list("code", "min_cofinancing_pct"))
    grants, committed = defaultdict(Decimal), defaultdict(Decimal)
    for sto, period, amount in Grant.objects.values_list(
        "region__sto_number", "period__code", "amount"
    ):
        grants[(sto, period)] += amount
    years = {y: p.code for p in Period.objects.all() for y in p.years}
    for sto, year, amount in CofinancingCommitment.objects.values_list(
        "region__sto_number", "year", "committed"
    ):
        committed[(sto, years[year])] += amount
    for (sto, period), amount in grants.items():
        if committed[(sto, period)] * 100 < amount * minimum[period]:
            found["cofinancing_share"].add(sto)

    signed = {
        (sto, period, key): on
        for sto, period, key, on in Signature.objects.values_list(
            "convenant__region__sto_number",
            "convenant__period__code",
            "organisation__key",
            "signed_on",
        )
    }
    for convenant in Convenant.objects.select_related("region", "period"):
        sto, period = convenant.region.sto_number, convenant.period.code
        assert convenant.ends == convenant.period.end_date  # convenant_period
        assert convenant.signing_deadline < DAY
        for key, _, _ in members[sto]:
            if signed.get((sto, period, key)) is None:
                found["convenant_unsigned"].add(sto)

    reports = set(
        AnnualReport.objects.filter(submitted_on__isnull=False).values_list(
            "region__sto_number", "year"
        )
    )
    for sto, year in Grant.objects.values_list("region__sto_number", "year"):
        if dt.date(year + 1, 6, 1) < DAY and (sto, year) not in reports:
            found["annual_report_overdue"].add(sto)

    for plan in Plan.objects.select_related("region", "period"):
        late_draft = plan.status == "draft" and plan.period.plan_deadline < DAY
        late_improvement = plan.status == "to_improve" and plan.resubmission_deadline < DAY
        if late_draft or late_improvement:
            found["plan_overdue"].add(plan.region.sto_number)

    expected = defaultdict(set)
    for breaker in RULE_BREAKERS:
        expected[breaker.rule] |= set(breaker.sto_numbers)
    assert dict(found) == dict(expected)
    assert len(expected) == 9
    for breaker in RULE_BREAKERS:  # the summary names them all
        assert breaker.rule in seeded and breaker.sto_numbers[0] in seeded


def test_check_rules_reports_exactly_the_listed_rule_breakers(seeded):
    """The rule engine (docs/interfaces.md §2, §3) agrees with the list in the command's docstring."""
    out = io.StringIO()
    call_command("check_rules", today=DAY.isoformat(), json=True, stdout=out)
    reported = {
        (f["rule"], f["region"]) for f in json.loads(out.getvalue()) if f["severity"] == "error"
    }
    expected = {(b.rule, sto) for b in RULE_BREAKERS for sto in b.sto_numbers}
    assert reported == expected
    docstring = " ".join(seed_demo.__doc__.split())
    for rule, sto in expected:
        assert sto in docstring and f"``{rule}``" in docstring


def test_memberships_have_history_of_joins_and_departures(seeded):
    assert Membership.objects.filter(end__isnull=False).count() >= 20
    assert Membership.objects.filter(start__gt=dt.date(2020, 1, 1)).count() >= 20
    # a vmbo location that moved: left one region and joined another the next day
    moved = Membership.objects.filter(organisation__kind="vmbo", end=dt.date(2022, 7, 31)).get()
    assert (
        Membership.objects.get(organisation=moved.organisation, start=dt.date(2022, 8, 1)).end
        is None
    )


# -- Amstelland (seeds 000) -----------------------------------------------------------------------


def test_amstelland_contributions_and_convenant(seeded):
    amstelland = Region.objects.get(name="Amstelland")
    municipalities = set(
        amstelland.memberships.filter(organisation__kind="municipality").values_list(
            "organisation__key", flat=True
        )
    )
    assert municipalities == {"GM0362", "GM0358", "GM0451", "GM0736", "GM0437"}
    contributions = MunicipalContribution.objects.filter(region=amstelland)
    for year in range(2020, 2024):
        assert sum(c.approved for c in contributions.filter(year=year)) == Decimal("45000.00")
    amstelveen = contributions.filter(municipality__key="GM0362")
    assert {c.year: c.approved for c in amstelveen if c.year < 2024} == {
        y: Decimal("19414.00") for y in range(2020, 2024)
    }
    later = amstelveen.filter(year__gte=2025).order_by("year")
    # € 23.973 a year asked for 2025–2028 (€ 95.892); 2025 and 2026 approved, 2027 and 2028
    # still with the demo officer of Amstelveen.
    assert [c.requested for c in later] == [Decimal("23973.00")] * 4
    assert sum(c.requested for c in later) == Decimal("95892.00")
    assert [(c.year, c.status, c.approved) for c in later] == [
        (2025, "approved", Decimal("23973.00")),
        (2026, "approved", Decimal("23973.00")),
        (2027, "requested", None),
        (2028, "requested", None),
    ]
    assert {c.decided_on for c in later if c.status == "approved"} == {dt.date(2024, 9, 24)}
    assert contributions.filter(status="requested", year__gte=2027).exists()  # still to be decided
    convenant = Convenant.objects.get(region=amstelland, period__code="2025-2028")
    assert convenant.signing_deadline == dt.date(2024, 10, 1)
    signature = convenant.signatures.get(organisation__key="GM0362")
    assert (signature.signed_on, signature.signatory) == (dt.date(2024, 9, 25), "F. Berkhout")
    assert sum(
        g.amount for g in Grant.objects.filter(region=amstelland, period__code="2025-2028")
    ) == Decimal("3200000.00")


def test_contributions_have_every_status(seeded):
    statuses = set(MunicipalContribution.objects.values_list("status", flat=True))
    assert statuses == {"requested", "approved", "partly_approved", "rejected"}
    assert not MunicipalContribution.objects.filter(
        status="requested", approved__isnull=False
    ).exists()
    # realised co-financing only for years that are over
    assert not CofinancingCommitment.objects.filter(
        year__gte=DAY.year, realised__isnull=False
    ).exists()
    assert CofinancingCommitment.objects.filter(year=2023, realised__isnull=True).count() == 0
    forms = set(CofinancingCommitment.objects.values_list("form", flat=True))
    assert {"internships", "company_visits", "guest_lessons", "materials", "hours", "cash"} <= forms
    assert (
        CofinancingCommitment.objects.filter(form="cash").count() * 20
        < CofinancingCommitment.objects.count()
    )


# -- plans 2025-2028 (demo/plans.py) ----------------------------------------------------------------


def test_every_region_has_a_plan_for_2025_2028_with_the_documented_status(seeded):
    period = Period.objects.get(code="2025-2028")
    assert period.plan_deadline == dt.date(2024, 10, 1)
    assert Period.objects.exclude(code="2025-2028").filter(plan_deadline__isnull=False).count() == 0
    plans = {p.region.sto_number: p for p in Plan.objects.select_related("region")}
    assert len(plans) == Plan.objects.count() == 78
    assert {p.period_id for p in plans.values()} == {period.pk}
    assert {p.version for p in plans.values()} == {1}
    statuses = {sto: p.status for sto, p in plans.items()}
    # Amstelland was loaded under assessment; the demo's approved decision approved it.
    assert STATUSES["STO19068"] == "under_assessment"
    loaded = {sto: s for sto, s in STATUSES.items() if sto != "STO19068"}
    assert {sto: s for sto, s in statuses.items() if s != "approved"} == loaded
    assert statuses["STO19068"] == "approved"  # Amstelland
    by_status = defaultdict(set)
    for sto, status in statuses.items():
        by_status[status].add(sto)
    assert {s: len(v) for s, v in by_status.items()} == {
        "approved": 60,
        "under_assessment": 4,
        "approved_with_conditions": 7,
        "to_improve": 4,
        "draft": 3,
    }
    assert by_status["draft"] == {"STO19012", "STO19022", "STO19041"}
    assert by_status["to_improve"] == {"STO19014", "STO19029", "STO19052", "STO19074"}
    for plan in plans.values():
        if plan.status == "draft":
            assert plan.submitted_on is None and not plan.current_quality
        else:
            assert dt.date(2024, 9, 1) <= plan.submitted_on <= period.plan_deadline
        assert (plan.resubmission_deadline is not None) == (plan.status == "to_improve")
        if plan.resubmission_deadline:
            assert plan.resubmission_deadline > DAY
        # the regiovisie: every region its own text; the techniekarm sections where they belong
        assert plan.summary and plan.delimitation and plan.running_projects
        assert bool(plan.techniekarm) == bool(plan.techniekarm_goals)
        assert bool(plan.techniekarm) == (plan.region.kind == "techniekarm")
    assert len({p.summary for p in plans.values()}) == 78
    assert "lorem" not in " ".join(p.summary.lower() for p in plans.values())


def test_plans_hold_goals_activities_risks_and_teachers_that_fit(seeded):
    period = Period.objects.get(code="2025-2028")
    goals = defaultdict(dict)
    for sto, code, theme in Goal.objects.values_list("plan__region__sto_number", "code", "theme"):
        goals[sto][code] = theme
    assert len(goals) == 78
    assert all(3 <= len(g) <= 8 and set(g.values()) == set(THEMES) for g in goals.values())
    milestones = Goal.objects.values_list("milestone_2y", "milestone_4y")
    assert all(two and four and two != four for two, four in milestones)

    partners = _partners_during(period)
    activities = defaultdict(list)
    for activity in Activity.objects.select_related("plan__region", "owner").prefetch_related(
        "goals"
    ):
        sto = activity.plan.region.sto_number
        activities[sto].append(activity)
        assert period.contains(activity.starts) and period.contains(activity.ends)
        assert activity.starts <= activity.ends
        assert activity.owner.key in partners[sto], (sto, activity.code)
        served = [g.code for g in activity.goals.all()]
        assert served and set(served) <= set(goals[sto]), (sto, activity.code)
        assert {g.plan_id for g in activity.goals.all()} == {activity.plan_id}
    assert all(5 <= len(a) <= 20 for a in activities.values()) and len(activities) == 78
    for sto, codes in goals.items():  # every goal is served by an activity
        assert set(codes) == {g.code for a in activities[sto] for g in a.goals.all()}, sto
    # bigger regions plan more
    sizes = {sto: len(keys) for sto, keys in partners.items()}
    small = [len(a) for sto, a in activities.items() if sizes[sto] <= 15]
    large = [len(a) for sto, a in activities.items() if sizes[sto] >= 40]
    assert statistics.mean(large) > statistics.mean(small) + 3

    risks = defaultdict(int)
    for sto, owner in Risk.objects.values_list("plan__region__sto_number", "owner__key"):
        risks[sto] += 1
        assert owner in partners[sto]
    assert len(risks) == 78 and all(3 <= n <= 10 for n in risks.values())
    teachers = defaultdict(set)
    for sto, profile in TeacherShortage.objects.values_list("plan__region__sto_number", "profile"):
        teachers[sto].add(profile)
    assert all(profiles == set(TECHNICAL_PROFILES) for profiles in teachers.values())
    assert len(teachers) == 78


def test_budgets_hold_partners_of_the_region_and_add_up_to_the_requested_amount(seeded):
    period = Period.objects.get(code="2025-2028")
    partners = _partners_during(period)
    per_year = {
        year: _partners_during(period, dt.date(year, 1, 1), dt.date(year, 12, 31))
        for year in period.years
    }
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for sto, year, key, kind, *amounts in BudgetLine.objects.values_list(
        "plan__region__sto_number",
        "year",
        "organisation__key",
        "organisation__kind",
        "personnel",
        "material",
        "overhead",
    ):
        assert year in period.years
        assert key in partners[sto] and key in per_year[year][sto], (sto, year, key)
        assert kind not in ("company", "municipality")
        assert all(amount >= 0 for amount in amounts)
        totals[sto] += sum(amounts)
    grants: dict[str, Decimal] = defaultdict(Decimal)
    for sto, amount in Grant.objects.filter(period=period).values_list(
        "region__sto_number", "amount"
    ):
        grants[sto] += amount
    requested = dict(Plan.objects.values_list("region__sto_number", "requested"))
    assert len(totals) == 78
    for sto, amount in requested.items():
        assert grants[sto] <= amount <= grants[sto] * Decimal("1.06"), sto
        assert abs(totals[sto] - amount) <= amount * Decimal("0.015"), sto
    assert sum(1 for sto in requested if requested[sto] == grants[sto]) >= 50
    assert sum(1 for sto in requested if totals[sto] == requested[sto]) >= 50
    assert requested["STO19068"] == totals["STO19068"] == Decimal("3200000.00")  # Amstelland


THEMES = ("duurzaam", "dekkend", "kwalitatief")


def _partners_during(period, first=None, last=None) -> dict[str, set[str]]:
    """STO number -> keys of the region's partners at some moment of the span (default: the
    period), by the one definition ``Membership.objects.during``."""
    found = defaultdict(set)
    for sto, key in Membership.objects.during(
        first or period.first_day, last or period.end_date
    ).values_list("region__sto_number", "organisation__key"):
        found[sto].add(key)
    return found


# -- users -----------------------------------------------------------------------------------------


def test_one_demo_user_per_role_with_the_given_password(seeded, client):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=DEMO_USERNAMES)}
    assert set(users) == set(DEMO_USERNAMES)
    assert user_roles(users["programmamanager"]) == {Role.PROGRAMME_MANAGER.value}
    assert user_roles(users["gemeente"]) == {Role.MUNICIPAL_OFFICER.value}
    assert user_roles(users["beoordelaar"]) == {Role.REVIEWER.value}
    assert user_roles(users["beoordelaar2"]) == {Role.REVIEWER.value}
    assert user_roles(users["coordinator"]) == {Role.REVIEWER.value, Role.COORDINATOR.value}
    assert Role.ADMINISTRATOR.value in user_roles(users["beheerder"])
    assert users["beheerder"].is_staff and users["beheerder"].is_superuser
    assert not any(users[name].is_staff for name in ("programmamanager", "gemeente", "beoordelaar"))

    assert ManagerAssignment.objects.get(user=users["programmamanager"]).region.name == "Amstelland"
    assert OfficerAssignment.objects.get(user=users["gemeente"]).municipality.key == "GM0362"
    assert [r.name for r in regions_visible_to(users["programmamanager"])] == ["Amstelland"]
    assert [r.name for r in regions_visible_to(users["gemeente"])] == ["Amstelland"]
    assert regions_visible_to(users["beoordelaar"]).count() == 78

    for name in DEMO_USERNAMES:
        assert client.login(username=name, password=PASSWORD), name
        client.logout()
    assert not client.login(username="beheerder", password="demo")
    assert f"wachtwoord: {PASSWORD}" in seeded
    assert all(name in seeded for name in DEMO_USERNAMES)


# -- history, --if-empty, determinism -----------------------------------------------------------


def _seeded_models():
    for label in ("regions", "cofinancing", "plans"):
        for model in apps.get_app_config(label).get_models():
            if not issubclass(model, HistoricalChanges) and hasattr(model, "history"):
                yield model


def test_every_row_has_a_history_record(seeded):
    checked = 0
    for model in _seeded_models():
        rows = model.objects.count()
        checked += rows
        created = model.history.filter(history_type="+")
        assert created.count() == rows, model.__name__
        assert not model.objects.exclude(pk__in=created.values("id")).exists(), model.__name__
        assert not created.exclude(history_change_reason="seed_demo").exists(), model.__name__
    assert checked > 60_000


SNAPSHOT = {
    Period: ("code", "start_year", "end_year", "min_cofinancing_pct"),
    Organisation: ("key", "kind", "name", "city", "technical_profiles", "inhabitants"),
    Region: ("sto_number", "name", "kind", "lead__key"),
    Membership: ("region__sto_number", "organisation__key", "start", "end"),
    StudentCount: ("organisation__key", "reference_date", "profile", "learning_path", "students"),
    Grant: ("region__sto_number", "period__code", "year", "amount"),
    CofinancingCommitment: (
        "region__sto_number",
        "organisation__key",
        "year",
        "form",
        "committed",
        "realised",
    ),
    MunicipalContribution: (
        "region__sto_number",
        "municipality__key",
        "year",
        "requested",
        "approved",
        "status",
        "decided_on",
        "purpose",
    ),
    Convenant: (
        "region__sto_number",
        "period__code",
        "title",
        "starts",
        "ends",
        "signing_deadline",
    ),
    Signature: (
        "convenant__region__sto_number",
        "convenant__period__code",
        "organisation__key",
        "signed_on",
        "signatory",
        "function",
    ),
    AnnualReport: ("region__sto_number", "year", "submitted_on", "activities"),
    Plan: (
        "region__sto_number",
        "period__code",
        "version",
        "status",
        "submitted_on",
        "requested",
        "resubmission_deadline",
        *SECTION_FIELDS,
    ),
    Goal: ("plan__region__sto_number", "code", "theme", "description", "milestone_2y"),
    Activity: (
        "plan__region__sto_number",
        "code",
        "title",
        "starts",
        "ends",
        "result",
        "owner__key",
        "goals__code",
    ),
    Risk: ("plan__region__sto_number", "risk", "likelihood", "impact", "measure", "owner__key"),
    TeacherShortage: (
        "plan__region__sto_number",
        "profile",
        "qualified",
        "to_train",
        "needing_training",
        "to_replace",
    ),
    BudgetLine: (
        "plan__region__sto_number",
        "year",
        "organisation__key",
        "personnel",
        "material",
        "overhead",
    ),
    ManagerAssignment: ("user__username", "region__sto_number"),
    OfficerAssignment: ("user__username", "municipality__key"),
}


def snapshot() -> dict[str, str]:
    """A digest per table of the sorted rows by natural key (no primary keys)."""
    digests = {}
    for model, fields in SNAPSHOT.items():
        rows = sorted(repr(row) for row in model.objects.values_list(*fields))
        digests[model.__name__] = (
            f"{len(rows)}:" + hashlib.sha256("\n".join(rows).encode()).hexdigest()
        )
    return digests


def test_if_empty_leaves_a_seeded_database_untouched(seeded):
    before = snapshot()
    history_before = Organisation.history.count()
    out = io.StringIO()
    call_command("seed_demo", if_empty=True, password="other", stdout=out)
    assert "laat die ongemoeid" in out.getvalue()
    with pytest.raises(CommandError, match="lege"):
        call_command("seed_demo", password="other", stdout=io.StringIO())
    assert snapshot() == before
    assert Organisation.history.count() == history_before
    assert get_user_model().objects.get(username="gemeente").check_password(PASSWORD)


def test_the_same_seed_gives_the_same_data_in_a_fresh_database(seeded):
    first = snapshot()
    assert first["Region"].startswith("78:")
    with transaction.atomic():
        # empty every table the command fills, then seed again: the assessment first, which
        # refers to the plans and the demo reviewers
        assessment_tables = [
            table
            for model in apps.get_app_config("assessment").get_models()
            if not issubclass(model, HistoricalChanges)
            for table in (model._meta.db_table, model.history.model._meta.db_table)
        ]
        with connection.cursor() as cursor:
            for table in assessment_tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
        get_user_model().objects.filter(username__in=DEMO_USERNAMES).delete()
        tables = [
            table
            for model in _seeded_models()
            for table in (model._meta.db_table, model.history.model._meta.db_table)
        ]
        # an activity's goals and their history
        tables += [Activity.goals.through._meta.db_table, "plans_historicalactivity_goals"]
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
        assert not Region.objects.exists() and not Period.objects.exists()
        call_command("seed_demo", password=PASSWORD, stdout=io.StringIO())
        second = snapshot()
        transaction.set_rollback(True)
    assert second == first


def test_the_data_set_depends_on_the_seed_only():
    a, b = build_dataset(2020), build_dataset(2020)
    assert a == b
    other = build_dataset(7)
    assert other.organisations != a.organisations
    assert [r.sto_number for r in other.regions] == [r.sto_number for r in a.regions]


def test_seed_then_export_workbook_gives_78_regions(seeded, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "sto.xlsx"
    call_command("export_workbook", str(path), stdout=io.StringIO())
    workbook = load_workbook(path, read_only=True)
    rows = list(workbook["regions"].iter_rows(values_only=True))
    assert rows[0][:4] == ("sto_number", "name", "kind", "lead_key")
    assert len(rows) - 1 == 78
    assert {r[0] for r in rows[1:]} == {f"STO{n}" for n in range(19001, 19079)}
    # The demo data is valid input: importing it back changes nothing.
    history_before = Organisation.history.count()
    call_command("import_workbook", str(path), stdout=io.StringIO())
    assert Organisation.history.count() == history_before


# -- the assessment of the techniekarme regio's ------------------------------------------------


def test_the_techniekarm_applications_are_assessed_by_two_reviewers(seeded):
    from assessment.framework import SUB_ASPECT_CODES
    from assessment.models import Judgement, Review

    reviews = Review.objects.select_related("plan__region", "reviewer")
    assert {r.plan.region.kind for r in reviews} == {"techniekarm"}
    by_region = defaultdict(set)
    for review in reviews:
        assert review.is_submitted and review.reviewer is not None
        by_region[review.plan.region.sto_number].add(review.reviewer.username)
    assert by_region == {
        sto: {"beoordelaar", "beoordelaar2"}
        for sto in ("STO19004", "STO19035", "STO19040", "STO19068", "STO19078")
    }
    judgements = Judgement.objects.select_related("sub_aspect")
    assert judgements.count() == 5 * 2 * len(SUB_ASPECT_CODES)
    assert not judgements.filter(note="").exists()
    assert not judgements.filter(score__isnull=True).exists()
    (failed,) = judgements.filter(minimum_met=False).select_related("review__plan__region")
    assert (failed.review.plan.region.name, failed.review.reviewer.username) == (
        "Utrecht-West",
        "beoordelaar2",
    )
    assert failed.sub_aspect.code == "cofinanciering" and "cofinanciering" in failed.reason
    record = failed.history.get()  # read in through assessment.services.review_import
    assert (record.history_change_reason, record.history_user) == ("beoordeling ingelezen", None)


def test_the_ranking_has_a_tie_broken_on_dekkend_and_a_failed_minimum(seeded):
    from assessment.models import Ceiling, LotDraw
    from assessment.ranking import rank

    period = Period.objects.get(code="2025-2028")
    ceiling = Ceiling.objects.get(period=period)
    assert ceiling.set_by.username == "coordinator"
    ranking = rank(period, ceiling.amount, framework=None, lots=None)
    assert [
        (a.rank, a.region.name, a.total_score, a.tie_break_score, a.status)
        for a in ranking.applications
    ] == [
        (1, "Amstelland", Decimal("78.50"), Decimal("24.00"), "funded"),
        (2, "Amsterdam", Decimal("71.00"), Decimal("22.00"), "funded"),
        (3, "Rijswijk-Delft", Decimal("67.00"), Decimal("22.00"), "partly_funded"),
        (4, "Gooi en Vechtstreek", Decimal("67.00"), Decimal("19.50"), "not_funded"),
        (None, "Utrecht-West", Decimal("62.50"), Decimal("19.00"), "rejected_minimum"),
    ]
    assert (
        ranking.applications[2]
        .why[0]
        .startswith(
            "Gelijke totaalscore als Gooi en Vechtstreek; hogere score op criterium dekkend"
        )
    )
    assert not LotDraw.objects.exists()  # the tie is broken on dekkend
    assert ranking.awarded == ceiling.amount  # the ceiling is used up


def test_amstellands_decision_is_approved_with_four_eyes(seeded):
    from assessment.models import Decision
    from assessment.selectors import decision_in_force

    (decision,) = Decision.objects.select_related("plan__region", "proposed_by", "approved_by")
    assert decision.plan.region.name == "Amstelland"
    assert (decision.outcome, decision.awarded) == ("approved", decision.plan.requested)
    assert (decision.proposed_by.username, decision.approved_by.username) == (
        "coordinator",
        "beoordelaar",
    )
    assert decision_in_force(decision.plan) == decision
    assert [h.history_user.username for h in decision.history.order_by("history_id")] == [
        "coordinator",
        "beoordelaar",
    ]
