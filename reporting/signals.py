"""Reporting's answer to what happens in the layers below it.

Submitting an annual report is a write of ``regions`` (``regions.services.annual_report_submit``),
which cannot know about the reporting app above it; the frozen content of the report is reporting's
own business. So reporting listens: when a report is saved with a (new) submission date, its
content is frozen in the same transaction, by the same user.
"""

from typing import Any

from regions.models import AnnualReport

from .models import AnnualReportSnapshot
from .services import annual_report_freeze


def freeze_submitted_annual_report(
    sender: type[AnnualReport], instance: AnnualReport, **kwargs: Any
) -> None:
    if kwargs.get("raw") or instance.submitted_on is None:
        return
    frozen_on = (
        AnnualReportSnapshot.objects.filter(region_id=instance.region_id, year=instance.year)
        .values_list("submitted_on", flat=True)
        .first()
    )
    if frozen_on == instance.submitted_on:
        return
    annual_report_freeze(
        by=getattr(instance, "_history_user", None),
        region=instance.region,
        year=instance.year,
        submitted_on=instance.submitted_on,
    )
