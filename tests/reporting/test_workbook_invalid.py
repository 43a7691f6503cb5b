"""Bad workbooks: every problem as ``sheet!row: column: message`` and nothing changes."""

import datetime
import io
from decimal import Decimal

import pytest
from django.apps import apps
from openpyxl import Workbook

from cofinancing.models import MunicipalContribution
from regions.models import Membership, Organisation, Period, Region
from reporting.workbook import SHEETS, WorkbookInvalid, import_workbook
from tests import world
from tests.factories import (
    MembershipFactory,
    PeriodFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def make_workbook(
    sheets: dict[str, list[list]],
    *,
    headers: dict[str, list[str]] | None = None,
    drop: tuple[str, ...] = (),
) -> io.BytesIO:
    """An .xlsx written the way a person would (normal openpyxl mode: '=…' becomes a formula)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in SHEETS:
        if spec.name in drop:
            continue
        ws = workbook.create_sheet(spec.name)
        ws.append((headers or {}).get(spec.name, spec.contract_keys))
        for row in sheets.get(spec.name, []):
            ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def row_counts() -> dict[str, int]:
    """Rows of every model of the data, including the history tables."""
    return {
        model._meta.label: model._default_manager.count()
        for app in ("regions", "cofinancing", "plans")
        for model in apps.get_app_config(app).get_models()
    }


def existing_data():
    PeriodFactory(
        code="2020-2023", start_year=2020, end_year=2023, min_cofinancing_pct=Decimal("7.5")
    )
    world.municipality(world.AMSTELVEEN)
    RegionFactory(sto_number="STO19040", name="Amstelland")


MANY_PROBLEMS = {
    "periods": [
        ["2025-2028", 2025, 2028, 10],
        ["2030-2031", 2031, 2030, 10],
        ["2032", 2032, 2032, "tien"],
    ],
    "organisations": [
        ["12AB00", "vmbo", "Lead", "Utrecht", "BWI;PIE", None],
        ["12A", "vmbo", "Kapot", None, None, None],
        ["1234", "company", "Bedrijf", None, None, None],
        ["0362", "municipality", "Gemeente", None, None, 1000],
        ["99ZZ", "school", "Onbekend", None, None, None],
        ["12ab00", "vmbo", "Dubbel", None, None, None],
        ["34CD00", "vmbo", "=1+1", None, None, None],
        ["56EF00", "vmbo", "School", None, "BWI;XYZ", None],
        ["12345678", "company", "Bedrijf B.V.", None, None, None],
        ["25LX", "mbo", "ROC", None, None, None],
    ],
    "regions": [
        ["STO00001", "Regio 1", "techniek", "99XX00"],
        ["STO00002", "Regio 2", "rijk", "12AB00"],
        ["STO00003", "Regio 3", "techniek", "12345678"],
        ["STO00004", "Regio 4", "techniek", "12AB00"],
    ],
    "memberships": [
        ["STO00404", "12AB00", D(2020, 1, 1), None],
        ["STO00004", "12AB00", D(2024, 1, 1), D(2023, 1, 1)],
        ["STO00004", "25LX", "01-10-2024", None],
        ["STO19040", "GM0362", "2024-10-01", None],
        ["STO00004", "GM0362", D(2024, 1, 1), None],  # so that its contributions are allowed
    ],
    "student_counts": [
        ["12AB00", D(2024, 10, 1), "XYZ", "BB", 10],
        ["12AB00", D(2024, 10, 1), "BWI", "BB", -5],
        ["12AB00", D(2024, 10, 1), "PIE", "KB", 3.5],
    ],
    "grants": [
        ["STO00004", "2025-2028", 2025, -100],
        ["STO00004", "2025-2028", 2030, 1000],
        ["STO00004", "2020-2023", 2021, 1.005],
        ["STO00004", "1999", 2022, 5],
    ],
    "cofinancing": [
        ["STO00004", "12AB00", 2025, "cash", 100, None],
        ["STO00004", "12345678", 2025, "geld", 100, None],
        ["STO00004", "12345678", 2025, "hours", 100, -1],
    ],
    "contributions": [
        ["STO00004", "GM0362", 2025, 1000, None, "approved"],
        ["STO00004", "25LX", 2025, 1000, None, "requested"],
        ["STO00004", "GM0362", 2026, 1000, 500, "unknown"],
    ],
    "convenants": [
        ["STO00004", "2025-2028", "Convenant", D(2025, 1, 1), D(2024, 12, 31), None],
        ["STO00004", "2020-2023", "Convenant oud", D(2020, 1, 1), D(2023, 12, 31), None],
    ],
    "signatures": [
        ["STO00004", "2025-2028", "12AB00", D(2024, 9, 1), "J. Jansen", "bestuurder"],
        ["STO19040", "2020-2023", "12AB00", None, None, None],
        ["STO00004", "2020-2023", "25LX", D(2024, 1, 1), None, None],
    ],
    "annual_reports": [
        ["STO00999", 2025, None],
        ["STO00004", 2025, "=TODAY()"],
    ],
}

EXPECTED = [
    ("periods!3: end_year", "eindjaar ligt voor het beginjaar"),
    ("periods!4: min_cofinancing_pct", "verwacht een getal"),
    ("organisations!3: key", "12A is geen geldige BRIN-code"),
    ("organisations!4: key", "1234 is geen geldig KvK-nummer"),
    ("organisations!5: key", "0362 is geen geldige CBS-gemeentecode"),
    ("organisations!6: kind", "onbekende waarde 'school'"),
    ("organisations!7: key", "dubbel: key=12AB00 staat ook op rij 2"),
    ("organisations!8: name", "formules worden niet uitgevoerd"),
    ("organisations!9: technical_profiles", "Onbekend technisch profiel: XYZ"),
    ("regions!2: lead_key", "onbekende organisatie '99XX00'"),
    ("regions!3: kind", "onbekende waarde 'rijk' (toegestaan: techniek, techniekarm)"),
    ("regions!4: lead_key", "De penvoerder moet een vmbo-vestiging zijn"),
    ("memberships!2: sto_number", "onbekende regio 'STO00404'"),
    ("memberships!3: end", "De einddatum ligt voor de begindatum"),
    ("memberships!4: start", "verwacht een datum"),
    ("student_counts!2: profile", "onbekende waarde 'XYZ'"),
    ("student_counts!3: students", "mag niet negatief zijn"),
    ("student_counts!4: students", "verwacht een geheel getal"),
    ("grants!2: amount", "Een bedrag kan niet negatief zijn"),
    ("grants!3: year", "Het jaar 2030 valt niet in periode 2025-2028"),
    ("grants!4: amount", "meer dan 2 decimalen"),
    ("grants!5: period", "onbekende periode '1999'"),
    ("cofinancing!2: organisation_key", "Cofinanciering komt van een bedrijf"),
    ("cofinancing!3: form", "onbekende waarde 'geld'"),
    ("cofinancing!4: realised", "Een bedrag kan niet negatief zijn"),
    ("contributions!2: approved", "Vul het toegekende bedrag in"),
    ("contributions!3: organisation_key", "Een bijdrage komt van een gemeente"),
    ("contributions!4: status", "onbekende waarde 'unknown'"),
    ("convenants!2: ends", "De einddatum ligt voor de ingangsdatum"),
    ("signatures!3: period", "regio STO19040 heeft geen convenant voor periode 2020-2023"),
    ("signatures!4: signatory", "Vul in wie heeft ondertekend"),
    ("annual_reports!2: sto_number", "onbekende regio 'STO00999'"),
    ("annual_reports!3: submitted_on", "formules worden niet uitgevoerd"),
]


def test_every_problem_is_reported_with_sheet_row_and_column_and_nothing_changes():
    existing_data()
    before = row_counts()
    lead_before = Region.objects.get(sto_number="STO19040").lead_id

    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(make_workbook(MANY_PROBLEMS))

    errors = caught.value.errors
    assert [": ".join(error.split(": ")[:2]) for error in errors] == [
        prefix for prefix, _ in EXPECTED
    ], errors
    for error, (_prefix, fragment) in zip(errors, EXPECTED, strict=True):
        assert fragment in error, error
    assert row_counts() == before
    assert not Organisation.objects.filter(key__in=["12AB00", "12345678", "25LX"]).exists()
    assert Region.objects.get(sto_number="STO19040").lead_id == lead_before


def test_one_bad_row_among_good_ones_writes_nothing_into_an_empty_database():
    before = row_counts()
    sheets = {
        "periods": [["2025-2028", 2025, 2028, 10]],
        "organisations": [
            [f"{n:02d}AB00", "vmbo", f"School {n}", None, "BWI", None] for n in range(10)
        ]
        + [["12345678", "company", "Bedrijf", None, None, None]],
        "regions": [["STO00001", "Regio 1", "techniek", "00AB00"]],
        "memberships": [["STO00001", f"{n:02d}AB00", D(2025, 1, 1), None] for n in range(10)],
        "grants": [
            ["STO00001", "2025-2028", 2025, 1_000_000],
            ["STO00001", "2025-2028", 2026, -0.01],
        ],
    }
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(make_workbook(sheets))
    assert caught.value.errors == ["grants!3: amount: Een bedrag kan niet negatief zijn."]
    assert row_counts() == before
    assert Organisation.objects.count() == 0 and Membership.objects.count() == 0

    # The same workbook without the bad row imports completely.
    sheets["grants"].pop()
    summary = import_workbook(make_workbook(sheets))
    assert summary["organisations"].created == 11
    assert Membership.objects.filter(region__sto_number="STO00001").count() == 10
    assert Region.objects.get(sto_number="STO00001").lead.key == "00AB00"


def test_missing_sheet_and_missing_or_doubled_columns_are_problems_not_crashes():
    existing_data()
    before = row_counts()
    headers = {
        "memberships": ["sto_number", "organisation_key", "start"],  # no "end"
        "student_counts": ["profile", "learning_path", "students"],  # no key columns
        "regions": ["sto_number", "name", "kind", "lead_key", "Name"],
    }
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(
            make_workbook(
                {"memberships": [["STO19040", "GM0362", D(2024, 1, 1)]]},
                headers=headers,
                drop=("grants",),
            )
        )
    assert caught.value.errors == [
        "workbook: het tabblad 'grants' ontbreekt.",
        "regions!1: name: deze kolom komt twee keer voor.",
        "memberships!1: end: de kolom ontbreekt.",
        "student_counts!1: organisation_key: de kolom ontbreekt.",
        "student_counts!1: reference_date: de kolom ontbreekt.",
    ]
    assert row_counts() == before


def test_extra_columns_and_sheets_are_ignored_and_text_dates_and_numbers_are_accepted():
    workbook = Workbook()
    workbook.active.title = "toelichting"
    workbook.active.append(["Dit tabblad wordt genegeerd"])
    for spec in SHEETS:
        ws = workbook.create_sheet(spec.name)
        ws.append([*spec.contract_keys, "opmerking"])
    workbook["periods"].append(["2025-2028", "2025", 2028.0, "7,5", "negeer mij"])
    workbook["organisations"].append(["12 ab 00", "vmbo", "  School  ", None, "BWI; PIE;BWI", None])
    workbook["organisations"].append([1234567, "company", "Bedrijf", None, None, None])
    workbook["regions"].append(["STO00001", "Regio", "techniek", "12AB00"])
    workbook["memberships"].append(["STO00001", "12ab00", "2025-01-01", None])
    workbook["cofinancing"].append(["STO00001", 1234567, 2025, "cash", "100.5", 100])
    buffer = io.BytesIO()
    workbook.save(buffer)

    summary = import_workbook(buffer)

    period = Period.objects.get(code="2025-2028")
    assert (period.start_year, period.end_year, period.min_cofinancing_pct) == (
        2025,
        2028,
        Decimal("7.50"),
    )
    assert period.techniekarm_max_technical_pct == Decimal(
        "10"
    )  # absent extra column: model default
    school = Organisation.objects.get(key="12AB00")
    assert (school.name, school.technical_profiles) == ("School", "BWI;PIE")
    assert Organisation.objects.get(key="01234567").kind == "company"  # KvK typed as a number
    membership = Membership.objects.get()
    assert (membership.start, membership.end) == (D(2025, 1, 1), None)
    assert summary["cofinancing"].created == 1
    commitment = apps.get_model("cofinancing", "CofinancingCommitment").objects.get()
    assert (commitment.committed, commitment.realised) == (Decimal("100.50"), Decimal("100.00"))


def test_a_contribution_is_only_asked_of_a_municipality_that_is_or_was_a_member():
    """The rule of ``cofinancing.services.contribution_request``: the membership may be in the
    same workbook or already in the database, current or ended."""
    existing_data()  # Amstelveen (GM0362) and region STO19040, no memberships
    world.municipality("GM0437", name="Gemeente Ouder-Amstel")
    MembershipFactory(
        region=Region.objects.get(sto_number="STO19040"),
        organisation=Organisation.objects.get(key="GM0437"),
        start=D(2020, 1, 1),
        end=D(2022, 12, 31),
    )
    before = row_counts()
    sheets = {
        "organisations": [["GM0358", "municipality", "Gemeente Aalsmeer", None, None, 32000]],
        "contributions": [
            ["STO19040", "GM0362", 2025, 1000, None, "requested"],
            ["STO19040", "GM0437", 2025, 1000, None, "requested"],  # a former member
            ["STO19040", "GM0358", 2025, 1000, None, "requested"],
        ],
    }
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(make_workbook(sheets))
    assert caught.value.errors == [
        "contributions!2: organisation_key: Amstelveen is geen lid van regio STO19040.",
        "contributions!4: organisation_key: Gemeente Aalsmeer is geen lid van regio STO19040.",
    ]
    assert row_counts() == before

    # With their memberships in the same workbook, all three are accepted.
    sheets["memberships"] = [
        ["STO19040", "GM0362", D(2024, 1, 1), None],
        ["STO19040", "GM0358", D(2025, 1, 1), None],
    ]
    summary = import_workbook(make_workbook(sheets))
    assert summary["contributions"].created == 3
    assert set(MunicipalContribution.objects.values_list("municipality__key", flat=True)) == {
        "GM0362",
        "GM0437",
        "GM0358",
    }


# --- plans (docs/interfaces.md §5): one invalid row per rule ---------------------------------

PLAN_PROBLEMS = {
    "periods": [["2025-2028", 2025, 2028, 10]],
    "organisations": [
        ["12AB00", "vmbo", "De Brug", "Utrecht", "BWI;PIE", None],
        ["12345678", "company", "Bouw B.V.", None, None, None],
        ["87654321", "company", "Vertrokken B.V.", None, None, None],
        ["11112222", "company", "Verre Techniek B.V.", None, None, None],
    ],
    "regions": [[f"STO{n:05d}", f"Regio {n}", "techniek", None] for n in range(1, 5)],
    "memberships": [
        ["STO00001", "12AB00", D(2020, 1, 1), None],
        ["STO00001", "12345678", D(2020, 1, 1), None],
        ["STO00001", "87654321", D(2020, 1, 1), D(2024, 12, 31)],  # left before the period
        ["STO00002", "11112222", D(2020, 1, 1), None],  # a partner of another region
    ],
    "plans": [
        [
            "STO00001",
            "2025-2028",
            "approved",
            D(2024, 9, 30),
            1_000_000,
            "## 1. Samenvatting\nKort.",
        ],
        ["STO00002", "2025-2028", "goedgekeurd", D(2024, 9, 30), 1000, None],
        ["STO00003", "2025-2028", "submitted", None, 1000, None],
        ["STO00004", "2025-2028", "draft", None, -1, None],
        ["STO00001", "2020-2023", "draft", None, 0, "## 9. Onbekend\nTekst"],
        ["STO00404", "2025-2028", "draft", None, 0, None],
        ["STO00002", "2020-2023", "to_improve", D(2024, 9, 30), 0, None],
    ],
    "goals": [
        ["STO00001", "2025-2028", "D1", "duurzaam", "Duurzaam aanbod", "2 scholen", "4 scholen"],
        ["STO00001", "2025-2028", "D2", "groen", "Dekkend aanbod", "2 scholen", "4 scholen"],
        ["STO00004", "2020-2023", "D1", "dekkend", "Dekkend aanbod", "2 scholen", "4 scholen"],
        ["STO00001", "2025-2028", "d1", "dekkend", "Nog eens D1", "2 scholen", "4 scholen"],
    ],
    "activities": [
        [
            "STO00001",
            "2025-2028",
            "A1",
            "Techniekweek",
            D(2025, 3, 1),
            D(2025, 3, 7),
            "500",
            "12AB00",
            "D1",
        ],
        [
            "STO00001",
            "2025-2028",
            "A2",
            "Te vroeg",
            D(2024, 12, 1),
            D(2025, 1, 7),
            "x",
            "12AB00",
            None,
        ],
        [
            "STO00001",
            "2025-2028",
            "A3",
            "Te laat",
            D(2028, 12, 1),
            D(2029, 1, 1),
            "x",
            "12AB00",
            None,
        ],
        [
            "STO00001",
            "2025-2028",
            "A4",
            "Omgekeerd",
            D(2026, 3, 1),
            D(2026, 2, 1),
            "x",
            "12AB00",
            None,
        ],
        [
            "STO00001",
            "2025-2028",
            "A5",
            "Vertrokken",
            D(2026, 3, 1),
            D(2026, 4, 1),
            "x",
            "87654321",
            None,
        ],
        [
            "STO00001",
            "2025-2028",
            "A6",
            "Onbekend doel",
            D(2026, 3, 1),
            D(2026, 4, 1),
            "x",
            "12345678",
            "D1;d9",
        ],
    ],
    "risks": [
        ["STO00001", "2025-2028", "Te weinig docenten", "groot", "middel", "Opleiden", "12AB00"],
        ["STO00001", "2025-2028", "Uitval", "hoog", "middel", "Reserve", "12AB00"],
        ["STO00001", "2025-2028", "Brand", "klein", "enorm", "Verzekeren", "12AB00"],
        ["STO00001", "2025-2028", "Faillissement", "klein", "groot", "Spreiden", "11112222"],
    ],
    "teacher_shortage": [
        ["STO00001", "2025-2028", "BWI", 12, 3, 5, 2],
        ["STO00001", "2025-2028", "Z&W", 1, 0, 0, 0],
        ["STO00001", "2025-2028", "PIE", -1, 0, 0, 0],
        ["STO00001", "2025-2028", "MVI", 1, 1.5, 0, 0],
    ],
    "budget_lines": [
        ["STO00001", "2025-2028", 2025, "12AB00", 150_000, 40_000, 10_000],
        ["STO00001", "2025-2028", 2029, "12AB00", 1000, 0, 0],
        ["STO00001", "2025-2028", 2025, "11112222", 1000, 0, 0],
        ["STO00001", "2025-2028", 2026, "12345678", -5, 0, 0],
    ],
}

PLAN_ERRORS = [
    "plans!3: status: onbekende waarde 'goedgekeurd' (toegestaan: draft, submitted, "
    "under_assessment, approved, approved_with_conditions, to_improve, rejected).",
    "plans!4: submitted_on: Een ingediend plan heeft een datum van indienen.",
    "plans!5: requested: Een bedrag kan niet negatief zijn.",
    "plans!6: regiovisie: regel 1: onbekende kop '## 9. Onbekend'. Een kop is '## ' met de titel "
    "van een onderdeel van de regiovisie: 1. Samenvatting; 2. Afbakening regio; 3.1 Huidige "
    "aanbod technisch vmbo; 3.2 Regiovisie voor een techniekarme regio; 3.3 Kwalitatieve gegevens "
    "regionale arbeidsmarkt; 3.4 Kwantitatieve gegevens regionale arbeidsmarkt; 3.5 Behoefte "
    "dekkend en doelmatig technisch onderwijsaanbod; 3.6 Huidige kwaliteit van het technisch "
    "vmbo; 3.7 Gewenste kwaliteit van het technisch vmbo; 3.8 Gewenste kwaliteit technisch "
    "vmbo-aanbod; 3.9 Techniekarm; 4. Lopende projecten; 5. Tekorten technische docenten.",
    "plans!7: sto_number: onbekende regio 'STO00404': niet in het tabblad regions en niet in de "
    "database.",
    "plans!8: resubmission_deadline: Geef aan vóór welke dag de verbeterde versie binnen moet "
    "zijn.",
    "goals!3: theme: onbekende waarde 'groen' (toegestaan: duurzaam, dekkend, kwalitatief).",
    "goals!4: period: regio STO00004 heeft geen plan voor periode 2020-2023: niet in het tabblad "
    "plans en niet in de database.",
    "goals!5: sto_number: dubbel: sto_number=STO00001, period=2025-2028, code=D1 staat ook op rij 2.",
    "activities!3: starts: 1 december 2024 valt buiten periode 2025-2028.",
    "activities!4: ends: 1 januari 2029 valt buiten periode 2025-2028.",
    "activities!5: ends: De einddatum ligt voor de begindatum.",
    "activities!6: owner_key: Vertrokken B.V. is in periode 2025-2028 geen partner van regio STO00001.",
    "activities!7: goal_codes: onbekend doel D9: geen doel van het plan van regio STO00001 voor "
    "periode 2025-2028, niet in het tabblad goals en niet in de database.",
    "risks!3: likelihood: onbekende waarde 'hoog' (toegestaan: klein, middel, groot).",
    "risks!4: impact: onbekende waarde 'enorm' (toegestaan: klein, middel, groot).",
    "risks!5: owner_key: Verre Techniek B.V. is in periode 2025-2028 geen partner van regio STO00001.",
    "teacher_shortage!3: profile: onbekende waarde 'Z&W' (toegestaan: BWI, PIE, M&T, MaT, MVI).",
    "teacher_shortage!4: qualified: mag niet negatief zijn.",
    "teacher_shortage!5: to_train: verwacht een geheel getal.",
    "budget_lines!3: year: Het jaar 2029 valt niet in periode 2025-2028.",
    "budget_lines!4: organisation_key: Verre Techniek B.V. is in periode 2025-2028 geen partner "
    "van regio STO00001.",
    "budget_lines!5: personnel: Een bedrag kan niet negatief zijn.",
]


def test_every_rule_of_the_plan_sheets_gives_its_problem_and_nothing_changes():
    existing_data()  # the period 2020-2023
    before = row_counts()

    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(make_workbook(PLAN_PROBLEMS))

    assert caught.value.errors == PLAN_ERRORS
    assert row_counts() == before


def test_the_plan_sheets_without_their_invalid_rows_import():
    existing_data()
    invalid = {error.split(":")[0] for error in PLAN_ERRORS}  # "sheet!row"
    sheets = {
        sheet: [row for n, row in enumerate(rows, start=2) if f"{sheet}!{n}" not in invalid]
        for sheet, rows in PLAN_PROBLEMS.items()
    }
    summary = import_workbook(make_workbook(sheets))
    assert [
        summary[s].created
        for s in ("plans", "goals", "activities", "risks", "teacher_shortage", "budget_lines")
    ] == [1, 1, 1, 1, 1, 1]
