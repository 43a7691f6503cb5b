"""Who may change money lines. Reading is scoped by the selectors in ``cofinancing.selectors``.

- programme managers change the co-financing and contribution requests of their own regions;
- municipal officers decide on the contributions asked of their own municipality;
- reviewers read everything and change nothing;
- administrators may do everything.
"""

from regions.models import ManagerAssignment, Region
from regions.roles import Role, has_role
from regions.selectors import municipality_of

from .models import MunicipalContribution


def can_change_region_money(user, region: Region) -> bool:
    """Record co-financing and request contributions for ``region``."""
    if has_role(user, Role.ADMINISTRATOR):
        return True
    if not has_role(user, Role.PROGRAMME_MANAGER):
        return False
    return ManagerAssignment.objects.filter(user=user, region=region).exists()


def can_decide_contribution(user, contribution: MunicipalContribution) -> bool:
    """Approve, partly approve or reject ``contribution`` (its municipality's officer)."""
    if has_role(user, Role.ADMINISTRATOR):
        return True
    municipality = municipality_of(user)
    return municipality is not None and municipality.pk == contribution.municipality_id
