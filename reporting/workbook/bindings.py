"""How each sheet of the interchange workbook maps onto its model (docs/workbook.md).

A ``Binding`` names the sheet's model, which columns are plain model fields and which columns
hold a reference (``Ref``) to a row of another sheet by that row's natural key. The sheets that
other sheets refer to define an *entity* (period, organisation, region, convenant, plan, goal).
``BINDINGS`` is in the order the import validates and writes: every sheet after the sheets it
refers to.

A plan row stands for the *current* version of the region's plan for the period
(``plans.selectors.latest_versions``), and the rows of goals, activities, risks, the teacher
table and the budget belong to that version: their rows in the database are read through
``existing``, which holds only the current versions.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import QuerySet

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
from plans.models import (
    SECTION_FIELDS,
    Activity,
    BudgetLine,
    Goal,
    Plan,
    Risk,
    TeacherShortage,
)
from plans.selectors import latest_versions
from regions.models import (
    AnnualReport,
    Convenant,
    Membership,
    Organisation,
    OrganisationKind,
    Period,
    Region,
    Signature,
    StudentCount,
)

from . import schema

# Entities other sheets refer to, and the sheet that defines each.
PERIOD, ORGANISATION, REGION, CONVENANT = "period", "organisation", "region", "convenant"
PLAN, GOAL = "plan", "goal"


@dataclass(frozen=True)
class Ref:
    """A foreign key given by one or more columns holding the referenced row's natural key."""

    entity: str
    field: str  # the model's ForeignKey
    columns: tuple[str, ...]
    kinds: tuple[str, ...] = ()  # allowed organisation kinds
    kind_message: str = ""


@dataclass(frozen=True)
class Binding:
    """How one sheet maps onto its model."""

    spec: schema.SheetSpec
    model: type[models.Model]
    fields: dict[str, str]  # column -> plain model field
    refs: tuple[Ref, ...] = ()
    defines: str | None = None  # the entity this sheet's rows are
    related: tuple[str, ...] = ()  # select_related for loading existing rows
    db_key: Callable[[models.Model], tuple] = lambda obj: ()
    # column -> the model fields its value (a mapping of field -> value) fills
    spread: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the rows in the database this sheet's rows are matched with (default: all of the model's)
    existing: Callable[[], QuerySet] | None = None

    @property
    def model_fields(self) -> list[str]:
        """Every model field the sheet's columns set (references aside)."""
        return [name for column in self.fields | self.spread for name in self.fields_of(column)]

    def fields_of(self, column: str) -> tuple[str, ...]:
        if column in self.spread:
            return self.spread[column]
        return (self.fields[column],) if column in self.fields else ()

    def field_values(self, column: str, value: object) -> dict[str, object]:
        """Model field -> value for a column's value (``None`` for every field when ``None``)."""
        if column in self.spread:
            values = value if isinstance(value, dict) else {}
            return {name: values.get(name) for name in self.spread[column]}
        return {self.fields[column]: value}

    @property
    def field_columns(self) -> dict[str, str]:
        mapping = {
            model_field: column
            for column in self.fields | self.spread
            for model_field in self.fields_of(column)
        }
        for ref in self.refs:
            mapping.setdefault(ref.field, ref.columns[-1])
        return mapping


def _current(model: type[models.Model]) -> Callable[[], QuerySet]:
    """The rows of ``model`` that belong to the current version of a plan."""
    return lambda: model._default_manager.filter(plan__in=latest_versions())


_PLAN_REF = Ref(PLAN, "plan", ("sto_number", "period"))
_PLAN_RELATED = ("plan__region", "plan__period")


