"""Evaluating every rule for every region as of a day."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from .registry import RULES, Rule, RuleResult
from .snapshot import Snapshot, load_snapshot


def evaluate_snapshot(snapshot: Snapshot, rules: Iterable[Rule] | None = None) -> list[RuleResult]:
    """Run ``rules`` (default: all registered) over every region of ``snapshot``; no queries."""
    selected = list(RULES.values()) if rules is None else list(rules)
    results: list[RuleResult] = []
    for facts in snapshot.regions:
        for registered in selected:
            results.extend(registered.evaluate(facts, snapshot))
    return results


def evaluate_all(
    today: datetime.date, *, warning_window_days: int | None = None
) -> list[RuleResult]:
    """Every rule of docs/interfaces.md §3 for every region as of ``today``.

    Loads the national state once (``load_snapshot``: a fixed number of queries, whatever the
    number of regions) and evaluates in memory. Results are ordered by STO number, then by rule
    in registry order, then by subject.
    """
    return evaluate_snapshot(load_snapshot(today, warning_window_days=warning_window_days))
