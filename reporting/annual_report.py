"""The annual report (jaarverslag) of a region over a year: the data, and the PDF.

The report is due on 1 June of the following year (seeds 004 B.2 §3.2, seeds 000 "Evaluatie"):
activities carried out and their spending, with the year's grant, the co-financing committed and
realised per company and form, and the municipal contributions. The region supplies the
activities text (``regions.AnnualReport.activities``); everything else comes from the data.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
from cofinancing.shares import CofinancingShare, period_shares
from compliance.rules import open_findings_for
from regions.models import (
    AnnualReport,
    Finding,
    Membership,
    Period,
    Region,
    annual_report_due_on,
)
from sto.money import ZERO
from sto.pdf import RenderedPDF, render_pdf

# Partner kinds in the order the report lists them.
KIND_ORDER = ("vmbo", "mbo", "company", "po", "vso", "pro", "hbo", "municipality", "other")
KIND_LABELS = {
    "vmbo": gettext_lazy("Vmbo-vestigingen"),
    "mbo": gettext_lazy("Mbo-instellingen"),
    "company": gettext_lazy("Bedrijven"),
    "po": gettext_lazy("Po-scholen"),
    "vso": gettext_lazy("Vso-vestigingen"),
    "pro": gettext_lazy("Pro-vestigingen"),
    "hbo": gettext_lazy("Hbo-instellingen"),
    "municipality": gettext_lazy("Gemeenten"),
    "other": gettext_lazy("Overige partners"),
}


@dataclass
class PartnerGroup:
    kind: str
    label: str
    members: list  # of Membership, with organisation


@dataclass
class CofinancingLine:
    company: str
    key: str
    form: str
    committed: Decimal
    realised: Decimal | None


@dataclass
class AnnualReportData:
    region: Region
    year: int
    generated_on: datetime.date
    period: Period | None  # the period of the year (``Period.objects.for_year``)
    grant: Grant | None
    partner_groups: list[PartnerGroup]
    cofinancing: list[CofinancingLine]
    committed_total: Decimal
    realised_total: Decimal
    contributions: list[MunicipalContribution]
    requested_total: Decimal
    approved_total: Decimal
    findings: list[Finding]
    report: AnnualReport | None
    managers: list[str] = field(default_factory=list)
    # The co-financing over the whole period against its minimum (the rule cofinancing_share).
    period_share: CofinancingShare | None = None
    period_realised_share: CofinancingShare | None = None

    @property
    def grant_amount(self) -> Decimal:
        return self.grant.amount if self.grant else ZERO

    @property
    def committed_share(self) -> CofinancingShare:
        """The year's committed co-financing against the year's grant."""
        return CofinancingShare(amount=self.committed_total, grants=self.grant_amount)

    @property
    def realised_share(self) -> CofinancingShare:
        return CofinancingShare(amount=self.realised_total, grants=self.grant_amount)

    @property
    def due_on(self) -> datetime.date:
        return annual_report_due_on(self.year)

    @property
    def title(self) -> str:
        return _("Jaarverslag %(year)s – %(region)s (%(sto)s)") % {
            "year": self.year,
            "region": self.region.name,
            "sto": self.region.sto_number,
        }


def annual_report_data(
    region: Region, year: int, *, today: datetime.date | None = None
) -> AnnualReportData:
    """Gather everything the annual report of ``region`` over ``year`` shows (fixed queries)."""
    period = Period.objects.for_year(year)
    shares = period_shares(region, period) if period else None
    grant = Grant.objects.select_related("period").filter(region=region, year=year).first()

    memberships = (
        Membership.objects.filter(region=region)
        .during(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        .select_related("organisation")
        .order_by("organisation__name", "start")
    )
    by_kind: dict[str, list] = {}
    seen: set[int] = set()
    for membership in memberships:
        if membership.organisation_id in seen:
            continue
        seen.add(membership.organisation_id)
        by_kind.setdefault(membership.organisation.kind, []).append(membership)
    groups = [
        PartnerGroup(kind, str(KIND_LABELS.get(kind, kind)), by_kind[kind])
        for kind in KIND_ORDER
        if kind in by_kind
    ]

    lines = [
        CofinancingLine(
            company=c.organisation.name,
            key=c.organisation.key,
            form=c.get_form_display(),
            committed=c.committed,
            realised=c.realised,
        )
        for c in CofinancingCommitment.objects.filter(region=region, year=year)
        .select_related("organisation")
        .order_by("organisation__name", "form")
    ]
    contributions = list(
        MunicipalContribution.objects.filter(region=region, year=year)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    return AnnualReportData(
        region=region,
        year=year,
        generated_on=today or timezone.localdate(),
        period=period,
        grant=grant,
        partner_groups=groups,
        cofinancing=lines,
        committed_total=sum((line.committed for line in lines), ZERO),
        realised_total=sum((line.realised or ZERO for line in lines), ZERO),
        contributions=contributions,
        requested_total=sum((c.requested for c in contributions), ZERO),
        approved_total=sum((c.approved or ZERO for c in contributions), ZERO),
        findings=list(open_findings_for(Region.objects.filter(pk=region.pk))),
        report=AnnualReport.objects.filter(region=region, year=year).first(),
        managers=[
            a.user.get_full_name() or a.user.username
            for a in region.manager_assignments.select_related("user").order_by("user__username")
        ],
        period_share=shares[0] if shares else None,
        period_realised_share=shares[1] if shares else None,
    )


def render_annual_report(
    region: Region, year: int, *, today: datetime.date | None = None
) -> RenderedPDF:
    """The annual report of ``region`` over ``year`` as an archivable PDF (and its HTML)."""
    data = annual_report_data(region, year, today=today)
    return render_pdf("reporting/pdf/annual_report.html", {"data": data, "title": data.title})


def annual_report_filename(region: Region, year: int) -> str:
    return f"jaarverslag-{region.sto_number}-{year}.pdf"
