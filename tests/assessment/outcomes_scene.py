"""Five applications of techniekarme regio's for 2025-2028, assessed, for the outcome pages.

| region   | requested   | scores (both reviewers)                     | total | dekkend |
| -------- | ----------- | ------------------------------------------- | ----- | ------- |
| STO19201 | € 1.000.000 | 8 everywhere                                | 80    | 24      |
| STO19205 | €   400.000 | 9 on the dekkend sub-aspects, 5/4 elsewhere | 60    | 27      |
| STO19202 | €   300.000 | 6 everywhere                                | 60    | 18      |
| STO19203 | €   300.000 | 6 everywhere (a tie with STO19202: a lot)   | 60    | 18      |
| STO19204 | €   500.000 | 9 everywhere, one minimum not met           | 90    | 27      |

Under a ceiling of € 1.600.000: STO19201 and STO19205 are funded (€ 200.000 left), the winner of
the lot between STO19202 and STO19203 gets € 200.000 (partly), the other nothing; STO19204 is
rejected on the minimum.

People: two coordinating reviewers, a reviewer, an administrator, the programme manager of
STO19202 and of STO19204, and a coordinating reviewer who is also the programme manager of
STO19201 (a conflict of interest there).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import Group

from assessment.framework import SUB_ASPECT_CODES
from plans.models import Plan
from regions.models import ManagerAssignment
from regions.roles import Role
from tests.factories import PeriodFactory, RegionFactory, UserFactory, manager_of

from .conftest import assessed

CEILING = Decimal("1600000")
DEKKEND = ("regiovisie", "onderwijsaanbod", "activiteitenplan")
FAILED_REASON = "Er is geen cofinanciering toegezegd."
NAMES = {
    "STO19201": "Kop van Alfa",
    "STO19202": "Bravoland",
    "STO19203": "Charlieveld",
    "STO19204": "Deltamond",
    "STO19205": "Echostreek",
}


@dataclass
class Scene:
    period: object
    plans: dict[str, Plan] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)


def _coordinator(username: str):
    user = UserFactory(username=username, role=Role.REVIEWER)
    user.groups.add(Group.objects.get_or_create(name=Role.COORDINATOR.value)[0])
    return user


def _flat(score: int) -> dict[str, int]:
    return dict.fromkeys(SUB_ASPECT_CODES, score)


def build_scene() -> Scene:
    period = PeriodFactory()
    scene = Scene(period=period)
    requested = {
        "STO19201": "1000000",
        "STO19202": "300000",
        "STO19203": "300000",
        "STO19204": "500000",
        "STO19205": "400000",
    }
    for sto, amount in requested.items():
        region = RegionFactory(sto_number=sto, name=NAMES[sto], kind="techniekarm")
        scene.plans[sto] = Plan.objects.create(
            region=region,
            period=period,
            status="submitted",
            requested=Decimal(amount),
            submitted_on="2024-09-20",
        )
    echo = {code: (9 if code in DEKKEND else 5) for code in SUB_ASPECT_CODES}
    echo["doelmatigheid"] = echo["cofinanciering"] = 4
    scores = {
        "STO19201": _flat(8),
        "STO19202": _flat(6),
        "STO19203": _flat(6),
        "STO19204": _flat(9),
        "STO19205": echo,
    }
    for sto, given in scores.items():
        failed = {"Ymke": {"cofinanciering": FAILED_REASON}} if sto == "STO19204" else None
        assessed(scene.plans[sto], {"Xander": given, "Ymke": given}, failed=failed)
    users = scene.users
    users["coordinator"] = _coordinator("coordinator")
    users["coordinator2"] = _coordinator("coordinator2")
    users["anna"] = UserFactory(username="anna", role=Role.REVIEWER)
    users["admin"] = UserFactory(username="beheer", role=Role.ADMINISTRATOR)
    users["manager"] = manager_of(
        scene.plans["STO19202"].region, scene.plans["STO19204"].region, username="pm-bravoland"
    )
    conflicted = _coordinator("coordinator-en-pm")
    conflicted.groups.add(Group.objects.get_or_create(name=Role.PROGRAMME_MANAGER.value)[0])
    ManagerAssignment.objects.create(user=conflicted, region=scene.plans["STO19201"].region)
    users["conflicted"] = conflicted
    return scene
