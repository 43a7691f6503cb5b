"""Writes for organisations, regions and memberships. Every service records the acting user."""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sto.history import save_validated

from .models import Membership, Organisation, Region


@transaction.atomic
def organisation_create(
    *,
    by,
    key: str,
    kind: str,
    name: str,
    city: str = "",
    technical_profiles: str = "",
    inhabitants: int | None = None,
) -> Organisation:
    """Register an organisation; the key is validated for its kind (BRIN, KvK or CBS code)."""
    organisation = Organisation(
        key=key,
        kind=kind,
        name=name,
        city=city,
        technical_profiles=technical_profiles,
        inhabitants=inhabitants,
    )
    return save_validated(organisation, by=by)


@transaction.atomic
def organisation_update(*, by, organisation: Organisation, **fields) -> Organisation:
    """Change the given fields of an organisation (the key and kind stay as they are)."""
    allowed = {"name", "city", "technical_profiles", "inhabitants"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"organisation_update cannot change {sorted(unknown)}")
    for name, value in fields.items():
        setattr(organisation, name, value)
    return save_validated(organisation, by=by, update_fields=fields.keys())


@transaction.atomic
def membership_create(
    *,
    by,
    region: Region,
    organisation: Organisation,
    start: datetime.date,
    end: datetime.date | None = None,
) -> Membership:
    """Let an organisation join a region from ``start``.

    A vmbo location belongs to at most one region at a time (condition f, seeds 004 §2): an
    overlapping membership of another region is refused.
    """
    membership = Membership(region=region, organisation=organisation, start=start, end=end)
    membership.full_clean()
    if organisation.kind == "vmbo":
        overlapping = (
            Membership.objects.filter(organisation=organisation)
            .exclude(region=region)
            .filter(start__lte=end or datetime.date.max)
            .exclude(end__lt=start)
            .select_related("region")
            .first()
        )
        if overlapping:
            raise ValidationError(
                {
                    "organisation": _(
                        "%(org)s is in deze periode al lid van regio %(region)s; een vmbo-vestiging "
                        "hoort bij ten hoogste één regio."
                    )
                    % {"org": organisation.name, "region": overlapping.region.sto_number}
                }
            )
    return save_validated(membership, by=by)


@transaction.atomic
def membership_end(*, by, membership: Membership, end: datetime.date) -> Membership:
    """Record that a member leaves the region on ``end`` (inclusive)."""
    membership.end = end
    return save_validated(membership, by=by, update_fields=["end"])
