"""A small but realistic data set for the browser tests, built with ``tests.factories``.

Five regions in the 2025-2028 period (10 % co-financing minimum), chosen so that the reviewer's
filters give different, known selections:

| STO      | name                 | kind        | co-financing 2025-2028 | open findings          |
| -------- | -------------------- | ----------- | ---------------------- | ---------------------- |
| STO19040 | Amstelland           | techniek    | 12,5 % (10-15 %)       | 1 warning              |
| STO19041 | Zaanstreek           | techniek    | 5,0 % (below minimum)  | 1 error                |
| STO19042 | Noordoost-Friesland  | techniekarm | 30,0 % (25 % or more)  | 1 warning              |
| STO19043 | Zeeuws-Vlaanderen    | techniekarm | 8,0 % (below minimum)  | 1 error                |
| STO19044 | Gooi en Vechtstreek  | techniek    | 18,0 % (15-20 %)       | none                   |

Amstelland (seeds 000) is the programme manager's region, with schools, an mbo college, two
companies (one left in 2023), its five municipalities (inhabitants such that Amstelveen's share of
€ 45.000 is € 23.973), student counts, a 2025-2028 convenant whose signing deadline is three weeks
away and not yet signed by everyone, and the annual report over last year still to be submitted.
The municipal officer works for Amstelveen: one contribution waits for a decision, an earlier one
was approved, and Aalsmeer's contribution to the same region is not theirs to see.

Users (one per role, as ``seed_demo`` names them; password ``conftest.PASSWORD``):
``programmamanager``, ``gemeente``, ``beoordelaar``, ``beheerder``.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.utils import timezone

from cofinancing.models import CofinancingCommitment, MunicipalContribution
from regions.models import (
    Convenant,
    Finding,
    ManagerAssignment,
    Membership,
    OfficerAssignment,
    Organisation,
    Period,
    Region,
)
from regions.roles import Role
from tests import world
from tests.factories import (
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
)

from .conftest import PASSWORD

OWN = "STO19040"
# (sto_number, name, kind, lead name, lead key, city, grants per year, committed per year,
#  open finding (rule, severity) or None)
REGIONS = [
    (
        OWN,
        "Amstelland",
        "techniek",
        "Amstelveen College",
        "21AB00",
        "Amstelveen",
        Decimal("1000000"),
        (Decimal("110000"), Decimal("125000")),
        ("convenant_deadline_near", "warning"),
    ),
    (
        "STO19041",
        "Zaanstreek",
        "techniek",
        "Zaanlands Techniek",
        "22CD00",
        "Zaandam",
        Decimal("1000000"),
        (Decimal("50000"), Decimal("50000")),
        ("cofinancing_share", "error"),
    ),
    (
        "STO19042",
        "Noordoost-Friesland",
        "techniekarm",
        "Dockinga College",
        "23EF00",
        "Dokkum",
        Decimal("750000"),
        (Decimal("225000"), Decimal("225000")),
        ("convenant_deadline_near", "warning"),
    ),
    (
        "STO19043",
        "Zeeuws-Vlaanderen",
        "techniekarm",
        "Zwin College",
        "24GH00",
        "Oostburg",
        Decimal("500000"),
        (Decimal("40000"), Decimal("40000")),
        ("convenant_unsigned", "error"),
    ),
    (
        "STO19044",
        "Gooi en Vechtstreek",
        "techniek",
        "Huizermaat",
        "26JK00",
        "Huizen",
        Decimal("600000"),
        (Decimal("108000"), Decimal("108000")),
        None,
    ),
]
GRANT_YEARS = (2025, 2026)


# What the reviewer's filters must select (STO numbers, sorted).
TECHNIEKARM_WITH_FINDINGS = ["STO19042", "STO19043"]
BELOW_MINIMUM = ["STO19041", "STO19043"]
TECHNIEK_WITHOUT_FINDINGS = ["STO19044"]


@dataclass
class Scenario:
    today: datetime.date
    period: Period
    regions: dict[str, Region]
    lead: Organisation
    second_vmbo: Organisation
    mbo: Organisation
    company: Organisation
    former_company: Organisation
    municipalities: dict[str, Organisation]
    convenant: Convenant
    contribution: MunicipalContribution
    earlier_contribution: MunicipalContribution
    other_contribution: MunicipalContribution
    commitment: CofinancingCommitment
    manager: object
    officer: object
    reviewer: object
    administrator: object
    users: dict[str, object] = field(default_factory=dict)

    @property
    def region(self) -> Region:
        return self.regions[OWN]


def _user(username: str, role: Role, **extra):
    user = UserFactory(
        username=username,
        role=role,
        first_name=extra.pop("first_name", ""),
        last_name=extra.pop("last_name", ""),
        **extra,
    )
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def build_scenario(today: datetime.date | None = None) -> Scenario:
    """Create the data set described in the module docstring; return handles to its rows."""
    today = today or timezone.localdate()
    period = PeriodFactory(
        code="2025-2028", start_year=2025, end_year=2028, min_cofinancing_pct=Decimal("10")
    )
    joined = datetime.date(2020, 1, 1)
    regions: dict[str, Region] = {}
    for sto, name, kind, lead_name, lead_key, city, grant, committed, finding in REGIONS:
        lead = OrganisationFactory(
            kind="vmbo", key=lead_key, name=lead_name, city=city, technical_profiles="BWI;PIE"
        )
        region = RegionFactory(sto_number=sto, name=name, kind=kind, lead=lead)
        regions[sto] = region
        MembershipFactory(region=region, organisation=lead, start=joined)
        company = OrganisationFactory(company=True, name=f"Techniek {city} B.V.", city=city)
        MembershipFactory(region=region, organisation=company, start=joined)
        for year, amount in zip(GRANT_YEARS, committed, strict=True):
            GrantFactory(region=region, period=period, year=year, amount=grant)
            CofinancingCommitmentFactory(
                region=region, organisation=company, year=year, form="internships", committed=amount
            )
        if finding:
            rule, severity = finding
            Finding.objects.create(
                region=region,
                rule=rule,
                severity=severity,
                message=f"{name}: bevinding van de regel {rule}.",
                first_seen=today - datetime.timedelta(days=7),
                last_seen=today,
            )

    amstelland = regions[OWN]
    lead = amstelland.lead
    second_vmbo = OrganisationFactory(
        kind="vmbo", key="21AB01", name="Panta Rhei", city="Amstelveen", technical_profiles="M&T"
    )
    mbo = OrganisationFactory(mbo=True, key="25LX", name="ROC van Amsterdam", city="Amsterdam")
    company = OrganisationFactory(
        company=True, key="12345678", name="Bouwbedrijf Amstel B.V.", city="Amstelveen"
    )
    former_company = OrganisationFactory(
        company=True, key="87654321", name="Installatietechniek Uithoorn B.V.", city="Uithoorn"
    )
    for organisation in (second_vmbo, mbo, company):
        MembershipFactory(region=amstelland, organisation=organisation, start=joined)
    MembershipFactory(
        region=amstelland, organisation=former_company, start=joined, end=datetime.date(2023, 7, 31)
    )
    municipalities = world.municipalities()
    for municipality in municipalities.values():
        MembershipFactory(region=amstelland, organisation=municipality, start=joined)

    reference = datetime.date(2025, 10, 1)
    for organisation, profile, path, students in (
        (lead, "BWI", "BB", 42),
        (lead, "BWI", "KB", 35),
        (lead, "PIE", "GL", 28),
        (second_vmbo, "M&T", "KB", 31),
        (second_vmbo, "Z&W", "TL", 54),
    ):
        StudentCountFactory(
            organisation=organisation,
            reference_date=reference,
            profile=profile,
            learning_path=path,
            students=students,
        )

    commitment = CofinancingCommitmentFactory(
        region=amstelland,
        organisation=company,
        year=2025,
        form="guest_lessons",
        committed=Decimal("15000"),
        realised=Decimal("12500"),
    )

    convenant = ConvenantFactory(
        region=amstelland,
        period=period,
        title="Samenwerkingsovereenkomst Amstelland 2025-2028",
        starts=datetime.date(2025, 1, 1),
        ends=datetime.date(2028, 12, 31),
        signing_deadline=today + datetime.timedelta(days=21),
    )
    SignatureFactory(
        convenant=convenant,
        organisation=lead,
        signed_on=datetime.date(2024, 9, 12),
        signatory="M. Jansen",
        function="voorzitter college van bestuur",
    )
    SignatureFactory(
        convenant=convenant,
        organisation=mbo,
        signed_on=datetime.date(2024, 9, 20),
        signatory="A. de Boer",
        function="lid college van bestuur",
    )

    amstelveen = municipalities["GM0362"]
    earlier_contribution = MunicipalContributionFactory(
        region=amstelland,
        municipality=amstelveen,
        year=2024,
        requested=Decimal("19414"),
        approved=Decimal("19414"),
        status="approved",
        decided_on=datetime.date(2023, 11, 14),
        purpose="Techniek Driedaagse 2024",
    )
    contribution = MunicipalContributionFactory(
        region=amstelland,
        municipality=amstelveen,
        year=2025,
        requested=Decimal("23973"),
        purpose="Techniek Driedaagse en modernisering van het vmbo-techniekonderwijs",
    )
    other_contribution = MunicipalContributionFactory(
        region=amstelland,
        municipality=municipalities["GM0358"],
        year=2025,
        requested=Decimal("8000"),
        purpose="Bijdrage van Aalsmeer",
    )

    manager = _user(
        "programmamanager", Role.PROGRAMME_MANAGER, first_name="Petra", last_name="Manders"
    )
    ManagerAssignment.objects.create(user=manager, region=amstelland)
    officer = _user("gemeente", Role.MUNICIPAL_OFFICER, first_name="Gert", last_name="Meijer")
    OfficerAssignment.objects.create(user=officer, municipality=amstelveen)
    reviewer = _user("beoordelaar", Role.REVIEWER, first_name="Bea", last_name="Oordeel")
    administrator = _user("beheerder", Role.ADMINISTRATOR, is_staff=True)

    users = {
        "programmamanager": manager,
        "gemeente": officer,
        "beoordelaar": reviewer,
        "beheerder": administrator,
    }
    return Scenario(
        today=today,
        period=period,
        regions=regions,
        lead=lead,
        second_vmbo=second_vmbo,
        mbo=mbo,
        company=company,
        former_company=former_company,
        municipalities=municipalities,
        convenant=convenant,
        contribution=contribution,
        earlier_contribution=earlier_contribution,
        other_contribution=other_contribution,
        commitment=commitment,
        manager=manager,
        officer=officer,
        reviewer=reviewer,
        administrator=administrator,
        users=users,
    )


@pytest.fixture
def scenario(transactional_db, settings) -> Scenario:
    # Four users with the default hasher would cost a second per test; MD5 is fine in tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_scenario()


def current_members(region: Region, day: datetime.date) -> list[str]:
    """Names of the current members of ``region`` on ``day`` (for assertions)."""
    return sorted(
        Membership.objects.current_on(day)
        .filter(region=region)
        .values_list("organisation__name", flat=True)
    )


# --- assertions shared by the browser tests ------------------------------------------------------


def assert_accessible(page, what: str = "") -> None:
    """axe-core (WCAG 2.1 A/AA) finds nothing on the current page; else list what it found."""
    from .conftest import axe_violations

    page.wait_for_load_state()  # after a click the new page may still be loading
    violations = axe_violations(page)
    assert violations == [], f"axe-core on {what or page.url}:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in violations
    )


def assert_field_error(page, field_id: str, text: str) -> None:
    """The error is shown next to the field and tied to it for screen readers."""
    from playwright.sync_api import expect

    page.wait_for_load_state()
    error = page.locator(f"#{field_id}_error")
    expect(error).to_be_visible()
    shown = error.inner_text()
    assert text in shown, f"#{field_id}: expected {text!r}, shown {shown!r}"
    field = page.locator(f"#{field_id}")
    assert field.get_attribute("aria-invalid") == "true"
    assert f"{field_id}_error" in (field.get_attribute("aria-describedby") or "").split()
    # The summary at the top repeats it and links to the field.
    summary = page.get_by_role("alert")
    assert text in summary.inner_text()
    assert summary.locator(f'a[href="#{field_id}"]').count() == 1


def read_xlsx(path) -> dict[str, list[tuple]]:
    """Every sheet of a downloaded workbook as a list of row tuples (row 1 = header)."""
    import io

    import openpyxl

    with open(path, "rb") as handle:  # a download's path has no .xlsx suffix for openpyxl
        content = io.BytesIO(handle.read())
    workbook = openpyxl.load_workbook(content, read_only=True, data_only=True)
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in workbook}
    finally:
        workbook.close()
