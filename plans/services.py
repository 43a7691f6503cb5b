"""Writes of a region's plan. Every service takes the acting user (``by``), runs in one
transaction, validates before it saves and records history.

A version is changed only while it is a draft (``Plan.is_open``); submitting freezes it; a plan
that must be improved gets a new version, a copy of the frozen one (seeds 004 Bijlage B; the
statuses of docs/interfaces.md §5).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from regions.models import TECHNICAL_PROFILES, Organisation, Period, Region, partners_during
from sto.formatting import format_date
from sto.history import delete_recorded, save_validated

from .models import (
    SECTION_FIELDS,
    Activity,
    BudgetLine,
    Goal,
    Plan,
    PlanStatus,
    Risk,
    TeacherShortage,
)


def _require_open(plan: Plan) -> None:
    if not plan.is_open:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Versie %(version)s van dit plan is %(status)s en kan niet meer worden "
                    "gewijzigd."
                )
                % {"version": plan.version, "status": plan.get_status_display()}
            }
        )


def _partners(plan: Plan) -> QuerySet[Organisation]:
    return partners_during(plan.region, plan.period.first_day, plan.period.end_date)


# --- rules shared with the workbook import (reporting.workbook), which checks rows in memory --


def normalise_code(code: str) -> str:
    """A goal's or an activity's code as stored: ``d1 `` -> ``D1``."""
    return code.strip().upper()


def normalise_risk(text: str) -> str:
    """A risk as stored in the register: one space between words."""
    return " ".join(text.split())


def not_a_partner(name: str, period: Period, sto_number: str) -> str:
    """The message for an organisation that is no partner of the region during the period."""
    return _("%(org)s is in periode %(period)s geen partner van regio %(region)s.") % {
        "org": name,
        "period": period.code,
        "region": sto_number,
    }


def outside_period(day: datetime.date, period: Period) -> str | None:
    """The message for a day of an activity outside the plan's period, else ``None``."""
    if period.contains(day):
        return None
    return _("%(date)s valt buiten periode %(period)s.") % {
        "date": format_date(day),
        "period": period.code,
    }


def _require_partner(plan: Plan, organisation: Organisation, field: str) -> None:
    if not _partners(plan).filter(pk=organisation.pk).exists():
        raise ValidationError(
            {field: not_a_partner(organisation.name, plan.period, plan.region.sto_number)}
        )


# --- the plan itself ---------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, by: User, region: Region, period: Period) -> Plan:
    """Start the region's plan for ``period``: version 1, a draft."""
    if Plan.objects.filter(region=region, period=period).exists():
        raise ValidationError(
            {
                "period": _("Regio %(region)s heeft al een plan voor periode %(period)s.")
                % {"region": region.sto_number, "period": period.code}
            }
        )
    return save_validated(Plan(region=region, period=period), by=by, reason=_("plan gestart"))


@transaction.atomic
def plan_update(*, by: User, plan: Plan, requested: Decimal | None = None, **sections: str) -> Plan:
    """Change the requested amount and the regiovisie's sections of an open version."""
    unknown = set(sections) - set(SECTION_FIELDS)
    if unknown:
        raise TypeError(f"plan_update cannot change {sorted(unknown)}")
    _require_open(plan)
    fields = []
    if requested is not None:
        if requested < 0:
            raise ValidationError({"requested": _("Een bedrag kan niet negatief zijn.")})
        plan.requested = requested
        fields.append("requested")
    for name, text in sections.items():
        setattr(plan, name, (text or "").strip())
        fields.append(name)
    if not fields:
        return plan
    return save_validated(plan, by=by, update_fields=fields)


def submission_problems(plan: Plan) -> list[str]:
    """What keeps a version from being submitted: the parts of the application a reviewer
    cannot assess without (seeds 004 Bijlage B and C)."""
    problems = []
    if not plan.summary.strip():
        problems.append(_("De samenvatting van de regiovisie ontbreekt."))
    if plan.requested <= 0:
        problems.append(_("Het gevraagde subsidiebedrag ontbreekt."))
    if not plan.goals.exists():
        problems.append(_("Het plan heeft nog geen doelen."))
    if not plan.activities.exists():
        problems.append(_("Het plan heeft nog geen activiteiten."))
    if not plan.budget_lines.exists():
        problems.append(_("De meerjarenbegroting is nog leeg."))
    return problems


