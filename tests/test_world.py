"""The shared Amstelland of tests/world.py agrees with itself and with seeds 000."""

from decimal import Decimal

from cofinancing.splitting import split_by_inhabitants
from tests import world


def test_the_2025_2028_amounts_are_45000_split_by_inhabitants():
    inhabitants = {key: count for key, (_name, count) in world.MUNICIPALITIES.items()}
    assert split_by_inhabitants(world.YEARLY_TOTAL, inhabitants) == world.CONTRIBUTIONS_2025_2028


def test_the_figures_of_seeds_000():
    assert sum(world.CONTRIBUTIONS_2020_2023.values()) == world.YEARLY_TOTAL == Decimal("45000")
    assert world.CONTRIBUTIONS_2020_2023[world.AMSTELVEEN] == Decimal("19414")
    assert world.CONTRIBUTIONS_2025_2028[world.AMSTELVEEN] == Decimal("23973")
    assert 4 * world.CONTRIBUTIONS_2025_2028[world.AMSTELVEEN] == Decimal("95892")
    increase = (
        world.CONTRIBUTIONS_2025_2028[world.AMSTELVEEN]
        - world.CONTRIBUTIONS_2020_2023[world.AMSTELVEEN]
    )
    assert increase == Decimal("4559")
