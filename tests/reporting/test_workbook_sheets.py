"""``import_sheets``: sheets already in memory are validated and written exactly like a workbook."""

import datetime
from decimal import Decimal

import pytest

from cofinancing.models import Grant, MunicipalContribution
from regions.models import Membership, Organisation, Period, Region
from reporting.workbook import WorkbookInvalid, import_sheets, import_workbook
from tests.factories import UserFactory
from tests.reporting.test_workbook_invalid import make_workbook, row_counts

pytestmark = pytest.mark.django_db

D = datetime.date


def sheets() -> dict[str, list[dict]]:
    """A small region as rows of Python values, the way the demo data set hands them over."""
    return {
        "periods": [
            {"code": "2025-2028", "start_year": 2025, "end_year": 2028, "min_cofinancing_pct": 10}
        ],
        "organisations": [
            {
                "key": "12AB00",
                "kind": "vmbo",
                "name": "Scholengemeenschap De Brug",
                "city": "Utrecht",
                "technical_profiles": "BWI;PIE",
                "inhabitants": None,
            },
            {
                "key": "GM0344",
                "kind": "municipality",
                "name": "Gemeente Utrecht",
                "city": "Utrecht",
                "technical_profiles": "",
                "inhabitants": 361_924,
            },
        ],
        "regions": [
            {"sto_number": "STO19001", "name": "Utrecht", "kind": "techniek", "lead_key": "12AB00"}
        ],
        "memberships": [
            {"sto_number": "STO19001", "organisation_key": "12AB00", "start": D(2025, 1, 1)},
            {
                "sto_number": "STO19001",
                "organisation_key": "GM0344",
                "start": D(2025, 1, 1),
                "end": None,
            },
        ],
        "grants": [
            {
                "sto_number": "STO19001",
                "period": "2025-2028",
                "year": 2025,
                "amount": Decimal("1250000.50"),
            },
        ],
        "contributions": [
            {
                "sto_number": "STO19001",
                "organisation_key": "GM0344",
                "year": 2025,
                "requested": Decimal("25000"),
                "approved": Decimal("20000.00"),
                "status": "partly_approved",
                "decided_on": D(2024, 9, 17),
                "purpose": "Bijdrage 2025",
            }
        ],
    }


def test_rows_of_python_values_are_imported_with_the_reason_and_user_of_the_history():
    user = UserFactory(username="loader")

    summary = import_sheets(sheets(), by=user, reason="testlading")

    assert (summary["organisations"].created, summary["memberships"].created) == (2, 2)
    assert summary["student_counts"].total == 0  # a sheet left out is empty
    period = Period.objects.get()
    assert (period.code, period.min_cofinancing_pct) == ("2025-2028", Decimal("10.00"))
    assert Region.objects.get().lead.name == "Scholengemeenschap De Brug"
    assert Grant.objects.get().amount == Decimal("1250000.50")
    contribution = MunicipalContribution.objects.get()
    assert (contribution.requested, contribution.approved, contribution.decided_on) == (
        Decimal("25000.00"),
        Decimal("20000.00"),
        D(2024, 9, 17),
    )
    assert contribution.decision_reason == ""  # an extra column no row names keeps the default
    assert Membership.objects.filter(end__isnull=True).count() == 2
    record = Organisation.history.get(key="GM0344")
    assert (record.history_user, record.history_change_reason) == (user, "testlading")

    # The same sheets again change nothing.
    again = import_sheets(sheets(), by=user, reason="testlading")
    assert again.created == 0 and again.updated == 0
    assert again["organisations"].unchanged == 2


def test_without_a_user_the_system_is_recorded_and_the_default_reason_is_the_import():
    import_sheets(sheets())
    record = Region.history.get()
    assert (record.history_user, record.history_change_reason) == (None, "import werkmap")


def test_problems_read_as_for_a_workbook_and_nothing_is_written():
    data = sheets()
    data["organisations"][0]["key"] = "12A"
    data["grants"].append(
        {"sto_number": "STO19001", "period": "2025-2028", "year": 2030, "amount": Decimal("-1")}
    )
    data["contributions"][0]["organisation_key"] = "GM0362"  # neither known nor a member
    before = row_counts()

    with pytest.raises(WorkbookInvalid) as caught:
        import_sheets(data)

    unknown = (
        "onbekende organisatie '%s': niet in het tabblad organisations en niet in de database."
    )
    assert caught.value.errors == [
        "organisations!2: key: 12A is geen geldige BRIN-code (verwacht: 2 cijfers en 2 letters "
        "plus 2 cijfers voor de vestiging).",
        "regions!2: lead_key: " + unknown % "12AB00",
        "memberships!2: organisation_key: " + unknown % "12AB00",
        "grants!3: year: Het jaar 2030 valt niet in periode 2025-2028.",
        "grants!3: amount: Een bedrag kan niet negatief zijn.",
        "contributions!2: organisation_key: " + unknown % "GM0362",
    ]
    assert row_counts() == before
    # The same rows written in a workbook give the same problems.
    rows = {
        name: [[row.get(key) for key in keys] for row in data[name]]
        for name, keys in (
            ("periods", ["code", "start_year", "end_year", "min_cofinancing_pct"]),
            ("organisations", ["key", "kind", "name", "city", "technical_profiles", "inhabitants"]),
            ("regions", ["sto_number", "name", "kind", "lead_key"]),
            ("memberships", ["sto_number", "organisation_key", "start", "end"]),
            ("grants", ["sto_number", "period", "year", "amount"]),
            (
                "contributions",
                ["sto_number", "organisation_key", "year", "requested", "approved", "status"],
            ),
        )
    }
    with pytest.raises(WorkbookInvalid) as from_file:
        import_workbook(make_workbook(rows))
    assert from_file.value.errors == caught.value.errors
    assert row_counts() == before


def test_a_missing_required_value_and_a_value_of_the_wrong_type_are_problems():
    data = sheets()
    del data["regions"][0]["name"]
    data["memberships"][0]["start"] = 20250101
    data["periods"][0]["min_cofinancing_pct"] = Decimal("NaN")

    with pytest.raises(WorkbookInvalid) as caught:
        import_sheets(data)

    assert caught.value.errors == [
        "periods!2: min_cofinancing_pct: verwacht een getal, geen NaN.",
        "regions!2: name: verplicht; de cel is leeg.",
        "memberships!2: start: verwacht een datum; dit is een getal (geef de cel een "
        "datumopmaak of schrijf JJJJ-MM-DD).",
    ]
    assert not Organisation.objects.exists()


def test_an_unknown_sheet_or_column_is_a_mistake_in_the_calling_code():
    with pytest.raises(ValueError, match="unknown sheets: organisation"):
        import_sheets({"organisation": []})
    data = sheets()
    data["regions"][0]["penvoerder"] = "12AB00"
    with pytest.raises(ValueError, match="regions: unknown columns penvoerder"):
        import_sheets(data)
    assert not any(row_counts().values())