@transaction.atomic
def plan_submit(*, by: User, plan: Plan, on: datetime.date) -> Plan:
    """Submit an open version to DUS-I on ``on``. From then on it is frozen."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_open(plan)
    problems = submission_problems(plan)
    if problems:
        raise ValidationError({NON_FIELD_ERRORS: problems})
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_on = on
    return save_validated(
        plan, by=by, reason=_("plan ingediend"), update_fields=["status", "submitted_on"]
    )


# The assessment moves a submitted plan on; a decision ends it (docs/interfaces.md §5).
TRANSITIONS: dict[str, frozenset[str]] = {
    PlanStatus.SUBMITTED: frozenset({PlanStatus.UNDER_ASSESSMENT}),
    PlanStatus.UNDER_ASSESSMENT: frozenset(
        {
            PlanStatus.APPROVED,
            PlanStatus.APPROVED_WITH_CONDITIONS,
            PlanStatus.TO_IMPROVE,
            PlanStatus.REJECTED,
        }
    ),
}


@transaction.atomic
def plan_status_set(
    *,
    by: User | None,
    plan: Plan,
    status: str,
    resubmission_deadline: datetime.date | None = None,
) -> Plan:
    """Move a submitted plan through the assessment: submitted → under assessment → approved /
    approved with conditions / to be improved (with a resubmission deadline) / rejected."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if status not in TRANSITIONS.get(plan.status, frozenset()):
        raise ValidationError(
            {
                "status": _("Een plan met status %(current)s kan niet naar %(new)s.")
                % {"current": plan.get_status_display(), "new": PlanStatus(status).label}
            }
        )
    plan.status = status
    plan.resubmission_deadline = resubmission_deadline if status == PlanStatus.TO_IMPROVE else None
    return save_validated(
        plan,
        by=by,
        reason=_("status: %(status)s") % {"status": plan.get_status_display()},
        update_fields=["status", "resubmission_deadline"],
    )


