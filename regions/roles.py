"""The four roles of STO-beheer, as Django groups.

- programme manager: runs one or more regions (``ManagerAssignment``);
- municipal officer: acts for one municipality (``OfficerAssignment``);
- reviewer (DUS-I style): reads every region, and assesses the applications assigned to them;
- coordinating reviewer: a reviewer who also assigns reviewers, ranks the applications under the
  subsidy ceiling and proposes overrides and decisions (always with a reviewer besides);
- administrator: the Django admin and user management.
"""

from django.contrib.auth.models import AnonymousUser, Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAMME_MANAGER = "Programmamanager", _("Programmamanager")
    MUNICIPAL_OFFICER = "Gemeentelijk medewerker", _("Gemeentelijk medewerker")
    REVIEWER = "Beoordelaar", _("Beoordelaar")
    COORDINATOR = "Coördinerend beoordelaar", _("Coördinerend beoordelaar")
    ADMINISTRATOR = "Beheerder", _("Beheerder")


def ensure_groups() -> dict[str, Group]:
    """Create the role groups if missing (idempotent); administrators get every permission."""
    from django.contrib.auth.models import Permission

    groups = {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    groups[Role.ADMINISTRATOR].permissions.set(Permission.objects.all())
    readers = Permission.objects.filter(codename__startswith="view_")
    groups[Role.REVIEWER].permissions.set(readers)
    groups[Role.COORDINATOR].permissions.set(readers)
    return groups


def user_roles(user) -> set[str]:
    """The role names of ``user``, cached on the user object for the request."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return set()
    cached = getattr(user, "_sto_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached.add(Role.ADMINISTRATOR.value)
        user._sto_roles = cached
    return cached


def has_role(user, role: Role) -> bool:
    return role.value in user_roles(user)


def reads_everything(user) -> bool:
    """Reviewers and administrators see every region."""
    roles = user_roles(user)
    return Role.REVIEWER.value in roles or Role.ADMINISTRATOR.value in roles


def has_any_role(user) -> bool:
    """Someone with a role (a new account without one sees no menu)."""
    return bool(user_roles(user))
