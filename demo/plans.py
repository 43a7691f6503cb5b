"""Every region's plan for 2025-2028 (seeds 004 Bijlage B; docs/interfaces.md §5).

A plan holds a regiovisie written from the building blocks of ``plan_texts`` with the region's
own facts (its towns, schools, profiles, students and sectors), 3–8 goals across the three
themes with milestones after 2 and 4 years, 5–20 activities in 2025–2028 carried out by partners
of the region and serving those goals, 3–10 risks, the teacher table of the five technical
profiles and a budget per partner and year. Larger regions (more partners) have more goals,
activities and risks. The requested amount is the region's 2025–2028 grants, for some regions
a little more; the budget adds up to the requested amount, for some regions to a little more or
less. Budgets go to the schools, the mbo and the hbo that are partners in that year; companies
co-finance and municipalities contribute separately.

Statuses (``STATUSES``; every other region: ``approved``):

- ``approved_with_conditions``: the six regions approved with reservations (``#``) in
  Bijlage A, and STO19056 Oss en Maasland, whose co-financing is below the minimum;
- ``under_assessment``: the five techniekarme regio's, whose applications are being assessed
  (``demo.assessments``); seeding approves the decision on Amstelland's, which makes it
  ``approved`` in the database;
- ``to_improve``: STO19014 Almere, STO19029 Zoetermeer, STO19052 Westerkwartier and STO19074
  Apeldoorn, to resubmit by 1 December 2026 or 15 January 2027 (after ``REFERENCE_DAY``);
- ``draft`` (not submitted, so ``plan_overdue``; see ``breakers``): STO19012 Parkstad and
  STO19041 Rivierenland, which do not meet the conditions on their partners, and STO19022
  Drechtsteden, which is late with its annual report as well.

Submitted plans were handed in in September 2024, before the period's plan deadline of
1 October 2024.
"""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from plans.models import SECTION_FIELDS, PlanStatus
from plans.regiovisie import format_regiovisie
from sto.formatting import format_euro, format_number

from . import plan_texts as texts
from .assessments import ASSESSED
from .bijlage_a import BIJLAGE_A
from .breakers import RULE_BREAKERS
from .figures import PATHS, TECHNICAL
from .maths import round_to, split
from .rows import (
    PERIODS,
    ActivityRow,
    BudgetLineRow,
    GoalRow,
    GrantRow,
    PlanRow,
    RiskRow,
    StudentCountRow,
    TeacherShortageRow,
)
from .state import DemoRegion, Member, Org, State

PERIOD = next(p for p in PERIODS if p.code == "2025-2028")
FIRST_DAY, LAST_DAY = PERIOD.as_model().first_day, PERIOD.as_model().end_date
PLAN_WRITTEN_ON = dt.date(2024, 10, 1)  # the reference date of the figures in the plans

_WITH_CONDITIONS = PlanStatus.APPROVED_WITH_CONDITIONS.value
STATUSES: dict[str, str] = {
    **{"STO" + s.number: _WITH_CONDITIONS for s in BIJLAGE_A if s.provisional},
    "STO19056": _WITH_CONDITIONS,
    **dict.fromkeys(("STO19014", "STO19029", "STO19052", "STO19074"), PlanStatus.TO_IMPROVE.value),
    **dict.fromkeys(ASSESSED, PlanStatus.UNDER_ASSESSMENT.value),
    **{
        sto: PlanStatus.DRAFT.value
        for breaker in RULE_BREAKERS
        if breaker.rule == "plan_overdue"
        for sto in breaker.sto_numbers
    },
}
RESUBMISSION_DEADLINES = (dt.date(2026, 12, 1), dt.date(2027, 1, 15))
# Sections a draft has not written yet.
DRAFT_GAPS = ("current_quality", "desired_quality", "quality_gap")
# Who gets a budget, with the weight of its share (the penvoerder also runs the programme).
BUDGET_WEIGHTS = {"vmbo": 1.0, "mbo": 1.6, "po": 0.15, "vso": 0.25, "pro": 0.25, "hbo": 0.3}
PLAN_SHEETS = ("plans", "goals", "activities", "risks", "teacher_shortage", "budget_lines")