@transaction.atomic
def plan_new_version(*, by: User, plan: Plan) -> Plan:
    """Start the improved version of a plan that must be improved: a copy of the frozen version
    (its texts, goals, activities, risks, teacher table and budget), open for changes."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    latest = Plan.objects.filter(region=plan.region, period=plan.period).order_by("-version")[0]
    if latest.pk != plan.pk or plan.status != PlanStatus.TO_IMPROVE:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Alleen van de laatste versie, als die te verbeteren is, begint u een "
                    "nieuwe versie."
                )
            }
        )
    reason = _("nieuwe versie na 'te verbeteren'")
    copy = Plan(
        region=plan.region,
        period=plan.period,
        version=plan.version + 1,
        requested=plan.requested,
        **{name: getattr(plan, name) for name in SECTION_FIELDS},
    )
    save_validated(copy, by=by, reason=reason)
    goals = {}
    for goal in plan.goals.all():
        goals[goal.pk] = save_validated(
            Goal(
                plan=copy,
                code=goal.code,
                theme=goal.theme,
                description=goal.description,
                milestone_2y=goal.milestone_2y,
                milestone_4y=goal.milestone_4y,
            ),
            by=by,
            reason=reason,
        )
    for activity in plan.activities.prefetch_related("goals"):
        new = save_validated(
            Activity(
                plan=copy,
                code=activity.code,
                title=activity.title,
                starts=activity.starts,
                ends=activity.ends,
                result=activity.result,
                owner_id=activity.owner_id,
            ),
            by=by,
            reason=reason,
        )
        new.goals.set([goals[g.pk] for g in activity.goals.all()])
    for risk in plan.risks.all():
        save_validated(
            Risk(
                plan=copy,
                risk=risk.risk,
                likelihood=risk.likelihood,
                impact=risk.impact,
                measure=risk.measure,
                owner_id=risk.owner_id,
            ),
            by=by,
            reason=reason,
        )
    for row in plan.teacher_shortages.all():
        save_validated(
            TeacherShortage(
                plan=copy,
                profile=row.profile,
                qualified=row.qualified,
                to_train=row.to_train,
                needing_training=row.needing_training,
                to_replace=row.to_replace,
            ),
            by=by,
            reason=reason,
        )
    for line in plan.budget_lines.all():
        save_validated(
            BudgetLine(
                plan=copy,
                year=line.year,
                organisation_id=line.organisation_id,
                personnel=line.personnel,
                material=line.material,
                overhead=line.overhead,
            ),
            by=by,
            reason=reason,
        )
    return copy


# --- goals, activities and risks ---------------------------------------------------------------


@transaction.atomic
def goal_save(
    *,
    by: User,
    plan: Plan,
    code: str,
    theme: str,
    description: str,
    milestone_2y: str,
    milestone_4y: str,
    goal: Goal | None = None,
) -> Goal:
    """Add a goal to an open version, or change one (``goal``)."""
    _require_open(plan)
    code = normalise_code(code)
    taken = Goal.objects.filter(plan=plan, code=code)
    if goal is not None:
        taken = taken.exclude(pk=goal.pk)
    if taken.exists():
        raise ValidationError({"code": _("Er is al een doel %(code)s.") % {"code": code}})
    goal = goal or Goal(plan=plan)
    goal.code, goal.theme, goal.description = code, theme, description.strip()
    goal.milestone_2y, goal.milestone_4y = milestone_2y.strip(), milestone_4y.strip()
    return save_validated(goal, by=by)


@transaction.atomic
def goal_delete(*, by: User, goal: Goal) -> None:
    _require_open(goal.plan)
    delete_recorded(goal, by=by)


@transaction.atomic
def activity_save(
    *,
    by: User,
    plan: Plan,
    code: str,
    title: str,
    starts: datetime.date,
    ends: datetime.date,
    result: str,
    owner: Organisation,
    goals: Iterable[Goal] = (),
    activity: Activity | None = None,
) -> Activity:
    """Add an activity to an open version, or change one. It takes place within the period, is
    carried out by a partner of the region, and serves goals of the same plan (seeds 004 B.2 §2)."""
    _require_open(plan)
    code = normalise_code(code)
    errors: dict[str, str] = {}
    taken = Activity.objects.filter(plan=plan, code=code)
    if activity is not None:
        taken = taken.exclude(pk=activity.pk)
    if taken.exists():
        errors["code"] = _("Er is al een activiteit %(code)s.") % {"code": code}
    for field, day in (("starts", starts), ("ends", ends)):
        problem = None if day is None else outside_period(day, plan.period)
        if problem:
            errors[field] = problem
    goals = list(goals)
    if any(goal.plan_id != plan.pk for goal in goals):
        errors["goals"] = _("Kies doelen van dit plan.")
    if errors:
        raise ValidationError(errors)
    _require_partner(plan, owner, "owner")
    activity = activity or Activity(plan=plan)
    activity.code, activity.title, activity.result = code, title.strip(), result.strip()
    activity.starts, activity.ends, activity.owner = starts, ends, owner
    save_validated(activity, by=by)
    activity.goals.set(goals)
    return activity


@transaction.atomic
def activity_delete(*, by: User, activity: Activity) -> None:
    _require_open(activity.plan)
    delete_recorded(activity, by=by)


@transaction.atomic
def risk_save(
    *,
    by: User,
    plan: Plan,
    risk: str,
    likelihood: str,
    impact: str,
    measure: str,
    owner: Organisation,
    instance: Risk | None = None,
) -> Risk:
    """Add a risk to an open version's register, or change one (seeds 004 B.2 §3.3)."""
    _require_open(plan)
    text = normalise_risk(risk)
    taken = Risk.objects.filter(plan=plan, risk=text)
    if instance is not None:
        taken = taken.exclude(pk=instance.pk)
    if taken.exists():
        raise ValidationError({"risk": _("Dit risico staat al in het register.")})
    _require_partner(plan, owner, "owner")
    instance = instance or Risk(plan=plan)
    instance.risk, instance.likelihood, instance.impact = text, likelihood, impact
    instance.measure, instance.owner = measure.strip(), owner
    return save_validated(instance, by=by)


@transaction.atomic
def risk_delete(*, by: User, risk: Risk) -> None:
    _require_open(risk.plan)
    delete_recorded(risk, by=by)


# --- the teacher table -------------------------------------------------------------------------


@dataclass(frozen=True)
class TeacherCounts:
    qualified: int
    to_train: int
    needing_training: int
    to_replace: int


@transaction.atomic
def teacher_shortages_set(
    *, by: User, plan: Plan, counts: dict[str, TeacherCounts]
) -> list[TeacherShortage]:
    """Set the teacher table per technical profile (seeds 004 B.1 §5.1); a profile not given
    keeps its row."""
    _require_open(plan)
    unknown = set(counts) - set(TECHNICAL_PROFILES)
    if unknown:
        raise ValidationError(
            {"profile": _("Onbekend technisch profiel: %(p)s.") % {"p": ", ".join(sorted(unknown))}}
        )
    existing = {row.profile: row for row in plan.teacher_shortages.all()}
    saved = []
    for profile in TECHNICAL_PROFILES:
        if profile not in counts:
            continue
        wanted = counts[profile]
        row = existing.get(profile) or TeacherShortage(plan=plan, profile=profile)
        values = (wanted.qualified, wanted.to_train, wanted.needing_training, wanted.to_replace)
        if any(value < 0 for value in values):
            raise ValidationError({profile: _("Aantallen docenten kunnen niet negatief zijn.")})
        current = (row.qualified, row.to_train, row.needing_training, row.to_replace)
        if row.pk is not None and current == values:
            saved.append(row)
            continue
        row.qualified, row.to_train, row.needing_training, row.to_replace = values
        saved.append(save_validated(row, by=by))
    return saved


