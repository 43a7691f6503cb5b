"""Reads of findings for the web pages (the region dashboard and the reviewer's list).

Pass a queryset that already says what the user may see, e.g.
``open_findings_for(regions_visible_to(request.user))``.
"""

from __future__ import annotations

import datetime

from django.db.models import Case, IntegerField, QuerySet, Value, When

from regions.models import Finding, Region, Severity

_SEVERITY_ORDER = Case(
    When(severity=Severity.ERROR, then=Value(0)), default=Value(1), output_field=IntegerField()
)


def open_findings_for(regions: QuerySet[Region]) -> QuerySet[Finding]:
    """Open findings of ``regions``: by region, errors first, then rule and subject. One query
    (with the region joined), however many rows."""
    return (
        Finding.objects.open()
        .filter(region__in=regions.values("pk"))
        .select_related("region")
        .annotate(severity_order=_SEVERITY_ORDER)
        .order_by("region__sto_number", "severity_order", "rule", "subject")
    )


def resolved_findings_for(
    regions: QuerySet[Region], *, since: datetime.date | None = None
) -> QuerySet[Finding]:
    """Findings of ``regions`` that were resolved (on or after ``since``), latest first."""
    findings = Finding.objects.filter(
        resolved_at__isnull=False, region__in=regions.values("pk")
    ).select_related("region")
    if since is not None:
        findings = findings.filter(resolved_at__gte=since)
    return findings.order_by("-resolved_at", "region__sto_number", "rule", "subject")
