"""``render_annual_report`` and ``render_council_decision`` (docs/interfaces.md §2) report a file
they cannot write as a command error (exit 1, a message), not a traceback."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from tests.factories import (
    GrantFactory,
    MunicipalContributionFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    region = RegionFactory(sto_number="STO19068", name="Amstelland")
    period = PeriodFactory()  # 2025-2028
    GrantFactory(region=region, period=period, year=2025, amount=Decimal("800000.00"))
    amstelveen = OrganisationFactory(municipality=True, key="GM0362", name="Gemeente Amstelveen")
    MunicipalContributionFactory(region=region, municipality=amstelveen, year=2025)
    return region


@pytest.mark.parametrize(
    "args",
    [
        ["render_annual_report", "STO19068", "2025"],
        ["render_council_decision", "STO19068", "GM0362", "2025-2028"],
    ],
)
def test_an_unwritable_output_is_a_command_error(region, tmp_path, args):
    target = tmp_path / "missing-folder" / "out.pdf"
    with pytest.raises(CommandError, match="niet schrijven") as error:
        call_command(*args, "-o", str(target))
    assert str(target) in str(error.value)
    assert not target.exists()
    # the same command into a folder that exists writes a PDF
    good = tmp_path / "out.pdf"
    call_command(*args, "-o", str(good))
    assert good.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("year", ["1999", "2101"])
def test_a_year_outside_the_programme_range_is_refused(region, tmp_path, year):
    target = tmp_path / "out.pdf"
    with pytest.raises(CommandError, match="Ongeldig verslagjaar"):
        call_command("render_annual_report", "STO19068", year, "-o", str(target))
    assert not target.exists()
