"""Who may do what with regions, as small predicates (one per action, tested per role).

Reading a region is decided by ``regions.selectors.regions_visible_to``; these predicates decide
the writes on top of that.
"""

from .models import ManagerAssignment, Membership, Organisation, Region
from .roles import Role, has_role


def managed_region_ids(user) -> frozenset[int]:
    """The ids of the regions ``user`` runs as programme manager (cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not has_role(user, Role.PROGRAMME_MANAGER):
        return frozenset()
    cached = getattr(user, "_sto_managed_region_ids", None)
    if cached is None:
        cached = frozenset(
            ManagerAssignment.objects.filter(user=user).values_list("region_id", flat=True)
        )
        user._sto_managed_region_ids = cached
    return cached


def can_manage_region(user, region: Region) -> bool:
    """Programme managers of ``region`` and administrators change its data; others only read."""
    if not getattr(user, "is_authenticated", False):
        return False
    if has_role(user, Role.ADMINISTRATOR):
        return True
    return region.pk in managed_region_ids(user)


def can_edit_organisation(user, organisation: Organisation) -> bool:
    """Administrators, and programme managers who run *every* region the organisation is or was
    a member of. An mbo college or a municipality shared with another region is that region's
    data too (a municipality's inhabitants drive every region's contribution split), so only an
    administrator corrects it then."""
    if not getattr(user, "is_authenticated", False):
        return False
    if has_role(user, Role.ADMINISTRATOR):
        return True
    managed = managed_region_ids(user)
    if not managed:
        return False
    region_ids = set(
        Membership.objects.filter(organisation=organisation).values_list("region_id", flat=True)
    )
    return bool(region_ids) and region_ids <= managed


def can_manage_users(user) -> bool:
    """Only administrators assign users to roles, regions and municipalities."""
    return getattr(user, "is_authenticated", False) and has_role(user, Role.ADMINISTRATOR)


def can_export_regions(user) -> bool:
    """Everybody who sees the region list may export it; the export holds only what they see."""
    return getattr(user, "is_authenticated", False)


def can_export_workbook(user) -> bool:
    """The interchange workbook of a selection: reviewers, administrators and programme managers
    (of their own regions). Not municipal officers: a region's workbook holds the contributions
    of every municipality, and an officer sees only their own (issue 3, "Municipal officer")."""
    if not getattr(user, "is_authenticated", False):
        return False
    from .roles import reads_everything

    return reads_everything(user) or has_role(user, Role.PROGRAMME_MANAGER)
