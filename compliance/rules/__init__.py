"""The programme's eligibility and deadline rules (docs/interfaces.md §3), one function per code.

- ``evaluate_all(today)``: every rule for every region as of a day, from an in-memory snapshot
  loaded in a fixed number of queries;
- ``findings_sync(today=..., results=..., by=...)``: stores the results as ``Finding`` rows;
- ``open_findings_for(regions)``: what the web pages show.

Importing the rule modules registers them in ``RULES`` in the order of docs/interfaces.md §3.
"""

from . import composition, money, convenants, annual_reports, plans  # noqa: F401, I001  (registration order)
from .engine import evaluate_all, evaluate_snapshot
from .findings import FindingSyncSummary, findings_sync
from .registry import RULES, Rule, RuleResult, Violation, rule_title
from .selectors import open_findings_for, resolved_findings_for
from .snapshot import load_snapshot

__all__ = [
    "RULES",
    "FindingSyncSummary",
    "Rule",
    "RuleResult",
    "Violation",
    "evaluate_all",
    "evaluate_snapshot",
    "findings_sync",
    "load_snapshot",
    "open_findings_for",
    "resolved_findings_for",
    "rule_title",
]
