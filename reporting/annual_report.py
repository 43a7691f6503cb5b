"""The annual report (jaarverslag) of a region over a year: the data, the document, and the PDF.

The report is due on 1 June of the following year (seeds 004 B.2 §3.2, seeds 000 "Evaluatie"):
activities carried out and their spending, with the year's grant, the co-financing committed and
realised per company and form, and the municipal contributions.

- **As of 31 December of its year** (``as_of_day``): memberships, student counts, signatures, the
  rules' findings and the progress of the plan's activities are the state on that day; money is
  that of the year and of the period's years up to it (``cofinancing.shares.period_shares``).
- **A document of plain values** (``annual_report_document``): every figure is formatted once,
  in Dutch, into a JSON-able dict that the template prints. That dict is what is frozen when the
  region submits (``reporting.services.annual_report_freeze``), with its SHA-256 hash; a later
  render of a submitted report prints the frozen content and lists what changed since in an
  addendum (``document_changes``), never a silent change.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
from cofinancing.shares import CofinancingShare, period_shares
from compliance.rules import RuleResult, evaluate_snapshot, load_snapshot, rule_title
from plans.budget import BudgetSummary, Totals, budget_summary
from plans.models import Activity, Goal, Plan
from regions.convenants import PartySignature, party_signatures
from regions.models import (
    AnnualReport,
    Convenant,
    LearningPath,
    Membership,
    Period,
    Profile,
    Region,
    RegionKind,
    Severity,
    StudentCount,
    annual_report_due_on,
    technical_share,
)
from regions.selectors import vmbo_locations
from sto.formatting import (
    format_date,
    format_euro,
    format_number,
    format_percentage,
    format_threshold,
)
from sto.money import ZERO, Threshold, percentage, shown_percentage
from sto.pdf import RenderedPDF, render_pdf

from .models import AnnualReportNarrative, AnnualReportSection, AnnualReportSnapshot

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
# The shape of the frozen document; a later change of shape bumps it.
DOCUMENT_VERSION = 1


def as_of_day(year: int, today: datetime.date) -> datetime.date:
    """The day the report over ``year`` describes: 31 December of that year, or ``today`` while
    the year is not over (a provisional report; the rules are never run for a day to come)."""
    return min(datetime.date(year, 12, 31), today)


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
class StudentFigures:
    """The pupils of the region's vmbo locations on the day: each location's latest reference
    date on or before it (as the rules count them)."""

    counts: list  # of StudentCount
    reference_dates: list[datetime.date]
    technical: int  # BB/KB/GL students in a technical profile (``technical_share``)
    vocational: int  # all BB/KB/GL students

    @property
    def technical_pct(self) -> Decimal | None:
        return percentage(self.technical, self.vocational)


@dataclass
class GoalProgress:
    goal: Goal
    activities: list[Activity]
    done: int
    running: int


@dataclass
class AnnualReportData:
    region: Region
    year: int
    as_of: datetime.date
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
    findings: list[RuleResult]  # the rules as of ``as_of``
    report: AnnualReport | None
    managers: list[str] = field(default_factory=list)
    # Committed co-financing over the whole period against its minimum (rule cofinancing_share).
    period_share: CofinancingShare | None = None
    # Co-financing of the period's years up to this one, against the grants of those years.
    to_date_share: CofinancingShare | None = None
    to_date_realised_share: CofinancingShare | None = None
    students: StudentFigures | None = None
    convenant: Convenant | None = None
    # the convenant's parties that are partners on the day (``regions.convenants``)
    signatures: list[PartySignature] = field(default_factory=list)
    plan: Plan | None = None
    goals: list[GoalProgress] = field(default_factory=list)
    budget: BudgetSummary | None = None

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
    def year_is_over(self) -> bool:
        return self.as_of == datetime.date(self.year, 12, 31)

    @property
    def title(self) -> str:
        return _("Jaarverslag %(year)s – %(region)s (%(sto)s)") % {
            "year": self.year,
            "region": self.region.name,
            "sto": self.region.sto_number,
        }


def _students(region: Region, day: datetime.date) -> StudentFigures:
    locations = vmbo_locations(region, day)
    rows = list(
        StudentCount.objects.filter(organisation__in=locations, reference_date__lte=day)
        .select_related("organisation")
        .order_by("organisation__name", "-reference_date", "profile", "learning_path")
    )
    latest: dict[int, datetime.date] = {}
    for row in rows:
        latest.setdefault(row.organisation_id, row.reference_date)
    counts = [row for row in rows if row.reference_date == latest[row.organisation_id]]
    technical, vocational = technical_share(counts)
    return StudentFigures(counts, sorted(set(latest.values())), technical, vocational)


def _plan_of(region: Region, period: Period, day: datetime.date) -> Plan | None:
    """The version of the region's plan for the period that was in force on ``day``: the newest
    one handed in by then, else the newest version."""
    plans = Plan.objects.filter(region=region, period=period).select_related("period", "region")
    return (
        plans.filter(submitted_on__lte=day).order_by("-version").first()
        or plans.order_by("-version").first()
    )


def _goals(plan: Plan, day: datetime.date) -> list[GoalProgress]:
    goals = Goal.objects.filter(plan=plan).prefetch_related(
        Prefetch("activities", queryset=Activity.objects.order_by("starts", "code"))
    )
    progress = []
    for goal in goals:
        activities = list(goal.activities.all())
        done = sum(1 for a in activities if a.ends <= day)
        running = sum(1 for a in activities if a.starts <= day < a.ends)
        progress.append(GoalProgress(goal, activities, done, running))
    return progress


def annual_report_data(
    region: Region, year: int, *, today: datetime.date | None = None
) -> AnnualReportData:
    """Gather everything the annual report of ``region`` over ``year`` shows, as of 31 December
    of the year (``as_of_day``), in a fixed number of queries."""
    generated_on = today or timezone.localdate()
    day = as_of_day(year, generated_on)
    period = Period.objects.for_year(year)
    shares = period_shares(region, period) if period else None
    to_date = period_shares(region, period, through_year=year) if period else None
    grant = Grant.objects.select_related("period").filter(region=region, year=year).first()

    memberships = (
        Membership.objects.filter(region=region)
        .current_on(day)
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
        .order_by("organisation__name", "organisation__key", "form")
    ]
    contributions = list(
        MunicipalContribution.objects.filter(region=region, year=year)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    checked = Region.objects.select_related("lead").get(pk=region.pk)
    findings = [
        result
        for result in evaluate_snapshot(load_snapshot(day, regions=[checked]))
        if result.region_id == region.pk
    ]
    convenant = Convenant.objects.filter(region=region, period=period).first() if period else None
    plan = _plan_of(region, period, day) if period else None
    return AnnualReportData(
        region=region,
        year=year,
        as_of=day,
        generated_on=generated_on,
        period=period,
        grant=grant,
        partner_groups=groups,
        cofinancing=lines,
        committed_total=sum((line.committed for line in lines), ZERO),
        realised_total=sum((line.realised or ZERO for line in lines), ZERO),
        contributions=contributions,
        requested_total=sum((c.requested for c in contributions), ZERO),
        approved_total=sum((c.approved or ZERO for c in contributions), ZERO),
        findings=findings,
        report=AnnualReport.objects.filter(region=region, year=year).first(),
        managers=[
            a.user.get_full_name() or a.user.username
            for a in region.manager_assignments.select_related("user").order_by("user__username")
        ],
        period_share=shares[0] if shares else None,
        to_date_share=to_date[0] if to_date else None,
        to_date_realised_share=to_date[1] if to_date else None,
        students=_students(region, day),
        convenant=convenant,
        signatures=[p for p in party_signatures(convenant, day) if p.current] if convenant else [],
        plan=plan,
        goals=_goals(plan, day) if plan else [],
        budget=budget_summary(plan) if plan else None,
    )


# --- the document: plain values, formatted once -------------------------------------------------


def _table(
    columns: list[str],
    rows: list[tuple[str, list[str]]],
    *,
    caption: str = "",
    numeric: tuple[int, ...] = (),
    foot: list[str] | None = None,
    css: str = "",
) -> dict[str, Any]:
    """A table of the document: ``rows`` are (the row's name, its cells); the name tells a row
    apart in the addendum of corrections."""
    return {
        "type": "table",
        "caption": caption,
        "class": css,
        "columns": [{"label": label, "num": i in numeric} for i, label in enumerate(columns)],
        "rows": [{"key": key, "cells": cells} for key, cells in rows],
        "foot": foot,
    }


def _p(text: str, css: str = "") -> dict[str, Any]:
    return {"type": "p", "text": text, "class": css}


def _euro(amount: Decimal | None, places: int | None = None) -> str:
    return format_euro(amount, places) if amount is not None else "–"


def _pct(share: CofinancingShare) -> str:
    return format_percentage(share.shown_pct) if share.shown_pct is not None else "–"


def _partners(data: AnnualReportData) -> list[dict]:
    blocks = []
    if data.region.lead:
        blocks.append(_p(_("Penvoerder: %(lead)s.") % {"lead": data.region.lead.name}))
    for group in data.partner_groups:
        rows = []
        for m in group.members:
            name = m.organisation.name
            if m.organisation_id == data.region.lead_id:
                name = _("%(name)s (penvoerder)") % {"name": name}
            rows.append(
                (
                    f"{m.organisation.name} ({m.organisation.key})",
                    [name, m.organisation.key, m.organisation.city, format_date(m.start)],
                )
            )
        blocks.append(
            _table(
                [_("Naam"), _("Kenmerk"), _("Plaats"), _("Lid vanaf")],
                rows,
                caption=f"{group.label} ({len(group.members)})",
            )
        )
    if not data.partner_groups:
        blocks.append(_p(_("Er zijn op deze dag geen partners vastgelegd.")))
    return blocks


def _students_blocks(data: AnnualReportData) -> list[dict]:
    figures = data.students
    if figures is None or not figures.counts:
        return [
            _p(_("Voor de vmbo-vestigingen van de regio zijn geen leerlingaantallen vastgelegd."))
        ]
    paths = list(LearningPath.values)
    cells: dict[tuple[str, str], int] = {}
    for count in figures.counts:
        key = (count.profile, count.learning_path)
        cells[key] = cells.get(key, 0) + count.students
    rows = []
    for profile in Profile.values:
        values = [cells.get((profile, path), 0) for path in paths]
        if any(values):
            rows.append(
                (
                    profile,
                    [profile, *[format_number(v) for v in values], format_number(sum(values))],
                )
            )
    totals = [sum(cells.get((p, path), 0) for p in Profile.values) for path in paths]
    blocks = [
        _p(
            _("Leerlingen van de vmbo-vestigingen van de regio op peildatum %(dates)s.")
            % {"dates": ", ".join(format_date(d) for d in figures.reference_dates)}
        ),
        _table(
            [_("Profiel"), *paths, _("Totaal")],
            rows,
            caption=_("Leerlingen per profiel en leerweg"),
            numeric=tuple(range(1, len(paths) + 2)),
            foot=[_("Totaal"), *[format_number(v) for v in totals], format_number(sum(totals))],
        ),
    ]
    if figures.vocational:
        # Judged against a maximum: rounded up when shown (as the rule techniekarm_share does).
        shown = shown_percentage(figures.technical_pct, threshold=Threshold.MAXIMUM)
        text = _(
            "Technisch aandeel: %(technical)s van %(total)s leerlingen in BB/KB/GL "
            "(%(pct)s) volgen een technisch profiel (BWI, PIE, M&T, MaT, MVI)."
        ) % {
            "technical": format_number(figures.technical),
            "total": format_number(figures.vocational),
            "pct": format_percentage(shown),
        }
        if data.region.kind == RegionKind.TECHNIEKARM and data.period:
            maximum = data.period.techniekarm_max_technical_pct
            text += " " + _("Voor een techniekarme regio is dat aandeel maximaal %(maximum)s.") % {
                "maximum": format_threshold(maximum)
            }
        blocks.append(_p(text))
    return blocks


def _convenant_blocks(data: AnnualReportData) -> list[dict]:
    if data.convenant is None:
        return [_p(_("Voor de periode van dit jaar is geen convenant vastgelegd."))]
    convenant = data.convenant
    rows = []
    signed = 0
    for party in data.signatures:
        signature = party.signature
        is_signed = (
            signature is not None
            and signature.signed_on is not None
            and signature.signed_on <= data.as_of
        )
        signed += is_signed
        org = party.organisation
        rows.append(
            (
                f"{org.name} ({org.key})",
                [
                    org.name,
                    format_date(signature.signed_on) if is_signed else _("niet ondertekend"),
                    signature.signatory if is_signed else "",
                    signature.function if is_signed else "",
                ],
            )
        )
    blocks = [
        _p(
            _("%(title)s, van %(starts)s tot en met %(ends)s.")
            % {
                "title": convenant.title,
                "starts": format_date(convenant.starts),
                "ends": format_date(convenant.ends),
            }
        ),
        _p(
            _("Op %(day)s hebben %(signed)s van de %(total)s partners ondertekend.")
            % {
                "day": format_date(data.as_of),
                "signed": signed,
                "total": len(data.signatures),
            }
        ),
    ]
    if rows:
        blocks.append(
            _table(
                [_("Partner"), _("Ondertekend op"), _("Ondertekenaar"), _("Functie")],
                rows,
                caption=_("Ondertekening"),
            )
        )
    return blocks


def _grant_blocks(data: AnnualReportData) -> list[dict]:
    if not data.grant or not data.period:
        return [_p(_("Voor dit jaar is geen subsidie vastgelegd."))]
    blocks = [
        _p(
            _("Subsidie %(year)s: %(amount)s (periode %(period)s).")
            % {"year": data.year, "amount": _euro(data.grant.amount), "period": data.period.code}
        )
    ]
    if data.period_share and data.to_date_share:
        blocks.append(
            _p(
                _(
                    "Subsidie over de hele periode %(period)s: %(amount)s; over de periode tot "
                    "en met %(year)s: %(to_date)s. De minimale cofinanciering is %(pct)s daarvan, "
                    "gemeten over de periode."
                )
                % {
                    "period": data.period.code,
                    "amount": _euro(data.period_share.grants),
                    "year": data.year,
                    "to_date": _euro(data.to_date_share.grants),
                    "pct": format_threshold(data.period_share.minimum_pct),
                }
            )
        )
    return blocks


def _cofinancing_blocks(data: AnnualReportData) -> list[dict]:
    blocks: list[dict] = []
    if data.cofinancing:
        rows: list[tuple[str, list[str]]] = []
        by_company: dict[tuple[str, str], list[CofinancingLine]] = {}
        for line in data.cofinancing:
            by_company.setdefault((line.company, line.key), []).append(line)
        for (company, key), lines in by_company.items():
            for line in lines:
                rows.append(
                    (
                        f"{company} ({key}) – {line.form}",
                        [
                            company,
                            key,
                            line.form,
                            _euro(line.committed, 2),
                            _euro(line.realised, 2),
                        ],
                    )
                )
            if len(lines) > 1:
                rows.append(
                    (
                        _("Subtotaal %(company)s (%(key)s)") % {"company": company, "key": key},
                        [
                            _("Subtotaal %(company)s") % {"company": company},
                            "",
                            "",
                            _euro(sum((li.committed for li in lines), ZERO), 2),
                            _euro(sum((li.realised or ZERO for li in lines), ZERO), 2),
                        ],
                    )
                )
        blocks.append(
            _table(
                [_("Bedrijf"), _("KvK-nummer"), _("Vorm"), _("Toegezegd"), _("Gerealiseerd")],
                rows,
                numeric=(3, 4),
                caption=_("Per bedrijf en vorm"),
                foot=[
                    _("Totaal"),
                    "",
                    "",
                    _euro(data.committed_total, 2),
                    _euro(data.realised_total, 2),
                ],
                css="cofinancing",
            )
        )
        by_form: dict[str, list[Decimal]] = {}
        for line in data.cofinancing:
            sums = by_form.setdefault(line.form, [ZERO, ZERO])
            sums[0] += line.committed
            sums[1] += line.realised or ZERO
        blocks.append(
            _table(
                [_("Vorm"), _("Toegezegd"), _("Gerealiseerd")],
                [
                    (form, [form, _euro(c, 2), _euro(r, 2)])
                    for form, (c, r) in sorted(by_form.items())
                ],
                numeric=(1, 2),
                caption=_("Per vorm"),
            )
        )
    else:
        blocks.append(_p(_("Voor dit jaar is geen cofinanciering vastgelegd.")))
    if not data.grant or not data.period_share or not data.to_date_share:
        return blocks
    first, year, code = data.period.start_year, data.year, data.period.code  # type: ignore[union-attr]
    share_rows = [
        (_("Toegezegd %(year)s") % {"year": year}, data.committed_share),
        (_("Gerealiseerd %(year)s") % {"year": year}, data.realised_share),
        (
            _("Toegezegd periode %(period)s (hele periode)") % {"period": code},
            data.period_share,
        ),
        (
            _("Gerealiseerd periode t/m %(year)s") % {"year": year},
            data.to_date_realised_share,
        ),
    ]
    blocks.append(
        _table(
            ["", _("Cofinanciering"), _("Subsidie"), _("Percentage")],
            [
                (label, [label, _euro(share.amount), _euro(share.grants), _pct(share)])
                for label, share in share_rows
                if share is not None
            ],
            numeric=(1, 2, 3),
            caption=_("Cofinanciering als aandeel van de subsidie"),
            css="percentages",
        )
    )
    blocks.append(
        _p(
            _(
                "Gerealiseerde cofinanciering wordt vergeleken met de subsidie van de jaren "
                "die voorbij zijn (%(first)s t/m %(year)s), niet met de subsidie van de hele "
                "periode %(period)s."
            )
            % {"first": first, "year": year, "period": code},
            "muted",
        )
    )
    share = data.period_share
    values = {"pct": _pct(share), "minimum": format_threshold(share.minimum_pct)}
    if share.minimum_met:
        blocks.append(
            _p(
                _(
                    "De toegezegde cofinanciering over de periode (%(pct)s) voldoet aan het "
                    "minimum van %(minimum)s."
                )
                % values,
                "ok",
            )
        )
    elif share.minimum_met is False:
        blocks.append(
            _p(
                _(
                    "De toegezegde cofinanciering over de periode (%(pct)s) is lager dan het "
                    "minimum van %(minimum)s: er ontbreekt %(shortfall)s."
                )
                % {**values, "shortfall": _euro(share.shortfall)},
                "error",
            )
        )
    return blocks


def _contribution_blocks(data: AnnualReportData) -> list[dict]:
    if not data.contributions:
        return [_p(_("Voor dit jaar zijn geen gemeentelijke bijdragen vastgelegd."))]
    return [
        _table(
            [_("Gemeente"), _("Gevraagd"), _("Toegekend"), _("Status")],
            [
                (
                    f"{c.municipality.name} ({c.municipality.key})",
                    [
                        c.municipality.name,
                        _euro(c.requested),
                        _euro(c.approved),
                        str(c.get_status_display()),
                    ],
                )
                for c in data.contributions
            ],
            numeric=(1, 2),
            foot=[_("Totaal"), _euro(data.requested_total), _euro(data.approved_total), ""],
            css="contributions",
        )
    ]


def _finding_blocks(data: AnnualReportData) -> list[dict]:
    intro = _p(
        _("De controles van het programma, uitgevoerd voor %(day)s.")
        % {"day": format_date(data.as_of)}
    )
    if not data.findings:
        return [intro, _p(_("Er zijn geen openstaande bevindingen."))]
    return [
        intro,
        _table(
            [_("Bevinding"), _("Ernst"), _("Melding")],
            [
                (
                    f"{rule_title(f.rule)} {f.subject}".strip(),
                    [rule_title(f.rule), str(Severity(f.severity).label), f.message],
                )
                for f in data.findings
            ],
            css="findings",
        ),
    ]


def _goal_blocks(data: AnnualReportData) -> list[dict]:
    if data.plan is None or data.period is None:
        return [_p(_("Voor de periode van dit jaar is geen regioplan vastgelegd."))]
    blocks = [
        _p(
            _("Regioplan %(period)s, versie %(version)s (%(status)s).")
            % {
                "period": data.period.code,
                "version": data.plan.version,
                "status": data.plan.get_status_display(),
            }
        )
    ]
    if not data.goals:
        blocks.append(_p(_("Het regioplan bevat geen doelen.")))
        return blocks
    two_years = data.period.start_year + 1
    rows = []
    for progress in data.goals:
        goal = progress.goal
        total = len(progress.activities)
        state = (
            _("%(done)s van %(total)s activiteiten afgerond, %(running)s lopend")
            % {"done": progress.done, "total": total, "running": progress.running}
            if total
            else _("geen activiteiten gekoppeld")
        )
        rows.append(
            (
                goal.code,
                [
                    f"{goal.code} ({goal.get_theme_display()})",
                    goal.description,
                    _("%(text)s (eind %(year)s)") % {"text": goal.milestone_2y, "year": two_years},
                    _("%(text)s (eind %(year)s)")
                    % {"text": goal.milestone_4y, "year": data.period.end_year},
                    state,
                ],
            )
        )
    blocks.append(
        _table(
            [
                _("Doel"),
                _("Omschrijving"),
                _("Mijlpaal na 2 jaar"),
                _("Mijlpaal na 4 jaar"),
                _("Voortgang"),
            ],
            rows,
            caption=_("Doelen, mijlpalen en voortgang op %(day)s")
            % {"day": format_date(data.as_of)},
            css="goals",
        )
    )
    return blocks


def _spending_blocks(data: AnnualReportData) -> list[dict]:
    blocks: list[dict] = []
    if data.budget is not None and data.period is not None:
        year_totals = data.budget.by_year.get(data.year, Totals())
        to_date = Totals()
        for y, totals in data.budget.by_year.items():
            if y <= data.year:
                to_date.personnel += totals.personnel
                to_date.material += totals.material
                to_date.overhead += totals.overhead
        committed = data.to_date_share.amount if data.to_date_share else None
        realised = data.to_date_realised_share.amount if data.to_date_realised_share else None
        grants = data.to_date_share.grants if data.to_date_share else None
        to_date_label = _("Periode t/m %(year)s") % {"year": data.year}
        rows = [
            (_("Begroot: personeel"), year_totals.personnel, to_date.personnel),
            (_("Begroot: materieel"), year_totals.material, to_date.material),
            (_("Begroot: overhead"), year_totals.overhead, to_date.overhead),
            (_("Begroot: totaal"), year_totals.total, to_date.total),
            (_("Subsidie"), data.grant_amount, grants),
            (_("Toegezegde cofinanciering"), data.committed_total, committed),
            (_("Gerealiseerde cofinanciering"), data.realised_total, realised),
        ]
        blocks.append(
            _table(
                ["", str(data.year), to_date_label],
                [(label, [label, _euro(a), _euro(b)]) for label, a, b in rows],
                numeric=(1, 2),
                caption=_("Begroting van het regioplan tegenover subsidie en cofinanciering"),
                css="spending",
            )
        )
    else:
        blocks.append(_p(_("Er is geen begroting van het regioplan om mee te vergelijken.")))
    activities = data.report.activities if data.report else ""
    if activities:
        blocks.extend(_p(part.strip()) for part in activities.split("\n\n") if part.strip())
    else:
        blocks.append(
            _p(
                _(
                    "De regio heeft voor dit jaar nog geen beschrijving van de activiteiten en "
                    "de besteding aangeleverd."
                ),
                "muted",
            )
        )
    return blocks


SECTION_BUILDERS = {
    AnnualReportSection.PARTNERS: _partners,
    AnnualReportSection.STUDENTS: _students_blocks,
    AnnualReportSection.CONVENANT: _convenant_blocks,
    AnnualReportSection.GRANT: _grant_blocks,
    AnnualReportSection.COFINANCING: _cofinancing_blocks,
    AnnualReportSection.CONTRIBUTIONS: _contribution_blocks,
    AnnualReportSection.FINDINGS: _finding_blocks,
    AnnualReportSection.GOALS: _goal_blocks,
    AnnualReportSection.SPENDING: _spending_blocks,
}


def narratives_of(region: Region, year: int) -> dict[str, str]:
    """The programme manager's text per section of the report (section key → text)."""
    return dict(
        AnnualReportNarrative.objects.filter(region=region, year=year).values_list(
            "section", "text"
        )
    )


def annual_report_document(
    region: Region, year: int, *, today: datetime.date | None = None
) -> dict[str, Any]:
    """The annual report as plain, formatted values (JSON-able): what the PDF prints and what is
    frozen when the region submits. Dutch, whatever the reader's language."""
    with translation.override("nl"):
        data = annual_report_data(region, year, today=today)
        narratives = narratives_of(region, year)
        managers = ", ".join(data.managers)
        lead = data.region.lead
        submitted_on = data.report.submitted_on if data.report else None
        meta = [
            (_("Regio"), data.region.name),
            (_("STO-nummer"), data.region.sto_number),
            (_("Soort regio"), str(data.region.get_kind_display())),
            (_("Penvoerder"), f"{lead.name} ({lead.key})" if lead else _("niet vastgelegd")),
            (_("Programmamanager"), managers or "–"),
            (
                _("Verslagjaar"),
                f"{year} ({_('periode')} {data.period.code})" if data.period else str(year),
            ),
            (_("Stand per"), format_date(data.as_of)),
            (_("In te dienen vóór"), format_date(data.due_on)),
            (
                _("Ingediend op"),
                format_date(submitted_on) if submitted_on else _("nog niet ingediend"),
            ),
        ]
        sections = [
            {
                "key": section.value,
                "number": number,
                "title": str(section.label),
                "blocks": SECTION_BUILDERS[section](data),
                "narrative": narratives.get(section.value, ""),
            }
            for number, section in enumerate(AnnualReportSection, start=1)
        ]
        return {
            "version": DOCUMENT_VERSION,
            "title": data.title,
            "region": data.region.name,
            "sto_number": data.region.sto_number,
            "year": year,
            "as_of": data.as_of.isoformat(),
            "year_is_over": data.year_is_over,
            "meta": [[label, value] for label, value in meta],
            "sections": sections,
        }


def document_hash(document: dict[str, Any]) -> str:
    """The SHA-256 of the document's canonical JSON (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Change:
    """One difference between the submitted report and the data now."""

    where: str
    before: str
    after: str


def _facts(document: dict[str, Any]) -> dict[str, str]:
    """Every value of the document under a name a person reads ("Section › table › row ›
    column"), for comparing two versions of one report."""
    facts: dict[str, str] = {}
    meta_skip = {_("Ingediend op")}
    for label, value in document.get("meta", []):
        if label not in meta_skip:
            facts[label] = value
    for section in document.get("sections", []):
        title = f"{section['number']}. {section['title']}"
        paragraphs = 0
        for block in section["blocks"]:
            if block["type"] == "p":
                paragraphs += 1
                facts[f"{title} › {_('tekst')} {paragraphs}"] = block["text"]
                continue
            where = f"{title} › {block['caption']}" if block["caption"] else title
            labels = [c["label"] for c in block["columns"]]
            for row in block["rows"]:
                for label, cell in zip(labels, row["cells"], strict=False):
                    name = f"{where} › {row['key']}" + (f" › {label}" if label else "")
                    facts[name] = cell
            if block["foot"]:
                for label, cell in zip(labels, block["foot"], strict=False):
                    if label:
                        facts[f"{where} › {_('Totaal')} › {label}"] = cell
        facts[f"{title} › {_('Toelichting')}"] = section.get("narrative", "")
    return facts


def document_changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What changed between the submitted report (``before``) and the report from the data now
    (``after``), in the order of the document; "–" where a value is new or gone."""
    with translation.override("nl"):
        old, new = _facts(before), _facts(after)
    names = list(old) + [name for name in new if name not in old]
    return [
        Change(name, old.get(name) or "–", new.get(name) or "–")
        for name in names
        if (old.get(name) or "") != (new.get(name) or "")
    ]


def _groups(digest: str, size: int = 8) -> list[str]:
    """A hash in groups of eight characters, as it is read aloud and compared on paper."""
    return [digest[i : i + size] for i in range(0, len(digest), size)]


def render_annual_report(
    region: Region, year: int, *, today: datetime.date | None = None
) -> RenderedPDF:
    """The annual report of ``region`` over ``year`` as an archivable PDF (and its HTML).

    Once submitted, the report prints the content frozen at submission, its hash, and an
    addendum with the corrections made since."""
    generated_on = today or timezone.localdate()
    live = annual_report_document(region, year, today=generated_on)
    snapshot = AnnualReportSnapshot.objects.filter(region=region, year=year).first()
    document = snapshot.data if snapshot else live
    changes = document_changes(snapshot.data, live) if snapshot else []
    return render_pdf(
        "reporting/pdf/annual_report.html",
        {
            "doc": document,
            "title": document["title"],
            "snapshot": snapshot,
            "changes": changes,
            "generated_on": generated_on,
            "hash_groups": _groups(snapshot.sha256) if snapshot else [],
            "submitted_on": AnnualReport.objects.filter(region=region, year=year)
            .values_list("submitted_on", flat=True)
            .first(),
        },
    )


def annual_report_filename(region: Region, year: int) -> str:
    return f"jaarverslag-{region.sto_number}-{year}.pdf"
