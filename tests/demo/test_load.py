"""The demo data set is stored through the workbook importer: validated like an uploaded
workbook, all or nothing, with "seed_demo" and no user in the history."""

import datetime as dt
from decimal import Decimal

import pytest

from cofinancing.models import MunicipalContribution
from demo.load import load_dataset
from demo.rows import (
    PERIODS,
    ContributionRow,
    DemoDataset,
    MembershipRow,
    OrganisationRow,
    RegionRow,
)
from regions.models import Organisation, Period, Region
from reporting.workbook import WorkbookInvalid
from tests.factories import PeriodFactory

pytestmark = pytest.mark.django_db


def small_dataset(*, member: bool) -> DemoDataset:
    """One region with its penvoerder and a municipality asked for a contribution."""
    return DemoDataset(
        seed=1,
        periods=PERIODS,
        organisations=[
            OrganisationRow("12AB00", "vmbo", "De Brug", "Utrecht", "BWI", None),
            OrganisationRow("GM0344", "municipality", "Gemeente Utrecht", "Utrecht", "", 361_924),
        ],
        regions=[RegionRow("STO19001", "Utrecht", "techniek", "12AB00")],
        memberships=[MembershipRow("STO19001", "12AB00", dt.date(2020, 1, 1), None)]
        + ([MembershipRow("STO19001", "GM0344", dt.date(2020, 1, 1), None)] if member else []),
        student_counts=[],
        grants=[],
        cofinancing=[],
        contributions=[
            ContributionRow(
                "STO19001",
                "GM0344",
                2025,
                Decimal("10000.00"),
                None,
                "requested",
                None,
                "Bijdrage 2025",
            )
        ],
        convenants=[],
        signatures=[],
        annual_reports=[],
    )


def test_a_row_the_importer_refuses_stops_the_whole_data_set():
    with pytest.raises(WorkbookInvalid) as caught:
        load_dataset(small_dataset(member=False))
    assert caught.value.errors == [
        "contributions!2: organisation_key: Gemeente Utrecht is geen lid van regio STO19001."
    ]
    assert not Organisation.objects.exists() and not Period.objects.exists()


def test_the_rows_are_stored_with_seed_demo_and_no_user_in_the_history():
    # A period someone already entered is kept as it is.
    PeriodFactory(code="2024", start_year=2024, end_year=2024, min_cofinancing_pct=Decimal("8"))

    summary = load_dataset(small_dataset(member=True))

    assert summary["periods"].created == 2 and summary["regions"].created == 1
    assert Period.objects.get(code="2024").min_cofinancing_pct == Decimal("8.00")
    assert Region.objects.get().lead.key == "12AB00"
    contribution = MunicipalContribution.objects.get()
    assert (contribution.requested, contribution.status) == (Decimal("10000.00"), "requested")
    for record in (Region.history.get(), MunicipalContribution.history.get()):
        assert (record.history_user, record.history_change_reason) == (None, "seed_demo")
