"""The ``assessments`` sheet of the workbook (docs/interfaces.md §5): read into submitted reviews
all or nothing, with every problem as ``assessments!row: column: message``; written from the
submitted reviews; and the round trip holds."""

import datetime
import io
from decimal import Decimal

import pytest

from assessment.framework import SUB_ASPECT_CODES
from assessment.models import Criterion, Framework, Judgement, Review, SubAspect
from assessment.ranking import rank
from plans.models import Plan
from regions.models import Period, Region
from regions.roles import Role
from reporting.workbook import WorkbookInvalid, export_workbook, import_sheets, import_workbook
from tests.factories import UserFactory, manager_of
from tests.reporting.test_workbook_roundtrip import empty_database, workbook_cells

pytestmark = pytest.mark.django_db

D = datetime.date


def base_sheets() -> dict:
    """Two techniekarm regions and one techniek region, each with a submitted plan."""
    return {
        "periods": [
            {"code": "2025-2028", "start_year": 2025, "end_year": 2028, "min_cofinancing_pct": 10}
        ],
        "regions": [
            {"sto_number": sto, "name": name, "kind": kind, "lead_key": None}
            for sto, name, kind in (
                ("STO19101", "Zeeuws-Vlaanderen", "techniekarm"),
                ("STO19102", "Zuidoost-Drenthe", "techniekarm"),
                ("STO19001", "Amstelland", "techniek"),
            )
        ],
        "plans": [
            {
                "sto_number": sto,
                "period": "2025-2028",
                "status": "submitted",
                "submitted_on": D(2024, 9, 20),
                "requested": Decimal(amount),
                "regiovisie": "",
            }
            for sto, amount in (("STO19101", "600000"), ("STO19102", "500000"), ("STO19001", "1"))
        ],
    }


def review_rows(sto: str, reviewer: str, score, **changes) -> list[dict]:
    rows = []
    for code in SUB_ASPECT_CODES:
        row = {
            "sto_number": sto,
            "period": "2025-2028",
            "reviewer": reviewer,
            "sub_aspect": code,
            "minimum_met": "yes",
            "score": None if score is None else Decimal(str(score)),
            "note": f"{reviewer} over {code}",
        }
        row.update(changes.get(code, {}))
        rows.append(row)
    return rows


@pytest.fixture
def anna(db):
    return UserFactory(username="anna", role=Role.REVIEWER)


def test_the_sheet_becomes_submitted_reviews_that_the_ranking_counts(anna):
    importer = UserFactory(username="importeur")
    sheets = base_sheets() | {
        "assessments": [
            *review_rows("STO19101", "anna", 8),
            *review_rows("STO19101", "Commissie B", 6),
            *review_rows(
                "STO19102",
                "Commissie A",
                9,
                cofinanciering={"minimum_met": "no", "note": "Geen bedrijven die bijdragen."},
            ),
            *review_rows("STO19102", "Commissie B", 9),
            *review_rows("STO19001", "Commissie A", None),
            *review_rows("STO19001", "Commissie B", None),
        ]
    }
    summary = import_sheets(sheets, by=importer)
    assert summary["assessments"].created == 60
    reviews = Review.objects.order_by("plan__region__sto_number", "pk")
    assert [(r.plan.region.sto_number, r.reviewer_name) for r in reviews] == [
        ("STO19001", "Commissie A"),
        ("STO19001", "Commissie B"),
        ("STO19101", "anna"),
        ("STO19101", "Commissie B"),
        ("STO19102", "Commissie A"),
        ("STO19102", "Commissie B"),
    ]
    assert all(r.is_submitted for r in reviews)
    assert Review.objects.get(reviewer=anna).external_reviewer == ""
    failed = Judgement.objects.get(minimum_met=False)
    # No reason column: the note is the reason.
    assert failed.reason == "Geen bedrijven die bijdragen." == failed.note
    assert failed.history.first().history_user == importer
    ranking = rank(Period.objects.get(), Decimal("1000000"), framework=None, lots=None)
    assert [(a.region.sto_number, a.status, a.total_score) for a in ranking.applications] == [
        ("STO19101", "funded", Decimal("70.00")),
        ("STO19102", "rejected_minimum", Decimal("90.00")),
    ]
    # Importing the same rows again changes nothing.
    again = import_sheets(sheets, by=importer)
    assert (again["assessments"].created, again["assessments"].updated) == (0, 0)
    assert again["assessments"].unchanged == 60
    assert failed.history.count() == 1