BINDINGS: tuple[Binding, ...] = (
    Binding(
        schema.PERIODS,
        Period,
        {
            "code": "code",
            "start_year": "start_year",
            "end_year": "end_year",
            "min_cofinancing_pct": "min_cofinancing_pct",
            "techniekarm_max_technical_pct": "techniekarm_max_technical_pct",
            "plan_deadline": "plan_deadline",
        },
        defines=PERIOD,
        db_key=lambda o: (o.code,),
    ),
    Binding(
        schema.ORGANISATIONS,
        Organisation,
        {
            "key": "key",
            "kind": "kind",
            "name": "name",
            "city": "city",
            "technical_profiles": "technical_profiles",
            "inhabitants": "inhabitants",
        },
        defines=ORGANISATION,
        db_key=lambda o: (o.key,),
    ),
    Binding(
        schema.REGIONS,
        Region,
        {"sto_number": "sto_number", "name": "name", "kind": "kind"},
        refs=(
            Ref(
                ORGANISATION,
                "lead",
                ("lead_key",),
                kinds=(OrganisationKind.VMBO,),
                kind_message="De penvoerder moet een vmbo-vestiging zijn.",
            ),
        ),
        defines=REGION,
        db_key=lambda o: (o.sto_number,),
    ),
    Binding(
        schema.MEMBERSHIPS,
        Membership,
        {"start": "start", "end": "end"},
        refs=(
            Ref(REGION, "region", ("sto_number",)),
            Ref(ORGANISATION, "organisation", ("organisation_key",)),
        ),
        related=("region", "organisation"),
        db_key=lambda o: (o.region.sto_number, o.organisation.key, o.start),
    ),
    Binding(
        schema.STUDENT_COUNTS,
        StudentCount,
        {
            "reference_date": "reference_date",
            "profile": "profile",
            "learning_path": "learning_path",
            "students": "students",
        },
        refs=(Ref(ORGANISATION, "organisation", ("organisation_key",)),),
        related=("organisation",),
        db_key=lambda o: (o.organisation.key, o.reference_date, o.profile, o.learning_path),
    ),
    Binding(
        schema.GRANTS,
        Grant,
        {"year": "year", "amount": "amount"},
        refs=(Ref(REGION, "region", ("sto_number",)), Ref(PERIOD, "period", ("period",))),
        related=("region", "period"),
        db_key=lambda o: (o.region.sto_number, o.year),
    ),
    Binding(
        schema.COFINANCING,
        CofinancingCommitment,
        {"year": "year", "form": "form", "committed": "committed", "realised": "realised"},
        refs=(
            Ref(REGION, "region", ("sto_number",)),
            Ref(
                ORGANISATION,
                "organisation",
                ("organisation_key",),
                kinds=(OrganisationKind.COMPANY,),
                kind_message="Cofinanciering komt van een bedrijf.",
            ),
        ),
        related=("region", "organisation"),
        db_key=lambda o: (o.region.sto_number, o.organisation.key, o.year, o.form),
    ),
    Binding(
        schema.CONTRIBUTIONS,
        MunicipalContribution,
        {
            "year": "year",
            "requested": "requested",
            "approved": "approved",
            "status": "status",
            "decided_on": "decided_on",
            "decision_reason": "decision_reason",
            "purpose": "purpose",
        },
        refs=(
            Ref(REGION, "region", ("sto_number",)),
            Ref(
                ORGANISATION,
                "municipality",
                ("organisation_key",),
                kinds=(OrganisationKind.MUNICIPALITY,),
                kind_message="Een bijdrage komt van een gemeente.",
            ),
        ),
        related=("region", "municipality"),
        db_key=lambda o: (o.region.sto_number, o.municipality.key, o.year),
    ),
    Binding(
        schema.CONVENANTS,
        Convenant,
        {
            "title": "title",
            "starts": "starts",
            "ends": "ends",
            "signing_deadline": "signing_deadline",
        },
        refs=(Ref(REGION, "region", ("sto_number",)), Ref(PERIOD, "period", ("period",))),
        defines=CONVENANT,
        related=("region", "period"),
        db_key=lambda o: (o.region.sto_number, o.period.code),
    ),
    Binding(
        schema.SIGNATURES,
        Signature,
        {"signed_on": "signed_on", "signatory": "signatory", "function": "function"},
        refs=(
            Ref(CONVENANT, "convenant", ("sto_number", "period")),
            Ref(ORGANISATION, "organisation", ("organisation_key",)),
        ),
        related=("convenant__region", "convenant__period", "organisation"),
        db_key=lambda o: (
            o.convenant.region.sto_number,
            o.convenant.period.code,
            o.organisation.key,
        ),
    ),
    Binding(
        schema.ANNUAL_REPORTS,
        AnnualReport,
        {"year": "year", "submitted_on": "submitted_on", "activities": "activities"},
        refs=(Ref(REGION, "region", ("sto_number",)),),
        related=("region",),
        db_key=lambda o: (o.region.sto_number, o.year),
    ),
    Binding(
        schema.PLANS,
        Plan,
        {
            "status": "status",
            "submitted_on": "submitted_on",
            "requested": "requested",
            "resubmission_deadline": "resubmission_deadline",
        },
        refs=(Ref(REGION, "region", ("sto_number",)), Ref(PERIOD, "period", ("period",))),
        defines=PLAN,
        related=("region", "period"),
        db_key=lambda o: (o.region.sto_number, o.period.code),
        spread={"regiovisie": SECTION_FIELDS},
        existing=latest_versions,
    ),
    Binding(
        schema.GOALS,
        Goal,
        {
            "code": "code",
            "theme": "theme",
            "description": "description",
            "milestone_2y": "milestone_2y",
            "milestone_4y": "milestone_4y",
        },
        refs=(_PLAN_REF,),
        defines=GOAL,
        related=_PLAN_RELATED,
        db_key=lambda o: (o.plan.region.sto_number, o.plan.period.code, o.code),
        existing=_current(Goal),
    ),
    Binding(
        schema.ACTIVITIES,
        Activity,
        {"code": "code", "title": "title", "starts": "starts", "ends": "ends", "result": "result"},
        refs=(_PLAN_REF, Ref(ORGANISATION, "owner", ("owner_key",))),
        related=(*_PLAN_RELATED, "owner"),
        db_key=lambda o: (o.plan.region.sto_number, o.plan.period.code, o.code),
        existing=_current(Activity),
    ),
    Binding(
        schema.RISKS,
        Risk,
        {"risk": "risk", "likelihood": "likelihood", "impact": "impact", "measure": "measure"},
        refs=(_PLAN_REF, Ref(ORGANISATION, "owner", ("owner_key",))),
        related=(*_PLAN_RELATED, "owner"),
        db_key=lambda o: (o.plan.region.sto_number, o.plan.period.code, o.risk),
        existing=_current(Risk),
    ),
    Binding(
        schema.TEACHER_SHORTAGE,
        TeacherShortage,
        {
            "profile": "profile",
            "qualified": "qualified",
            "to_train": "to_train",
            "needing_training": "needing_training",
            "to_replace": "to_replace",
        },
        refs=(_PLAN_REF,),
        related=_PLAN_RELATED,
        db_key=lambda o: (o.plan.region.sto_number, o.plan.period.code, o.profile),
        existing=_current(TeacherShortage),
    ),
    Binding(
        schema.BUDGET_LINES,
        BudgetLine,
        {
            "year": "year",
            "personnel": "personnel",
            "material": "material",
            "overhead": "overhead",
        },
        refs=(_PLAN_REF, Ref(ORGANISATION, "organisation", ("organisation_key",))),
        related=(*_PLAN_RELATED, "organisation"),
        db_key=lambda o: (
            o.plan.region.sto_number,
            o.plan.period.code,
            o.year,
            o.organisation.key,
        ),
        existing=_current(BudgetLine),
    ),
)