@dataclass
class Facts:
    """What a region's plan says about the region, from the rest of the data set."""

    region: DemoRegion
    partners: list[Member]  # partners at some moment of the period
    steady: dict[str, list[str]]  # kind -> keys of partners during the whole period
    orgs: dict[str, Org]
    students: dict[str, int]  # technical profile -> BB/KB/GL students on 1 October 2024
    all_students: int  # BB/KB/GL students on 1 October 2024
    grants: int  # the grants of 2025-2028
    fields: dict[str, object] = field(default_factory=dict)  # for the templates

    @property
    def size(self) -> int:
        return len({m.key for m in self.partners})

    def of_kind(self, kind: str) -> list[Org]:
        keys = dict.fromkeys(m.key for m in self.partners)
        return [self.orgs[k] for k in keys if self.orgs[k].kind == kind]


def plans(
    state: State,
    regions: list[DemoRegion],
    grants: list[GrantRow],
    students: list[StudentCountRow],
) -> dict[str, list]:
    """The plan of every region for 2025-2028 and the rows it holds, per sheet."""
    totals: dict[str, int] = defaultdict(int)
    for grant in grants:
        if grant.period == PERIOD.code:
            totals[grant.sto_number] += int(grant.amount)
    counted: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for count in students:
        if count.reference_date == PLAN_WRITTEN_ON and count.learning_path in PATHS:
            counted[count.organisation_key][count.profile] += count.students
    rows: dict[str, list] = {sheet: [] for sheet in PLAN_SHEETS}
    for region in regions:
        facts = _facts(state, region, totals[region.sto], counted)
        _plan(state.rng, facts, rows)
    return rows


def _facts(
    state: State, region: DemoRegion, grants: int, counted: dict[str, dict[str, int]]
) -> Facts:
    partners = [m for m in region.members if m.overlaps(FIRST_DAY, LAST_DAY)]
    steady: dict[str, list[str]] = defaultdict(list)
    for member in partners:
        whole = member.start <= FIRST_DAY and (member.end is None or member.end >= LAST_DAY)
        kind = state.orgs[member.key].kind
        if whole and member.key not in steady[kind]:
            steady[kind].append(member.key)
    vmbo_now = {
        m.key
        for m in region.members
        if state.orgs[m.key].kind == "vmbo" and m.overlaps(PLAN_WRITTEN_ON, PLAN_WRITTEN_ON)
    }
    students: dict[str, int] = dict.fromkeys(TECHNICAL, 0)
    all_students = 0
    for key in vmbo_now:
        for profile, n in counted.get(key, {}).items():
            all_students += n
            if profile in students:
                students[profile] += n
    return Facts(region, partners, dict(steady), state.orgs, students, all_students, grants)


def _plan(rng: random.Random, f: Facts, rows: dict[str, list]) -> None:
    sto = f.region.sto
    status = STATUSES.get(sto, PlanStatus.APPROVED.value)
    requested = f.grants
    if not f.region.is_amstelland and rng.random() < 0.25:
        requested = round_to(f.grants * rng.uniform(1.01, 1.06), 3)
    budget = requested
    if not f.region.is_amstelland and rng.random() < 0.2:
        budget = round_to(requested * rng.uniform(0.985, 1.015), 2)
    teachers = _teacher_table(rng, f)
    _template_fields(rng, f, requested, teachers)
    goals = _goals(rng, f)
    activities = _activities(rng, f, goals)
    risks = _risks(rng, f)
    sections = _regiovisie(rng, f)
    if status == PlanStatus.DRAFT:
        sections.update(dict.fromkeys(DRAFT_GAPS, ""))
    submitted = None if status == PlanStatus.DRAFT else dt.date(2024, 9, rng.randint(2, 30))
    deadline = None
    if status == PlanStatus.TO_IMPROVE:
        deadline = rng.choice(RESUBMISSION_DEADLINES)
    period = PERIOD.code
    rows["plans"].append(
        PlanRow(
            sto,
            period,
            status,
            submitted,
            Decimal(requested),
            format_regiovisie(sections),
            deadline,
        )
    )
    rows["goals"] += [GoalRow(sto, period, *goal) for goal in goals]
    rows["activities"] += [ActivityRow(sto, period, *activity) for activity in activities]
    rows["risks"] += [RiskRow(sto, period, *risk) for risk in risks]
    rows["teacher_shortage"] += [
        TeacherShortageRow(sto, period, profile, *counts) for profile, counts in teachers.items()
    ]
    rows["budget_lines"] += _budget(rng, f, budget)


