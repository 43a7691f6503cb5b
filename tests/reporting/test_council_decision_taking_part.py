"""Who takes part in a region's period has one definition (``municipality_takes_part``): the
edit page and the PDF open for exactly those municipalities, the ``render_council_decision``
command renders for exactly those (a member asked for no contribution gets the reason instead of
an empty document), the decision of another municipality names exactly those as
taking part too, and the officer's start page links to exactly those decisions."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from reporting.council_decision import council_decision_data, municipality_takes_part
from reporting.overview import overview_for
from tests import world
from tests.factories import (
    MembershipFactory,
    MunicipalContributionFactory,
    OrganisationFactory,
    RegionFactory,
    officer_of,
)

from .pdf_helpers import pdf_text
from .scenarios import amstelland

pytestmark = pytest.mark.django_db


def asked_in(year):
    def arrange(situation, diemen):
        MunicipalContributionFactory(
            region=situation.region,
            municipality=diemen,
            year=year,
            requested=Decimal("6100"),
            member=False,
        )

    return arrange


def member(start, end=None, *, elsewhere=False):
    def arrange(situation, diemen):
        region = RegionFactory(name="Zaanstreek") if elsewhere else situation.region
        MembershipFactory(region=region, organisation=diemen, start=start, end=end)

    return arrange


# (arrange, takes part, is asked a contribution in the period)
CASES = {
    "asked for one year of the period, not a member": (asked_in(2027), True, True),
    "member from half-way through the period": (
        member(datetime.date(2027, 3, 1)),
        True,
        False,
    ),
    "member who left half-way": (
        member(datetime.date(2019, 1, 1), datetime.date(2025, 6, 30)),
        True,
        False,
    ),
    "member until the day before the period": (
        member(datetime.date(2019, 1, 1), datetime.date(2024, 12, 31)),
        False,
        False,
    ),
    "member from the day after the period": (member(datetime.date(2029, 1, 1)), False, False),
    "asked only in the previous period": (asked_in(2023), False, False),
    "member of another region": (
        member(datetime.date(2020, 1, 1), elsewhere=True),
        False,
        False,
    ),
}


@pytest.mark.parametrize(("arrange", "takes_part", "asked"), CASES.values(), ids=CASES.keys())
def test_one_definition_of_taking_part(client, reviewer, tmp_path, arrange, takes_part, asked):
    situation = amstelland()
    diemen = OrganisationFactory(
        municipality=True, key="GM0384", name="Gemeente Diemen", inhabitants=31000
    )
    arrange(situation, diemen)
    region, period = situation.region, situation.period

    assert municipality_takes_part(region, diemen, period) is takes_part

    # The edit page and the PDF (reporting.selectors): the same 404 as a decision that does
    # not exist when Diemen takes no part. A member asked for nothing gets the page with the
    # reason, and no (empty) PDF.
    client.force_login(reviewer)
    args = ["STO19040", "GM0384", "2025-2028"]
    edit_url = reverse("reporting:council_decision_edit", args=args)
    page = client.get(edit_url)
    pdf = client.get(reverse("reporting:council_decision_pdf", args=args))
    if not takes_part:
        assert page.status_code == 404 and pdf.status_code == 404
    elif asked:
        assert page.status_code == 200 and pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"
    else:
        assert page.status_code == 200
        assert "geen bijdrage aan STO19040 Amstelland gevraagd" in page.content.decode()
        assert "<form" not in page.content.decode().split("<main", 1)[-1].split("</main>")[0]
        assert pdf.status_code == 302 and pdf["Location"] == edit_url

    # The command.
    target = tmp_path / "besluit-diemen.pdf"
    if takes_part and asked:
        call_command("render_council_decision", *args, "-o", str(target))
        assert "de gemeente Diemen" in pdf_text(target.read_bytes())
    elif takes_part:
        with pytest.raises(CommandError, match="geen bijdrage aan STO19040 Amstelland gevraagd"):
            call_command("render_council_decision", *args, "-o", str(target))
        assert not target.exists()
    else:
        with pytest.raises(CommandError, match="niet bij aan STO19040"):
            call_command("render_council_decision", *args, "-o", str(target))
        assert not target.exists()

    # Amstelveen's decision names Diemen among the municipalities taking part, and counts its
    # inhabitants in Amstelveen's share, exactly when Diemen takes part.
    data = council_decision_data(region, situation.amstelveen, period)
    assert ("Diemen" in data.other_municipalities) is takes_part
    inhabitants = sum(count for _name, count in world.MUNICIPALITIES.values())
    everyone = inhabitants + (31000 if takes_part else 0)
    assert data.inhabitants_share == Decimal(95892) * 100 / everyone

    # The officer of Diemen finds the decision on the reporting start page exactly then.
    links = overview_for(officer_of(diemen))["council_decisions"]
    offered = {(link.sto_number, link.municipality_key, link.period_code) for link in links}
    assert (tuple(args) in offered) is takes_part
