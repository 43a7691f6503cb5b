"""Composition of a region: who takes part on the day checked (conditions c, f, g; seeds 004 §2,
seeds 003 "Penvoerder")."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from regions.models import (
    TECHNICAL_PROFILES,
    OrganisationKind,
    RegionKind,
    Severity,
    technical_share,
)
from sto.formatting import format_date, format_number, format_percentage, format_threshold
from sto.money import Threshold, percentage, shown_percentage

from .deadlines import describe_organisations
from .registry import Violation, rule
from .snapshot import RegionFacts, Snapshot
from .text import plural

# Condition c: at least two vmbo locations with a vocational technical profile.
MIN_TECHNICAL_VMBO_LOCATIONS = 2
# Condition g: at least one mbo institution.
MIN_MBO_INSTITUTIONS = 1
# Co-financing comes from companies (condition h), so a region needs at least one.
MIN_COMPANIES = 1
# Fallback when no period covers the year checked (seeds 004 §1.1, footnote 14).
DEFAULT_TECHNIEKARM_MAX_TECHNICAL_PCT = Decimal("10")


@rule(
    "min_vmbo_locations", Severity.ERROR, _("Te weinig vmbo-vestigingen met een technisch profiel")
)
def min_vmbo_locations(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Condition c (seeds 004 §2; seeds 003): a techniekregio has at least two current vmbo
    locations with one or more technical profiles. Techniekarme regions are checked by
    ``techniekarm_share`` instead."""
    if facts.region.kind != RegionKind.TECHNIEK:
        return
    technical = [o for o in facts.members_of_kind(OrganisationKind.VMBO) if o.has_technical_profile]
    if len(technical) >= MIN_TECHNICAL_VMBO_LOCATIONS:
        return
    which = f" ({describe_organisations(technical)})" if technical else ""
    count = (
        plural(len(technical), "vmbo-vestiging", "vmbo-vestigingen")
        if technical
        else "geen vmbo-vestiging"
    )
    yield Violation(
        subject="",
        message=(
            f"Regio {facts.region.sto_number} heeft {count} met een technisch profiel "
            f"als deelnemer{which}; minimaal {MIN_TECHNICAL_VMBO_LOCATIONS} nodig "
            f"(voorwaarde c)."
        ),
    )


@rule("min_mbo", Severity.ERROR, _("Geen mbo-instelling"))
def min_mbo(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Condition g (seeds 004 §2): at least one mbo institution takes part."""
    if len(facts.members_of_kind(OrganisationKind.MBO)) >= MIN_MBO_INSTITUTIONS:
        return
    yield Violation(
        subject="",
        message=(
            f"Regio {facts.region.sto_number} heeft geen mbo-instelling als deelnemer"
            f"; minimaal {MIN_MBO_INSTITUTIONS} nodig (voorwaarde g)."
        ),
    )


@rule("min_company", Severity.ERROR, _("Geen bedrijf"))
def min_company(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Condition h (seeds 004 §2; seeds 003): companies co-finance, so at least one company
    takes part."""
    if len(facts.members_of_kind(OrganisationKind.COMPANY)) >= MIN_COMPANIES:
        return
    yield Violation(
        subject="",
        message=(
            f"Regio {facts.region.sto_number} heeft geen bedrijf als deelnemer"
            f"; minimaal {MIN_COMPANIES} nodig voor de cofinanciering (voorwaarde h)."
        ),
    )


@rule("vmbo_single_region", Severity.ERROR, _("Vmbo-vestiging in meer dan één regio"))
def vmbo_single_region(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Condition f (seeds 004 §2; seeds 003): a vmbo location belongs to at most one region.
    Reported for every region involved, one finding per location (subject: its key)."""
    for organisation in facts.members_of_kind(OrganisationKind.VMBO):
        region_ids = snapshot.vmbo_region_ids.get(organisation.pk, set())
        others = sorted(
            (snapshot.regions_by_id[r] for r in region_ids if r != facts.region.pk),
            key=lambda region: region.sto_number,
        )
        if not others:
            continue
        other_text = ", ".join(f"{r.sto_number} {r.name}" for r in others)
        yield Violation(
            subject=organisation.key,
            message=(
                f"Vmbo-vestiging {organisation.name} ({organisation.key}) is ook deelnemer"
                f" van regio {other_text}; een vestiging "
                f"hoort bij ten hoogste één regio (voorwaarde f)."
            ),
        )


@rule("lead_technical_vmbo", Severity.ERROR, _("Penvoerder voldoet niet"))
def lead_technical_vmbo(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Seeds 003 "Penvoerder": the penvoerder is a vmbo location with technical profiles, and it
    is a current member of the region it leads."""
    lead = facts.region.lead
    if lead is None:
        yield Violation(
            subject="",
            message=(
                f"Regio {facts.region.sto_number} heeft geen penvoerder; de penvoerder moet een "
                f"vmbo-vestiging met een technisch profiel zijn."
            ),
        )
        return
    problems = []
    if lead.kind != OrganisationKind.VMBO:
        problems.append(f"is geen vmbo-vestiging maar een {lead.get_kind_display()}")
    elif not lead.has_technical_profile:
        problems.append(f"heeft geen technisch profiel ({', '.join(TECHNICAL_PROFILES)})")
    if lead.pk not in facts.members:
        problems.append("is geen (huidige) deelnemer van de regio")
    if problems:
        yield Violation(
            subject=lead.key,
            message=f"Penvoerder {lead.name} ({lead.key}) {' en '.join(problems)}.",
        )


@rule("techniekarm_share", Severity.ERROR, _("Te groot technisch aandeel in techniekarme regio"))
def techniekarm_share(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Condition c for a techniekarme regio (seeds 004 §2, footnote 14): at most
    ``Period.techniekarm_max_technical_pct`` (10 %) of the BB/KB/GL students of the region's
    current vmbo locations are in a technical profile (BWI, PIE, M&T, MaT, MVI). Each location's
    latest reference date on or before the day counts. The threshold is that of the period
    containing the year checked, else 10 %. No counts: nothing to judge, no finding."""
    if facts.region.kind != RegionKind.TECHNIEKARM or not facts.student_counts:
        return
    technical, total = technical_share(facts.student_counts)
    if total == 0:
        return
    period = snapshot.period_containing(snapshot.today.year)
    maximum = (
        period.techniekarm_max_technical_pct if period else DEFAULT_TECHNIEKARM_MAX_TECHNICAL_PCT
    )
    if Decimal(technical) * 100 <= maximum * total:  # exact: no rounding before comparing
        return
    # Judged against a maximum: rounded up when shown, so 10,04 % never reads as 10,0 %.
    share = shown_percentage(percentage(technical, total), threshold=Threshold.MAXIMUM)
    dates = sorted({c.reference_date for c in facts.student_counts})
    date_text = ", ".join(format_date(d) for d in dates)
    yield Violation(
        subject="",
        message=(
            f"Techniekarme regio {facts.region.sto_number}: {format_number(technical)} van "
            f"{format_number(total)} leerlingen in "
            f"BB/KB/GL ({format_percentage(share, 1)}) volgen een technisch profiel "
            f"(peildatum {date_text}); maximaal {format_threshold(maximum)} toegestaan."
        ),
    )