# --- the multi-year budget ---------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetInput:
    """A budget line as entered (grid) or uploaded (sheet): ``row`` is where it came from."""

    year: int
    organisation: Organisation
    personnel: Decimal
    material: Decimal
    overhead: Decimal
    row: int | None = None


@dataclass(frozen=True)
class BudgetProblem:
    row: int | None
    field: str
    message: str


class BudgetInvalid(ValidationError):
    """Budget lines that cannot be saved; ``problems`` says which line and field."""

    def __init__(self, problems: Sequence[BudgetProblem]):
        self.problems = list(problems)
        super().__init__([p.message for p in self.problems])


def budget_problems(plan: Plan, lines: Sequence[BudgetInput]) -> list[BudgetProblem]:
    """Every problem of ``lines`` for ``plan`` (seeds 004 B.4), see ``budget_line_problems``;
    the partners are those of the region during the plan's period."""
    partners = set(_partners(plan).values_list("key", flat=True))
    return budget_line_problems(plan.period, plan.region.sto_number, lines, partners)


def budget_line_problems(
    period: Period, sto_number: str, lines: Sequence[BudgetInput], partner_keys: Collection[str]
) -> list[BudgetProblem]:
    """Every problem of budget ``lines`` of region ``sto_number`` for ``period``, without the
    database: each line belongs to a partner (``partner_keys``: the organisation keys of the
    region's partners during the period), its year falls within the period, its amounts are
    ≥ 0, and a partner has one line per year."""
    seen: dict[tuple[int, str], int | None] = {}
    problems = []
    for line in lines:
        if line.year not in period.years:
            problems.append(
                BudgetProblem(
                    line.row,
                    "year",
                    _("Het jaar %(year)s valt niet in periode %(period)s.")
                    % {"year": line.year, "period": period.code},
                )
            )
        if line.organisation.key not in partner_keys:
            problems.append(
                BudgetProblem(
                    line.row,
                    "organisation",
                    not_a_partner(line.organisation.name, period, sto_number),
                )
            )
        for field in ("personnel", "material", "overhead"):
            if getattr(line, field) < 0:
                problems.append(
                    BudgetProblem(line.row, field, _("Een bedrag kan niet negatief zijn."))
                )
        key = (line.year, line.organisation.key)
        if key in seen:
            problems.append(
                BudgetProblem(
                    line.row,
                    "organisation",
                    _("%(org)s staat voor %(year)s al op een andere regel.")
                    % {"org": line.organisation.name, "year": line.year},
                )
            )
        seen[key] = line.row
    return problems


@transaction.atomic
def budget_lines_set(
    *, by: User, plan: Plan, lines: Sequence[BudgetInput], replace_years: Iterable[int] = ()
) -> list[BudgetLine]:
    """Save budget lines of an open version, all or nothing: any problem saves nothing and is
    raised as ``BudgetInvalid``. A line whose amounts are all zero removes that partner's line.
    In ``replace_years`` (a whole year entered, or an uploaded sheet) a partner without a line
    loses the line it had."""
    _require_open(plan)
    problems = budget_problems(plan, lines)
    if problems:
        raise BudgetInvalid(problems)
    existing = {(line.year, line.organisation_id): line for line in plan.budget_lines.all()}
    wanted = {(line.year, line.organisation.pk): line for line in lines}
    saved = []
    for key, line in wanted.items():
        current = existing.get(key)
        empty = not (line.personnel or line.material or line.overhead)
        if empty:
            if current is not None:
                delete_recorded(current, by=by)
            continue
        amounts = (line.personnel, line.material, line.overhead)
        if (
            current is not None
            and (current.personnel, current.material, current.overhead) == amounts
        ):
            saved.append(current)
            continue
        current = current or BudgetLine(plan=plan, year=line.year, organisation=line.organisation)
        current.personnel, current.material, current.overhead = amounts
        saved.append(save_validated(current, by=by))
    replaced = set(replace_years)
    for key, current in existing.items():
        if key[0] in replaced and key not in wanted:
            delete_recorded(current, by=by)
    return saved
