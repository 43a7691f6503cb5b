"""Convenants with their signatures, and annual reports.

Every region has a convenant for each period, signed by each organisation that is a partner at
some moment of the period (before the signing deadline, or shortly before it joined). The
region that breaks ``convenant_unsigned`` has two companies that never signed the 2025–2028
convenant; the one that breaks ``annual_report_overdue`` misses its 2023 report.
"""

import datetime as dt
import random

from . import names
from .breakers import breaks
from .figures import REFERENCE_DAY, SIGNING_DEADLINES
from .rows import PERIODS, AnnualReportRow, ConvenantRow, PeriodRow, SignatureRow
from .state import DemoRegion, Member, State

AMSTELLAND_TITLES = {
    "2020-2023": "Convenant STO Amstelland 2020-2023",
    "2024": "Verlenging convenant STO Amstelland 2024",
    "2025-2028": "Convenant samenwerkingsovereenkomst Sterk Techniek Onderwijs (STO) Amstelland 2025-2028",
}
# seeds 000: alderman F. Berkhout signs for Amstelveen with the mayor's proxy; sent 25 Sept 2024
AMSTELVEEN = "GM0362"
AMSTELVEEN_SIGNED = (
    dt.date(2024, 9, 25),
    "F. Berkhout",
    "wethouder (gevolmachtigd door de burgemeester)",
)


def convenants(state: State, region: DemoRegion) -> tuple[list[ConvenantRow], list[SignatureRow]]:
    unsigned = _unsigned(state, region)
    convenants, signatures = [], []
    for period in PERIODS:
        convenant = _convenant(region, period)
        convenants.append(convenant)
        seen: set[str] = set()
        for member in region.members:
            if member.key in seen or not member.overlaps(convenant.starts, convenant.ends):
                continue
            seen.add(member.key)
            signatures.append(_signature(state, region, convenant, member, unsigned))
    return convenants, signatures


def _unsigned(state: State, region: DemoRegion) -> list[str]:
    """Rule breaker ``convenant_unsigned``: its last two current companies do not sign."""
    if not breaks(region.sto, "convenant_unsigned"):
        return []
    return [m.key for m in state.members_of_kind(region, "company") if m.end is None][-2:]


def _convenant(region: DemoRegion, period: PeriodRow) -> ConvenantRow:
    if region.is_amstelland:
        title = AMSTELLAND_TITLES[period.code]
    else:
        title = f"Samenwerkingsovereenkomst STO {region.seed.name} {period.code}"
    model = period.as_model()
    return ConvenantRow(
        region.sto,
        period.code,
        title,
        model.first_day,
        model.end_date,
        SIGNING_DEADLINES[period.code],
    )


def _signature(
    state: State, region: DemoRegion, convenant: ConvenantRow, member: Member, unsigned: list[str]
) -> SignatureRow:
    key, period = member.key, convenant.period
    if region.is_amstelland and key == AMSTELVEEN and period == "2025-2028":
        return SignatureRow(region.sto, period, key, *AMSTELVEEN_SIGNED)
    if period == "2025-2028" and key in unsigned:
        return SignatureRow(region.sto, period, key, None, "", "")
    signatory = _signatory(state, key, period)
    signed_on = _signed_on(state.rng, member.start, convenant.signing_deadline)
    return SignatureRow(region.sto, period, key, signed_on, *signatory)


def _signatory(state: State, key: str, period: str) -> tuple[str, str]:
    """Who signs for the organisation, and in which function: the same person as last time,
    except that now and then someone new signs the 2025–2028 convenant."""
    rng = state.rng
    person = state.signatories.get(key)
    if person is None or (period == "2025-2028" and rng.random() < 0.3):
        kind = state.orgs[key].kind
        person = (state.person(), rng.choice(names.SIGNATORY_FUNCTIONS[kind]))
        state.signatories[key] = person
    return person


def _signed_on(rng: random.Random, joined: dt.date, deadline: dt.date) -> dt.date:
    """Some weeks before the deadline, or, for a partner that joined later, just before that."""
    if joined <= deadline:
        return deadline - dt.timedelta(days=rng.randint(3, 80))
    return joined - dt.timedelta(days=rng.randint(0, 20))


def annual_reports(state: State, region: DemoRegion) -> list[AnnualReportRow]:
    """A report for every year before ``REFERENCE_DAY``'s, submitted in April or May after it."""
    rng = state.rng
    rows = []
    for year in range(2020, REFERENCE_DAY.year):
        if breaks(region.sto, "annual_report_overdue") and year == 2023:
            continue
        submitted = dt.date(year + 1, rng.choice((4, 5, 5, 5)), rng.randint(1, 30))
        done = rng.sample(names.ANNUAL_REPORT_ACTIVITIES, k=3)
        text = f"Uitgevoerd in {year}: {done[0]}, {done[1]} en {done[2]}."
        rows.append(AnnualReportRow(region.sto, year, submitted, text))
    return rows
