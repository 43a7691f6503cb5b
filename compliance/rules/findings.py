"""Storing rule results as ``Finding`` rows: open, keep up to date, resolve."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.contrib.auth.models import User
from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from regions.models import Finding

from .registry import RuleResult

# Two syncs at once (the nightly task and a manual ``check_rules``) could both open the same
# finding; on PostgreSQL a transaction-scoped advisory lock makes them take turns. (SQLite
# serialises writers by itself; the partial unique index ``finding_unique_open`` is the backstop.)
_ADVISORY_LOCK_ID = 0x5707_F1D0


@dataclass(frozen=True)
class FindingSyncSummary:
    opened: int = 0  # new findings, first_seen = the day
    changed: int = 0  # still reported, message or severity changed
    seen: int = 0  # still reported, unchanged: only last_seen moves on
    resolved: int = 0  # no longer reported: resolved_at = the day
    unchanged: int = 0  # already seen on this day: nothing written

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _validate(finding: Finding) -> Finding:
    # The region comes from the database itself; validating the foreign key would cost a query
    # per finding, and uniqueness is guarded by the database constraint.
    finding.full_clean(exclude=["region"], validate_unique=False, validate_constraints=False)
    return finding


@transaction.atomic
def findings_sync(
    *, today: datetime.date, results: Iterable[RuleResult], by: User | None = None
) -> FindingSyncSummary:
    """Bring the stored findings in line with ``results`` of a check as of ``today``.

    Identity of a finding: (region, rule, subject). A reported finding that is open gets
    ``last_seen = today`` (and the new message or severity if those changed); one that is not
    open is opened with ``first_seen = last_seen = today``; an open finding that is no longer
    reported gets ``resolved_at = today``. A second run for the same day writes nothing, and
    writes no history rows either. A run for a day before a finding's ``last_seen`` (a look back
    with ``check_rules --today``) leaves that finding alone.

    Runs a fixed number of queries whatever the number of regions (bulk statements; SQLite
    splits them in batches of a few hundred rows).

    History: opening, changing and resolving are recorded with ``by``; moving ``last_seen`` on
    alone is a nightly heartbeat and is not (it would add a history row per finding per night).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_ID])

    reported: dict[tuple[int, str, str], RuleResult] = {}
    for result in results:
        reported.setdefault(result.identity, result)

    open_findings = {(f.region_id, f.rule, f.subject): f for f in Finding.objects.open().order_by()}
    to_open: list[Finding] = []
    to_change: list[Finding] = []
    to_see: list[int] = []
    to_resolve: list[Finding] = []
    unchanged = 0

    for identity, result in reported.items():
        finding = open_findings.get(identity)
        if finding is None:
            to_open.append(
                _validate(
                    Finding(
                        region_id=result.region_id,
                        rule=result.rule,
                        subject=result.subject,
                        severity=result.severity,
                        message=result.message,
                        first_seen=today,
                        last_seen=today,
                    )
                )
            )
        elif today < finding.last_seen:
            unchanged += 1
        elif finding.message != result.message or finding.severity != result.severity:
            finding.message = result.message
            finding.severity = result.severity
            finding.last_seen = today
            to_change.append(_validate(finding))
        elif finding.last_seen != today:
            to_see.append(finding.pk)
        else:
            unchanged += 1

    for identity, finding in open_findings.items():
        if identity not in reported and finding.last_seen <= today:
            finding.resolved_at = today
            to_resolve.append(_validate(finding))

    if to_open:
        bulk_create_with_history(to_open, Finding, default_user=by)
    if to_change:
        bulk_update_with_history(
            to_change, Finding, ["message", "severity", "last_seen"], default_user=by
        )
    if to_see:
        Finding.objects.filter(pk__in=to_see).update(last_seen=today)
    if to_resolve:
        bulk_update_with_history(to_resolve, Finding, ["resolved_at"], default_user=by)

    return FindingSyncSummary(
        opened=len(to_open),
        changed=len(to_change),
        seen=len(to_see),
        resolved=len(to_resolve),
        unchanged=unchanged,
    )
