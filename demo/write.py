"""Store a ``DemoDataset`` in the database, with a history row for every row, and the demo users.

Rows are built in memory and written with ``bulk_create_with_history`` (a few dozen queries per
table), so the whole data set takes seconds instead of minutes. The acting user of the history
rows is empty: the data set is loaded by the system, not by a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
from regions.models import (
    AnnualReport,
    Convenant,
    ManagerAssignment,
    Membership,
    OfficerAssignment,
    Organisation,
    Period,
    Region,
    Signature,
    StudentCount,
)
from regions.roles import Role, ensure_groups

from .generate import DemoDataset

BATCH_SIZE = 2000
CHANGE_REASON = "seed_demo"


def _bulk(objects: list, model) -> list:
    return bulk_create_with_history(
        objects,
        model,
        batch_size=BATCH_SIZE,
        default_user=None,
        default_change_reason=CHANGE_REASON,
    )


@transaction.atomic
def write_dataset(data: DemoDataset) -> dict[str, int]:
    """Insert every row of ``data``; returns the number of rows per model."""
    existing = Period.objects.in_bulk(field_name="code")
    new_periods = [
        Period(
            code=p.code,
            start_year=p.start_year,
            end_year=p.end_year,
            min_cofinancing_pct=p.min_cofinancing_pct,
        )
        for p in data.periods
        if p.code not in existing
    ]
    periods = {**existing, **{p.code: p for p in _bulk(new_periods, Period)}}

    organisations = {
        o.key: o
        for o in _bulk(
            [
                Organisation(
                    key=o.key,
                    kind=o.kind,
                    name=o.name,
                    city=o.city,
                    technical_profiles=o.technical_profiles,
                    inhabitants=o.inhabitants,
                )
                for o in data.organisations
            ],
            Organisation,
        )
    }
    regions = {
        r.sto_number: r
        for r in _bulk(
            [
                Region(
                    sto_number=r.sto_number,
                    name=r.name,
                    kind=r.kind,
                    lead=organisations[r.lead_key],
                )
                for r in data.regions
            ],
            Region,
        )
    }
    counts = {
        "periods": len(new_periods),
        "organisations": len(organisations),
        "regions": len(regions),
    }
    counts["memberships"] = len(
        _bulk(
            [
                Membership(
                    region=regions[m.sto_number],
                    organisation=organisations[m.organisation_key],
                    start=m.start,
                    end=m.end,
                )
                for m in data.memberships
            ],
            Membership,
        )
    )
    counts["student_counts"] = len(
        _bulk(
            [
                StudentCount(
                    organisation=organisations[s.organisation_key],
                    reference_date=s.reference_date,
                    profile=s.profile,
                    learning_path=s.learning_path,
                    students=s.students,
                )
                for s in data.student_counts
            ],
            StudentCount,
        )
    )
    counts["grants"] = len(
        _bulk(
            [
                Grant(
                    region=regions[g.sto_number],
                    period=periods[g.period],
                    year=g.year,
                    amount=g.amount,
                )
                for g in data.grants
            ],
            Grant,
        )
    )
    counts["cofinancing"] = len(
        _bulk(
            [
                CofinancingCommitment(
                    region=regions[c.sto_number],
                    organisation=organisations[c.organisation_key],
                    year=c.year,
                    form=c.form,
                    committed=c.committed,
                    realised=c.realised,
                )
                for c in data.cofinancing
            ],
            CofinancingCommitment,
        )
    )
    counts["contributions"] = len(
        _bulk(
            [
                MunicipalContribution(
                    region=regions[c.sto_number],
                    municipality=organisations[c.organisation_key],
                    year=c.year,
                    requested=c.requested,
                    approved=c.approved,
                    status=c.status,
                    decided_on=c.decided_on,
                    purpose=c.purpose,
                )
                for c in data.contributions
            ],
            MunicipalContribution,
        )
    )
    convenants = {
        (c.region.sto_number, c.period.code): c
        for c in _bulk(
            [
                Convenant(
                    region=regions[c.sto_number],
                    period=periods[c.period],
                    title=c.title,
                    starts=c.starts,
                    ends=c.ends,
                    signing_deadline=c.signing_deadline,
                )
                for c in data.convenants
            ],
            Convenant,
        )
    }
    counts["convenants"] = len(convenants)
    counts["signatures"] = len(
        _bulk(
            [
                Signature(
                    convenant=convenants[(s.sto_number, s.period)],
                    organisation=organisations[s.organisation_key],
                    signed_on=s.signed_on,
                    signatory=s.signatory,
                    function=s.function,
                )
                for s in data.signatures
            ],
            Signature,
        )
    )
    counts["annual_reports"] = len(
        _bulk(
            [
                AnnualReport(
                    region=regions[a.sto_number],
                    year=a.year,
                    submitted_on=a.submitted_on,
                    activities=a.activities,
                )
                for a in data.annual_reports
            ],
            AnnualReport,
        )
    )
    return counts


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    first_name: str
    last_name: str
    scope: str  # shown in the summary


DEMO_USERS = (
    DemoUser("programmamanager", Role.PROGRAMME_MANAGER, "Petra", "van Dam", "programmamanager"),
    DemoUser("gemeente", Role.MUNICIPAL_OFFICER, "Gijs", "Hoekstra", "gemeentelijk medewerker"),
    DemoUser("beoordelaar", Role.REVIEWER, "Bram", "de Wit", "beoordelaar (leest alle regio's)"),
    DemoUser("beheerder", Role.ADMINISTRATOR, "Anna", "Smit", "beheerder (Django-admin)"),
)


@transaction.atomic
def create_demo_users(
    *, password: str, region_sto: str, municipality_key: str
) -> list[tuple[str, str]]:
    """One user per role (docs/interfaces.md §4), all with ``password``.

    The programme manager runs ``region_sto``; the municipal officer acts for
    ``municipality_key``. Existing users with these names are updated, not duplicated.
    Returns ``(username, what they may do)`` pairs for the summary.
    """
    groups = ensure_groups()
    user_model = get_user_model()
    region = Region.objects.get(sto_number=region_sto)
    municipality = Organisation.objects.get(key=municipality_key, kind="municipality")
    result = []
    for spec in DEMO_USERS:
        user, _ = user_model.objects.get_or_create(username=spec.username)
        user.first_name, user.last_name = spec.first_name, spec.last_name
        user.email = f"{spec.username}@sto-demo.example"
        user.is_active = True
        user.is_staff = spec.role == Role.ADMINISTRATOR
        user.is_superuser = spec.role == Role.ADMINISTRATOR
        user.set_password(password)
        user.save()
        user.groups.set([groups[spec.role.value]])
        scope = spec.scope
        if spec.role == Role.PROGRAMME_MANAGER:
            if not ManagerAssignment.objects.filter(user=user, region=region).exists():
                _bulk([ManagerAssignment(user=user, region=region)], ManagerAssignment)
            scope = f"{scope} van {region.sto_number} {region.name}"
        elif spec.role == Role.MUNICIPAL_OFFICER:
            OfficerAssignment.objects.filter(user=user).exclude(municipality=municipality).delete()
            if not OfficerAssignment.objects.filter(user=user).exists():
                _bulk([OfficerAssignment(user=user, municipality=municipality)], OfficerAssignment)
            scope = f"{scope} van {municipality.name} ({municipality.key})"
        result.append((spec.username, scope))
    return result
