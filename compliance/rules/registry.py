"""The rule registry: one named function per rule code (docs/interfaces.md §3).

A rule function receives one region's facts and the national snapshot and yields
``Violation`` objects; the registry stamps each with the rule's code and severity, so a rule can
never report under another code or severity than the one it was registered with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise

from regions.models import Severity

if TYPE_CHECKING:
    from .snapshot import RegionFacts, Snapshot


@dataclass(frozen=True)
class Violation:
    """What a rule function reports: ``subject`` tells apart several findings of one rule in one
    region (an organisation key, a year, a period code); ``message`` is Dutch and names the facts."""

    subject: str
    message: str


@dataclass(frozen=True)
class RuleResult:
    """One finding of one rule for one region on the day checked."""

    region_id: int
    region: str  # STO number
    region_name: str
    rule: str
    severity: str
    subject: str
    message: str

    @property
    def identity(self) -> tuple[int, str, str]:
        """What makes a finding the same finding on a later day (region, rule, subject)."""
        return (self.region_id, self.rule, self.subject)

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("region_id")
        return data


StrOrPromise = str | Promise
RuleFunction = Callable[["RegionFacts", "Snapshot"], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    title: StrOrPromise  # short Dutch title: the rule's label on every page, PDF, export and mail
    function: RuleFunction

    def evaluate(self, facts: RegionFacts, snapshot: Snapshot) -> list[RuleResult]:
        region = facts.region
        return [
            RuleResult(
                region_id=region.pk,
                region=region.sto_number,
                region_name=region.name,
                rule=self.code,
                severity=self.severity,
                subject=violation.subject,
                message=violation.message,
            )
            for violation in self.function(facts, snapshot)
        ]


RULES: dict[str, Rule] = {}


def rule_title(code: str) -> str:
    """The label a person reads for a rule: its Dutch title (English in the English interface).
    A code no longer registered (an old finding) shows as it is."""
    registered = RULES.get(code)
    return str(registered.title) if registered else code


def rule(
    code: str, severity: Severity, title: StrOrPromise
) -> Callable[[RuleFunction], RuleFunction]:
    """Register ``function`` as the check of rule ``code``."""

    def register(function: RuleFunction) -> RuleFunction:
        if code in RULES:
            raise ValueError(f"rule {code!r} is registered twice")
        RULES[code] = Rule(code=code, severity=str(severity.value), title=title, function=function)
        return function

    return register
