"""Excel exports for reviewers: the monitor's tables and per-list exports.

Built on the shared writer in ``sto.excel`` (typed number and date cells, Dutch headers,
frozen header row, autofilter, column widths, formula-like text stored as text). Every export
takes the regions the user may see, so it never holds more than the pages show.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cofinancing.exports import (
    cofinancing_columns,
    cofinancing_rows,
    contribution_columns,
    contribution_rows,
)
from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
from regions.models import AnnualReport, Region, annual_report_due_on
from sto.excel import Column, add_table_sheet, new_workbook

from .monitor import Monitor, Span


def monitor_workbook(monitor: Monitor):
    """The monitor's Tabel 2.1, Tabel 2.2, Figuur 2.1 and the per-region figures behind them."""
    workbook = new_workbook(_("Landelijke monitor Sterk Techniekonderwijs"))
    add_table_sheet(
        workbook,
        _("Tabel 2.1 Partners"),
        [
            Column(_("Betrokken partners"), "text", 30),
            Column(_("Verplicht"), "text", 11),
            Column(_("Betrokken volgens # regio's"), "int", 16),
            Column(_("Minimum per regio"), "int", 12),
            Column(_("Maximum per regio"), "int", 12),
            Column(_("Gemiddeld per regio"), "decimal", 12),
            Column(_("Totaal"), "int", 10),
        ],
        [
            [
                row.label,
                _("ja") if row.mandatory else _("nee"),
                row.regions_involved,
                row.minimum,
                row.maximum,
                row.mean,
                row.total,
            ]
            for row in [*monitor.partner_rows, monitor.partner_total]
        ],
    )
    add_table_sheet(
        workbook,
        _("Tabel 2.2 Bedragen"),
        [
            Column(_("Bedrag (euro)"), "text", 30),
            Column(_("Minimum per regio"), "money", 16),
            Column(_("Maximum per regio"), "money", 16),
            Column(_("Gemiddeld per regio"), "money", 16),
            Column(_("Totaal"), "money", 18),
        ],
        [[row.label, row.minimum, row.maximum, row.mean, row.total] for row in monitor.money_rows],
    )
    add_table_sheet(
        workbook,
        _("Figuur 2.1 Cofinanciering"),
        [
            Column(_("Cofinanciering (% van de subsidie)"), "text", 30),
            Column(_("Aantal regio's"), "int", 14),
        ],
        [[band.label, band.count] for band in monitor.bands],
    )
    add_table_sheet(workbook, _("Regio's"), *_region_sheet(monitor))
    return workbook


def _region_sheet(monitor: Monitor):
    columns = [
        Column(_("STO-nummer"), "text", 12),
        Column(_("Regio"), "text", 32),
        Column(_("Soort"), "text", 12),
        Column(_("Penvoerder"), "text", 32),
        Column(_("Subsidie"), "money", 16),
        Column(_("Cofinanciering"), "money", 16),
        Column(_("Totale investering"), "money", 16),
        Column(_("Cofinanciering (%)"), "pct", 12),
        Column(_("Vmbo"), "int", 8),
        Column(_("Mbo"), "int", 8),
        Column(_("Bedrijven"), "int", 10),
        Column(_("Po"), "int", 8),
        Column(_("Vso/pro"), "int", 9),
        Column(_("Hbo"), "int", 8),
        Column(_("Gemeenten"), "int", 11),
        Column(_("Partners totaal"), "int", 10),
    ]
    rows = (
        [
            r.sto_number,
            r.name,
            r.kind_label,
            r.lead_name,
            r.subsidy,
            r.cofinancing,
            r.investment,
            r.share.shown_pct,
            r.partners.get("vmbo", 0),
            r.partners.get("mbo", 0),
            r.partners.get("company", 0),
            r.partners.get("po", 0),
            r.partners.get("vso", 0) + r.partners.get("pro", 0),
            r.partners.get("hbo", 0),
            r.partners.get("municipality", 0),
            r.partners_total,
        ]
        for r in monitor.regions
    )
    return columns, rows


def regions_workbook(monitor: Monitor):
    """One row per region with its money and partners in the monitor's span."""
    workbook = new_workbook()
    add_table_sheet(workbook, _("Regio's"), *_region_sheet(monitor))
    return workbook


def cofinancing_workbook(span: Span, regions: QuerySet[Region]):
    """Every co-financing line in the span (one query, streamed)."""
    rows = (
        CofinancingCommitment.objects.filter(
            region__in=regions, year__range=(span.start_year, span.end_year)
        )
        .select_related("region", "organisation")
        .order_by("region__sto_number", "year", "organisation__name", "form")
    )
    workbook = new_workbook()
    add_table_sheet(workbook, _("Cofinanciering"), cofinancing_columns(), cofinancing_rows(rows))
    return workbook


def contributions_workbook(span: Span, regions: QuerySet[Region]):
    """Every municipal contribution in the span (one query, streamed)."""
    rows = (
        MunicipalContribution.objects.filter(
            region__in=regions, year__range=(span.start_year, span.end_year)
        )
        .select_related("region", "municipality")
        .order_by("region__sto_number", "year", "municipality__name")
    )
    workbook = new_workbook()
    add_table_sheet(
        workbook, _("Gemeentelijke bijdragen"), contribution_columns(), contribution_rows(rows)
    )
    return workbook


def annual_reports_workbook(span: Span, regions: QuerySet[Region]):
    """Per region and year with a grant: the annual report's due date and submission (two queries)."""
    grants = (
        Grant.objects.filter(region__in=regions, year__range=(span.start_year, span.end_year))
        .select_related("region")
        .order_by("region__sto_number", "year")
    )
    submitted = {
        (r.region_id, r.year): r.submitted_on
        for r in AnnualReport.objects.filter(
            region__in=regions, year__range=(span.start_year, span.end_year)
        ).only("region_id", "year", "submitted_on")
    }
    workbook = new_workbook()
    add_table_sheet(
        workbook,
        _("Jaarverslagen"),
        [
            Column(_("STO-nummer"), "text", 12),
            Column(_("Regio"), "text", 32),
            Column(_("Jaar"), "year", 8),
            Column(_("Subsidie"), "money", 16),
            Column(_("Uiterste indiendatum"), "date", 14),
            Column(_("Ingediend op"), "date", 14),
        ],
        (
            [
                g.region.sto_number,
                g.region.name,
                g.year,
                g.amount,
                annual_report_due_on(g.year),
                submitted.get((g.region_id, g.year)),
            ]
            for g in grants
        ),
    )
    return workbook