def test_every_problem_is_reported_and_nothing_is_written(anna):
    rows = [
        *review_rows(
            "STO19101",
            "Commissie A",
            7,
            regiovisie={"minimum_met": "ja"},
            onderwijsaanbod={"minimum_met": "no", "note": ""},
        ),
        {**review_rows("STO19101", "Commissie B", 7)[0], "sub_aspect": "begroting"},
        {**review_rows("STO19999", "Commissie B", 7)[0]},
        {**review_rows("STO19101", "Commissie C", 7)[0], "period": "2030"},
    ]
    sheets = base_sheets() | {"assessments": rows}
    with pytest.raises(WorkbookInvalid) as raised:
        import_sheets(sheets)
    assert raised.value.errors == [
        "assessments!2: minimum_met: onbekende waarde 'ja' (toegestaan: yes, no).",
        "assessments!3: reason: bij minimum_met = no hoort de reden waarom niet aan de minimale "
        "vereisten is voldaan: vul de kolom reason (of note).",
        "assessments!12: sub_aspect: onbekende waarde 'begroting' (toegestaan: "
        + ", ".join(SUB_ASPECT_CODES)
        + ").",
        "assessments!13: sto_number: onbekende regio 'STO19999': niet in het tabblad regions en "
        "niet in de database.",
        "assessments!14: period: onbekende periode '2030': niet in het tabblad periods en niet "
        "in de database.",
    ]
    assert not Plan.objects.exists() and not Review.objects.exists()


def test_the_framework_rules_are_checked_per_row(anna):
    import_sheets(base_sheets())
    rows = [
        *review_rows("STO19101", "Commissie A", 7, regiovisie={"score": Decimal("11")}),
        *review_rows("STO19001", "Commissie A", None, regiovisie={"score": Decimal("5")}),
        *review_rows("STO19102", "Commissie A", 7)[:9],  # cofinanciering left out
    ]
    with pytest.raises(WorkbookInvalid) as raised:
        import_sheets({"assessments": rows})
    assert raised.value.errors == [
        "assessments!2: score: Een score ligt tussen 0 en 10.",
        "assessments!12: score: Dit deelaspect krijgt bij deze aanvraag geen score.",
        "assessments!22: sub_aspect: cofinanciering: Dit deelaspect is nog niet beoordeeld.",
    ]
    assert not Review.objects.exists()


def test_a_reviewer_who_manages_the_region_cannot_be_read_in(anna):
    import_sheets(base_sheets())
    manager_of(Region.objects.get(sto_number="STO19101"), username="pm-en-beoordelaar")
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    both = get_user_model().objects.get(username="pm-en-beoordelaar")
    both.groups.add(Group.objects.get(name=Role.REVIEWER.value))
    with pytest.raises(WorkbookInvalid) as raised:
        import_sheets({"assessments": review_rows("STO19101", "pm-en-beoordelaar", 5)})
    assert raised.value.errors == [
        "assessments!2: reviewer: pm-en-beoordelaar kan deze aanvraag niet beoordelen: geen "
        "beoordelaar, of heeft een andere rol in regio STO19101."
    ]


def test_a_draft_plan_cannot_be_assessed():
    sheets = base_sheets()
    sheets["plans"][0] |= {"status": "draft", "submitted_on": None}
    with pytest.raises(WorkbookInvalid) as raised:
        import_sheets(sheets | {"assessments": review_rows("STO19101", "Commissie A", 5)[:1]})
    assert raised.value.errors == [
        "assessments!2: period: regio STO19101 heeft geen ingediend plan voor periode "
        "2025-2028: niet in het tabblad plans en niet in de database."
    ]


def export_bytes() -> bytes:
    buffer = io.BytesIO()
    export_workbook(buffer)
    return buffer.getvalue()


def test_export_and_round_trip_into_an_empty_database(anna):
    import_sheets(
        base_sheets()
        | {
            "assessments": [
                *review_rows("STO19101", "anna", 8, regiovisie={"score": Decimal("7.5")}),
                *review_rows(
                    "STO19102",
                    "Commissie A",
                    4,
                    cofinanciering={"minimum_met": "no", "note": "Te weinig."},
                ),
            ]
        }
    )
    Review.objects.update(submitted_at=datetime.datetime(2025, 1, 15, 12, tzinfo=datetime.UTC))
    first = export_bytes()
    cells = workbook_cells(first)["assessments"]
    assert cells[0] == (
        "sto_number",
        "period",
        "reviewer",
        "sub_aspect",
        "minimum_met",
        "score",
        "note",
        "reason",
        "submitted_on",
    )
    assert len(cells) == 1 + 20
    row = next(c for c in cells if c[2] == "anna" and c[3] == "regiovisie")
    assert row == (
        "STO19101",
        "2025-2028",
        "anna",
        "regiovisie",
        "yes",
        7.5,
        "anna over regiovisie",
        None,
        datetime.datetime(2025, 1, 15),
    )
    failed = next(c for c in cells if c[4] == "no")
    assert failed[2:4] == ("Commissie A", "cofinanciering") and failed[7] == "Te weinig."

    for model in (Judgement, Review, SubAspect, Criterion, Framework):
        model.objects.all().delete()
    empty_database()
    assert not Plan.objects.exists()
    summary = import_workbook(io.BytesIO(first), by=anna)
    assert summary["assessments"].created == 20
    assert Review.objects.get(reviewer=anna).submitted_at.date() == D(2025, 1, 15)
    second = export_bytes()
    assert workbook_cells(second)["assessments"] == cells
