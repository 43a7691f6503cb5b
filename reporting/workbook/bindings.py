"""How each sheet of the interchange workbook maps onto its model (docs/workbook.md).

A ``Binding`` names the sheet's model, which columns are plain model fields and which columns
hold a reference (``Ref``) to a row of another sheet by that row's natural key. The sheets that
other sheets refer to define an *entity* (period, organisation, region, convenant). ``BINDINGS``
is in the order the import validates and writes: every sheet after the sheets it refers to.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
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

    @property
    def field_columns(self) -> dict[str, str]:
        mapping = {model_field: column for column, model_field in self.fields.items()}
        for ref in self.refs:
            mapping.setdefault(ref.field, ref.columns[-1])
        return mapping


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
)
