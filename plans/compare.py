"""Two versions of a plan side by side, with what changed marked.

Texts are compared word by word; goals, activities and risks by their code (risks by their
text); the teacher table per profile; the budget per year and partner.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from .models import REGIOVISIE_SECTIONS, Plan


@dataclass(frozen=True)
class Piece:
    """A run of words: ``kind`` is "same", "removed" (only in the older version) or "added"."""

    kind: str
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """``old`` → ``new`` as runs of unchanged, removed and added words."""
    a, b = old.split(), new.split()
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", " ".join(b[j1:j2])))
    return pieces


@dataclass(frozen=True)
class SectionChange:
    title: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old.split() != self.new.split()

    @property
    def pieces(self) -> list[Piece]:
        return word_diff(self.old, self.new)


@dataclass(frozen=True)
class ItemChange:
    """A goal, activity, risk, teacher row or budget line in one version, the other or both."""

    key: str
    old: str | None
    new: str | None

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "same" if self.old == self.new else "changed"


@dataclass
class Comparison:
    older: Plan
    newer: Plan
    sections: list[SectionChange] = field(default_factory=list)
    parts: list[tuple[str, list[ItemChange]]] = field(default_factory=list)

    @property
    def changed_sections(self) -> int:
        return sum(1 for s in self.sections if s.changed)


def _items(plan: Plan) -> dict[str, dict[str, str]]:
    """The plan's parts as comparable text per key."""
    goals = {
        g.code: f"{g.get_theme_display()}: {g.description} | 2 jaar: {g.milestone_2y} | "
        f"4 jaar: {g.milestone_4y}"
        for g in plan.goals.all()
    }
    activities = {
        a.code: f"{a.title} ({a.starts.isoformat()} – {a.ends.isoformat()}), {a.owner.name}: "
        f"{a.result} | {', '.join(sorted(g.code for g in a.goals.all()))}"
        for a in plan.activities.select_related("owner").prefetch_related("goals")
    }
    risks = {
        r.risk: f"kans {r.likelihood}, impact {r.impact}, {r.owner.name}: {r.measure}"
        for r in plan.risks.select_related("owner")
    }
    teachers = {
        t.profile: f"{t.qualified} / {t.to_train} / {t.needing_training} / {t.to_replace}"
        for t in plan.teacher_shortages.all()
    }
    budget = {
        f"{line.year} {line.organisation.name}": " / ".join(
            str(amount) for amount in (line.personnel, line.material, line.overhead)
        )
        for line in plan.budget_lines.select_related("organisation")
    }
    budget["totaal"] = str(sum((line.total for line in plan.budget_lines.all()), Decimal("0.00")))
    return {
        "goals": goals,
        "activities": activities,
        "risks": risks,
        "teachers": teachers,
        "budget": budget,
    }


PARTS = ("goals", "activities", "risks", "teachers", "budget")


def compare(older: Plan, newer: Plan) -> Comparison:
    """What changed from ``older`` to ``newer`` (two versions of one plan)."""
    comparison = Comparison(older=older, newer=newer)
    comparison.sections = [
        SectionChange(str(title), getattr(older, name), getattr(newer, name))
        for name, title in REGIOVISIE_SECTIONS
    ]
    old_items, new_items = _items(older), _items(newer)
    for part in PARTS:
        keys = sorted(set(old_items[part]) | set(new_items[part]))
        comparison.parts.append(
            (part, [ItemChange(k, old_items[part].get(k), new_items[part].get(k)) for k in keys])
        )
    return comparison
