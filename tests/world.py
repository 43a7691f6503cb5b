"""The one Amstelland of the test suite (seeds 000), shared by every test that needs it.

Seeds 000 (the council decision of Amstelveen, 24 September 2024) gives: the municipalities of
Amstelland contributed € 45.000 a year together in 2020–2023, split by inhabitants, Amstelveen
€ 19.414 of it; for 2025–2028 Amstelveen is asked € 23.973 a year (€ 95.892 in all, € 4.559 a
year more). The inhabitants below are chosen so that € 45.000 split by them
(``cofinancing.splitting.split_by_inhabitants``) gives Amstelveen exactly € 23.973; the
2020–2023 amounts are what the region asked then. ``tests/test_world.py`` checks that these
figures agree with each other and with the seed.
"""

from decimal import Decimal

from regions.models import Organisation
from tests.factories import OrganisationFactory

STO_NUMBER = "STO19040"
NAME = "Amstelland"
AMSTELVEEN = "GM0362"

# key -> (name, inhabitants); 45.000 × 95.892 / 180.000 = 23.973.
MUNICIPALITIES: dict[str, tuple[str, int]] = {
    "GM0362": ("Amstelveen", 95892),
    "GM0358": ("Aalsmeer", 32000),
    "GM0437": ("Ouder-Amstel", 14000),
    "GM0451": ("Uithoorn", 30000),
    "GM0736": ("De Ronde Venen", 8108),
}
YEARLY_TOTAL = Decimal("45000")

# What the region asked each municipality a year in 2020–2023 (€ 45.000 together).
CONTRIBUTIONS_2020_2023: dict[str, Decimal] = {
    "GM0362": Decimal("19414"),
    "GM0358": Decimal("7050"),
    "GM0437": Decimal("3200"),
    "GM0451": Decimal("6500"),
    "GM0736": Decimal("8836"),
}
# 2025–2028: € 45.000 a year split by inhabitants.
CONTRIBUTIONS_2025_2028: dict[str, Decimal] = {
    "GM0362": Decimal("23973"),
    "GM0358": Decimal("8000"),
    "GM0437": Decimal("3500"),
    "GM0451": Decimal("7500"),
    "GM0736": Decimal("2027"),
}


def municipality(key: str, **overrides) -> Organisation:
    """One of Amstelland's municipalities, created with the factory (``overrides`` for a test
    that needs, say, an unknown number of inhabitants)."""
    name, inhabitants = MUNICIPALITIES[key]
    values = {"key": key, "name": name, "city": name, "inhabitants": inhabitants, **overrides}
    return OrganisationFactory(municipality=True, **values)


def municipalities() -> dict[str, Organisation]:
    """All five, by key."""
    return {key: municipality(key) for key in MUNICIPALITIES}
