"""Reads that depend on who is asking. Views and exports go through these, never ``.get(pk=…)``.

"Not yours" and "does not exist" give the same answer (``Http404``). Who may read what is decided
by the predicates of ``regions.permissions``; these functions turn them into querysets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Convenant, Membership, Organisation, Region, StudentCount
from .permissions import managed_region_ids, municipality_of, reads_every_region
from .roles import Role, has_role

if TYPE_CHECKING:
    from .permissions import Person


def regions_visible_to(user: Person) -> QuerySet[Region]:
    """Regions ``user`` may read: all for reviewers and administrators, their own otherwise.

    A programme manager reads the regions they run; a municipal officer the regions their
    municipality is or was a member of. (A contribution is only ever asked of a member, so these
    are also the regions that asked the municipality for money.)
    """
    regions = Region.objects.all()
    if not getattr(user, "is_authenticated", False):
        return regions.none()
    if reads_every_region(user):
        return regions
    condition = Q(pk__in=managed_region_ids(user))
    municipality = municipality_of(user)
    if municipality is not None:
        condition |= Q(
            pk__in=Membership.objects.filter(organisation=municipality).values("region_id")
        )
    return regions.filter(condition)


def regions_managed_by(user: Person) -> QuerySet[Region]:
    """Regions whose data ``user`` may change as programme manager (administrators: all)."""
    if has_role(user, Role.ADMINISTRATOR):
        return Region.objects.all()
    return Region.objects.filter(pk__in=managed_region_ids(user))


def region_get_for_user(user: Person, sto_number: str) -> Region:
    """The region with ``sto_number`` if ``user`` may read it, else ``Http404``."""
    region = regions_visible_to(user).select_related("lead").filter(sto_number=sto_number).first()
    if region is None:
        raise Http404("Regio niet gevonden.")
    return region


# --- within a region the user may read (the caller got it from ``region_get_for_user``) ---------


def partner_memberships(region: Region) -> QuerySet[Membership]:
    """The region's memberships with their organisations."""
    return Membership.objects.filter(region=region).select_related("organisation")


def membership_get(region: Region, pk: int) -> Membership:
    membership = partner_memberships(region).filter(pk=pk).first()
    if membership is None:
        raise Http404("Lidmaatschap niet gevonden.")
    return membership


def organisation_memberships(region: Region, key: str) -> list[Membership]:
    """The memberships of the organisation with ``key`` in ``region``, oldest first; ``Http404``
    when it never was a partner of the region."""
    memberships = list(partner_memberships(region).filter(organisation__key=key).order_by("start"))
    if not memberships:
        raise Http404("Deze organisatie is geen partner van deze regio.")
    return memberships


def vmbo_locations(region: Region, day) -> QuerySet[Organisation]:
    """The region's vmbo locations that are members on ``day``."""
    return Organisation.objects.filter(
        kind="vmbo", pk__in=region.memberships.current_on(day).values("organisation_id")
    ).order_by("name")


def student_count_get(region: Region, pk: int) -> StudentCount:
    """A count of a location that is or was a member of ``region``."""
    count = (
        StudentCount.objects.select_related("organisation")
        .filter(pk=pk, organisation__memberships__region=region)
        .first()
    )
    if count is None:
        raise Http404("Leerlingaantal niet gevonden.")
    return count


def convenant_get(region: Region, pk: int) -> Convenant:
    convenant = Convenant.objects.select_related("period").filter(region=region, pk=pk).first()
    if convenant is None:
        raise Http404("Convenant niet gevonden.")
    return convenant