# --- the teacher table ---------------------------------------------------------------------


def _teacher_table(rng: random.Random, f: Facts) -> dict[str, tuple[int, int, int, int]]:
    """Per technical profile: qualified, to be trained, needing training, to be replaced."""
    table = {}
    for profile in TECHNICAL:
        students = f.students[profile]
        if not students:
            table[profile] = (0, 0, 0, 0)
            continue
        qualified = max(1, round(students / rng.uniform(16, 24)))
        table[profile] = (
            qualified,
            rng.randint(0, max(1, qualified // 4)),
            rng.randint(0, max(1, qualified // 2)),
            rng.randint(0, max(1, qualified // 5)),
        )
    return table


# --- the facts the texts name ----------------------------------------------------------------


def _dutch_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"


def _count(n: int, one: str, many: str) -> str:
    return f"{format_number(n)} {one if n == 1 else many}"


def _template_fields(
    rng: random.Random, f: Facts, requested: int, teachers: dict[str, tuple[int, ...]]
) -> None:
    seed = f.region.seed
    offered = [p for p in TECHNICAL if f.students[p]]
    locations = {p: 0 for p in TECHNICAL}
    for org in f.of_kind("vmbo"):
        for profile in org.profiles:
            locations[profile] += 1
    missing = [p for p in TECHNICAL if not locations[p]]
    technical_students = sum(f.students.values())
    sectors = list(texts.SECTORS[seed.province])
    rng.shuffle(sectors)
    towns = list(dict.fromkeys(f.region.towns))
    municipalities = len(f.of_kind("municipality"))
    mbo, companies = len(f.of_kind("mbo")), len(f.of_kind("company"))
    main = max(offered, key=lambda p: f.students[p]) if offered else "PIE"
    vacancies = round_to(max(60, technical_students * rng.uniform(0.8, 1.5)), 1)
    f.fields = {
        "region": seed.name,
        "province": texts.PROVINCES[seed.province],
        "lead": f.orgs[f.region.lead_key].name,
        "towns": _dutch_list(towns),
        "s": "n" if len(towns) > 1 else "",
        "partners_text": _dutch_list(
            [
                _count(len(f.of_kind("vmbo")), "vmbo-vestiging", "vmbo-vestigingen"),
                *([_count(mbo, "mbo-instelling", "mbo-instellingen")] if mbo else []),
                _count(companies, "bedrijf", "bedrijven"),
                *([_count(municipalities, "gemeente", "gemeenten")] if municipalities else []),
            ]
        ),
        "students": format_number(technical_students),
        "share": f"{format_number(100 * technical_students / max(1, f.all_students), 1)} %",
        "profiles": _dutch_list(offered) or "PIE en BWI",
        "offer": _dutch_list(
            [
                f"{p} op {_count(locations[p], 'vestiging', 'vestigingen')}"
                for p in TECHNICAL
                if locations[p]
            ]
        ),
        "technical": sum(1 for org in f.of_kind("vmbo") if org.profiles),
        "vmbo": len(f.of_kind("vmbo")),
        "missing": ("het profiel " if len(missing) == 1 else "de profielen ")
        + _dutch_list(missing),
        "Missing": ("Het profiel " if len(missing) == 1 else "De profielen ")
        + _dutch_list(missing),
        "missing_verb": "wordt" if len(missing) == 1 else "worden",
        "missing_list": missing,
        "new_profile": missing[0] if missing else "",
        "main_profile": main,
        "sector": sectors[0],
        "sector2": sectors[1],
        "requested": format_euro(requested),
        "km": rng.choice((15, 20, 20, 25, 30)),
        "flow": rng.randint(55, 80),
        "vacancies": format_number(vacancies),
        "hard": rng.randint(50, 75),
        "retiring": format_number(round_to(vacancies * rng.uniform(1.5, 3), 1)),
        "graduates": format_number(
            round_to(max(20, technical_students * rng.uniform(0.3, 0.6)), 1)
        ),
        "qualified": sum(t[0] for t in teachers.values()),
        "to_train": sum(t[1] for t in teachers.values()),
        "to_replace": sum(t[3] for t in teachers.values()),
    }


def _fill(template: str, f: Facts, **more: object) -> str:
    return template.format(**f.fields, **more)


# --- the regiovisie --------------------------------------------------------------------------


def _regiovisie(rng: random.Random, f: Facts) -> dict[str, str]:
    """The text of each section of B.1; the techniekarm sections only for such a region."""
    fields = f.fields
    pick = rng.choice
    character = "urban" if f.region.seed.city in texts.CITIES else "rural"
    sections = dict.fromkeys(SECTION_FIELDS, "")
    sections["summary"] = "\n\n".join(
        [
            " ".join([_fill(pick(texts.SUMMARY_OPENINGS), f), _fill(texts.SUMMARY_FACTS, f)]),
            " ".join(_fill(t, f) for t in rng.sample(texts.SUMMARY_FOCUS, k=rng.randint(2, 3))),
            _fill(texts.SUMMARY_CLOSING, f),
        ]
    )
    sections["delimitation"] = " ".join(
        [
            _fill(pick(texts.DELIMITATION_TOWNS), f),
            f"Penvoerder is {fields['lead']}.",
            pick(texts.DELIMITATION_CHARACTER[character]),
            pick(texts.DELIMITATION_CLOSING),
        ]
    )
    offer = [_fill(texts.CURRENT_OFFER, f)] if fields["technical"] else []
    if fields["missing_list"]:
        offer.append(_fill(pick(texts.CURRENT_OFFER_MISSING), f))
    offer.append(pick(texts.CURRENT_OFFER_CLOSING))
    sections["current_offer"] = " ".join(offer)
    if f.region.techniekarm:
        sections["techniekarm"] = _fill(texts.TECHNIEKARM, f)
        sections["techniekarm_goals"] = texts.TECHNIEKARM_GOALS
    sections["labour_market_qualitative"] = " ".join(
        _fill(t, f) for t in rng.sample(texts.LABOUR_QUALITATIVE, k=rng.randint(2, 3))
    )
    sections["labour_market_quantitative"] = _fill(texts.LABOUR_QUANTITATIVE, f)
    sections["offer_need"] = " ".join(
        _fill(t, f) for t in rng.sample(texts.OFFER_NEED, k=rng.randint(2, 3))
    )
    sections["current_quality"] = " ".join(
        _fill(t, f) for t in rng.sample(texts.CURRENT_QUALITY, k=rng.randint(2, 3))
    )
    sections["desired_quality"] = "\n".join(
        "- " + t for t in rng.sample(texts.DESIRED_QUALITY, k=rng.randint(3, 4))
    )
    sections["quality_gap"] = " ".join(
        _fill(t, f) for t in rng.sample(texts.QUALITY_GAP, k=rng.randint(1, 2))
    )
    projects = rng.sample(texts.RUNNING_PROJECTS, k=rng.randint(2, 4))
    sections["running_projects"] = "\n".join(
        ["Lopende projecten in de regio:", *("- " + _fill(p, f) for p in projects)]
    ) + ("\n\n" + texts.RUNNING_CLOSING)
    sections["teacher_shortage_notes"] = " ".join(
        [_fill(pick(texts.TEACHER_NOTES), f), pick(texts.TEACHER_NOTES_MEASURES)]
    )
    return sections


# --- goals, activities and risks -------------------------------------------------------------

THEMES = ("duurzaam", "dekkend", "kwalitatief")


def _goals(rng: random.Random, f: Facts) -> list[tuple[str, str, str, str, str]]:
    """3–8 goals, at least one of each theme: (code, theme, description, milestones)."""
    count = min(8, max(3, 3 + f.size // 25 + rng.randint(0, 2)))
    pool = [
        g for g in texts.GOALS if "{new_profile}" not in g.description or f.fields["new_profile"]
    ]
    chosen = [rng.choice([g for g in pool if g.theme == theme]) for theme in THEMES]
    rest = [g for g in pool if g not in chosen]
    chosen += rng.sample(rest, k=min(len(rest), count - len(chosen)))
    chosen.sort(key=lambda g: THEMES.index(g.theme))
    students = sum(f.students.values())
    companies = len(f.of_kind("company"))
    numbers = {
        "companies_2y": max(2, round(companies * 0.5)),
        "companies_4y": max(3, round(companies * 0.8)),
        "reach": rng.choice((90, 95, 100)),
        "students_2y": format_number(round_to(students * rng.uniform(1.03, 1.06), 1)),
        "students_4y": format_number(round_to(students * rng.uniform(1.08, 1.15), 1)),
        "girls_2y": rng.randint(12, 16),
        "girls_4y": rng.randint(17, 22),
        "teachers_2y": max(2, int(f.fields["qualified"]) // 4),
        "schools_2y": max(2, len(f.of_kind("po")) or rng.randint(4, 12)),
        "flow_4y": rng.randint(70, 85),
        "labs_2y": max(1, int(f.fields["technical"]) // 2),
    }
    return [
        (
            f"D{n}",
            goal.theme,
            _fill(goal.description, f),
            _fill(goal.milestone_2y, f, **numbers),
            _fill(goal.milestone_4y, f, **numbers),
        )
        for n, goal in enumerate(chosen, start=1)
    ]


def _owner(rng: random.Random, f: Facts, kinds: tuple[str, ...]) -> str:
    """A partner of one of ``kinds`` (in that order) for the whole period, else the lead."""
    for kind in kinds:
        if kind == "lead":
            return f.region.lead_key
        keys = f.steady.get(kind, [])
        if keys:
            return rng.choice(keys)
    return f.region.lead_key


def _end_of(start: dt.date, months: int) -> dt.date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return dt.date(year, month, 1) - dt.timedelta(days=1)


def _activities(rng: random.Random, f: Facts, goals: list[tuple]) -> list[tuple]:
    """5–20 activities within the period, each serving one or more goals."""
    count = min(20, max(5, 5 + f.size // 7 + rng.randint(-1, 2)))
    first, *others = texts.ACTIVITIES
    chosen = [first, *rng.sample(others, k=count - 1)]
    profiles = [p for p in TECHNICAL if f.students[p]] or list(TECHNICAL[:1])
    by_theme = {theme: [g[0] for g in goals if g[1] == theme] for theme in THEMES}
    made = []
    for activity in chosen:
        months = rng.randint(*activity.months)
        if months >= 48:
            starts, ends = FIRST_DAY, LAST_DAY
        elif not months:  # a week, from a Monday to a Friday
            day = dt.date(
                rng.randint(2025, 2028), rng.choice(activity.starts_in), rng.randint(8, 24)
            )
            starts = day - dt.timedelta(days=day.weekday())
            ends = starts + dt.timedelta(days=4)
        else:
            latest = 2028 * 12 + 12 - months  # the last month it can start in
            month = rng.randint(2025 * 12 + 1, latest)
            starts = dt.date((month - 1) // 12, (month - 1) % 12 + 1, 1)
            ends = _end_of(starts, months)
        served = [code for theme in activity.themes for code in by_theme[theme]]
        codes = sorted(rng.sample(served, k=min(len(served), rng.randint(1, 2))))
        fields = {
            "profile": rng.choice(profiles),
            "pupils": format_number(round_to(rng.uniform(150, 900), 1)),
            "teachers": rng.randint(2, 8),
            "girls": rng.randint(40, 200),
            "hybrid": rng.randint(3, 12),
            "schools": rng.randint(6, 25),
        }
        made.append(
            [
                starts,
                _fill(activity.title, f, **fields),
                ends,
                _fill(activity.result, f, **fields),
                _owner(rng, f, activity.owner_kinds),
                codes,
            ]
        )
    served = {code for activity in made for code in activity[5]}
    for goal in goals:  # every goal is served by some activity
        if goal[0] not in served:
            rng.choice(made[1:])[5].append(goal[0])
    made.sort(key=lambda a: (a[0], a[1]))
    return [
        (f"A{n}", title, starts, ends, result, owner, ";".join(sorted(codes)))
        for n, (starts, title, ends, result, owner, codes) in enumerate(made, start=1)
    ]


def _risks(rng: random.Random, f: Facts) -> list[tuple[str, str, str, str, str]]:
    """3–10 risks with likelihood, impact, measure and owner."""
    count = min(10, max(3, 3 + f.size // 15 + rng.randint(0, 2)))
    levels = ("klein", "middel", "groot")

    def shifted(level: str) -> str:
        i = levels.index(level) + rng.choice((-1, 0, 0, 0, 1))
        return levels[min(2, max(0, i))]

    return [
        (
            risk.risk,
            shifted(risk.likelihood),
            shifted(risk.impact),
            risk.measure,
            _owner(rng, f, risk.owner_kinds),
        )
        for risk in rng.sample(texts.RISKS, k=min(count, len(texts.RISKS)))
    ]


# --- the budget ------------------------------------------------------------------------------


def _budget(rng: random.Random, f: Facts, total: int) -> list[BudgetLineRow]:
    """``total`` split over the years and, per year, over the schools and institutions that are
    partners in that year; each line into personnel, material and overhead."""
    years = list(PERIOD.as_model().years)
    per_year = split(total, [w * rng.uniform(0.95, 1.05) for w in (0.23, 0.26, 0.26, 0.25)])
    weights: dict[str, float] = {}
    for member in f.partners:
        org = f.orgs[member.key]
        if org.kind in BUDGET_WEIGHTS and member.key not in weights:
            weight = BUDGET_WEIGHTS[org.kind] * rng.uniform(0.7, 1.3)
            if org.kind == "vmbo" and org.profiles:
                weight *= 2.5
            weights[member.key] = weight * (3 if member.key == f.region.lead_key else 1)
    lines = []
    for year, amount in zip(years, per_year, strict=True):
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        active = sorted(
            key
            for key in weights
            if any(m.key == key and m.overlaps(first, last) for m in f.partners)
        )
        for key, line_total in zip(
            active, split(amount, [weights[k] for k in active]), strict=True
        ):
            if not line_total:
                continue
            personnel_share = 0.85 if key == f.region.lead_key else rng.uniform(0.5, 0.75)
            overhead_share = rng.uniform(0.02, 0.07)
            personnel, material, overhead = split(
                line_total, [personnel_share, 1 - personnel_share - overhead_share, overhead_share]
            )
            lines.append(
                BudgetLineRow(
                    f.region.sto,
                    PERIOD.code,
                    year,
                    key,
                    Decimal(personnel),
                    Decimal(material),
                    Decimal(overhead),
                )
            )
    return lines
