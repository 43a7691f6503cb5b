"""The demo users of docs/interfaces.md §4, one per role, made through the user services.

``regions.users`` creates (or, when the name is taken, updates) each of them as an
administrator would, with the system as the actor (``by=None``) and the history reason
"seed_demo". Two things go beyond what an administrator can do, both on purpose and only here:
the demo password (``demo_password=True``: the well-known ``--password`` of ``seed_demo``, which
Django's password validators refuse) and the superuser flag of ``beheerder``, which no service
sets.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.models import Organisation, OrganisationKind, Region
from regions.roles import Role, ensure_groups
from regions.users import user_create, user_update

from .load import CHANGE_REASON


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    first_name: str
    last_name: str
    scope: str | Promise  # what they may do, shown in the summary
    also: tuple[Role, ...] = ()  # more roles besides ``role``


DEMO_USERS = (
    DemoUser(
        "programmamanager",
        Role.PROGRAMME_MANAGER,
        "Petra",
        "van Dam",
        gettext_lazy("programmamanager"),
    ),
    DemoUser(
        "gemeente",
        Role.MUNICIPAL_OFFICER,
        "Gijs",
        "Hoekstra",
        gettext_lazy("gemeentelijk medewerker"),
    ),
    DemoUser(
        "beoordelaar",
        Role.REVIEWER,
        "Bram",
        "de Wit",
        gettext_lazy("beoordelaar (leest alle regio's)"),
    ),
    DemoUser(
        "beoordelaar2",
        Role.REVIEWER,
        "Roos",
        "Jansen",
        gettext_lazy("tweede beoordelaar (beoordeelt en keurt goed)"),
    ),
    DemoUser(
        "coordinator",
        Role.REVIEWER,
        "Carla",
        "Visser",
        gettext_lazy("coördinerend beoordelaar (wijst toe, rangschikt, stelt besluiten voor)"),
        also=(Role.COORDINATOR,),
    ),
    DemoUser(
        "beheerder", Role.ADMINISTRATOR, "Anna", "Smit", gettext_lazy("beheerder (Django-admin)")
    ),
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
    ensure_groups()  # with their permissions (the services only make missing groups)
    region = Region.objects.get(sto_number=region_sto)
    municipality = Organisation.objects.get(
        key=municipality_key, kind=OrganisationKind.MUNICIPALITY
    )
    result = []
    for spec in DEMO_USERS:
        manager = spec.role == Role.PROGRAMME_MANAGER
        officer = spec.role == Role.MUNICIPAL_OFFICER
        user = _save(
            spec,
            password=password,
            regions=[region] if manager else [],
            municipality=municipality if officer else None,
        )
        if spec.role == Role.ADMINISTRATOR and not user.is_superuser:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        scope = str(spec.scope)
        if manager:
            scope = _("%(scope)s van %(region)s %(name)s") % {
                "scope": scope,
                "region": region.sto_number,
                "name": region.name,
            }
        elif officer:
            scope = _("%(scope)s van %(name)s (%(key)s)") % {
                "scope": scope,
                "name": municipality.name,
                "key": municipality.key,
            }
        result.append((spec.username, scope))
    return result


def _save(spec: DemoUser, *, password: str, regions: list[Region], municipality):
    details = {
        "email": f"{spec.username}@sto-demo.example",
        "first_name": spec.first_name,
        "last_name": spec.last_name,
        "is_active": True,
        "roles": [spec.role.value, *(role.value for role in spec.also)],
        "regions": regions,
        "municipality": municipality,
        "password": password,
        "reason": CHANGE_REASON,
        "demo_password": True,
    }
    user = get_user_model().objects.filter(username=spec.username).first()
    if user is None:
        return user_create(by=None, username=spec.username, **details)
    return user_update(by=None, user=user, **details)
