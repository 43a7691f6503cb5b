"""Reads that depend on who is asking. Views and exports go through these, never ``.get(pk=…)``.

"Not yours" and "does not exist" give the same answer (``Http404``).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from .models import Membership, OfficerAssignment, Organisation, Region
from .roles import Role, has_role, reads_everything


def municipality_of(user) -> Organisation | None:
    """The municipality a municipal officer acts for, or ``None``."""
    if not has_role(user, Role.MUNICIPAL_OFFICER):
        return None
    assignment = OfficerAssignment.objects.select_related("municipality").filter(user=user).first()
    return assignment.municipality if assignment else None


def regions_visible_to(user) -> QuerySet[Region]:
    """Regions ``user`` may read: all for reviewers and administrators, own ones otherwise.

    A municipal officer sees the regions their municipality is a member of or contributes to.
    """
    regions = Region.objects.all()
    if not getattr(user, "is_authenticated", False):
        return regions.none()
    if reads_everything(user):
        return regions
    condition = Q(pk__in=[])
    if has_role(user, Role.PROGRAMME_MANAGER):
        condition |= Q(manager_assignments__user=user)
    if has_role(user, Role.MUNICIPAL_OFFICER):
        from cofinancing.models import MunicipalContribution

        officer = OfficerAssignment.objects.filter(user=user).values("municipality_id")
        condition |= Exists(
            MunicipalContribution.objects.filter(region=OuterRef("pk"), municipality_id__in=officer)
        ) | Exists(Membership.objects.filter(region=OuterRef("pk"), organisation_id__in=officer))
    return regions.filter(condition).distinct()


def regions_managed_by(user) -> QuerySet[Region]:
    """Regions whose data ``user`` may change as programme manager (administrators: all)."""
    if has_role(user, Role.ADMINISTRATOR):
        return Region.objects.all()
    if not has_role(user, Role.PROGRAMME_MANAGER):
        return Region.objects.none()
    return Region.objects.filter(manager_assignments__user=user).distinct()


def region_get_for_user(user, sto_number: str) -> Region:
    """The region with ``sto_number`` if ``user`` may read it, else ``Http404``."""
    region = regions_visible_to(user).select_related("lead").filter(sto_number=sto_number).first()
    if region is None:
        raise Http404("Regio niet gevonden.")
    return region
