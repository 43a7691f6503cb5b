"""The regions of the demo data set that break a rule on purpose (docs/interfaces.md §3).

Every other region keeps every rule, so ``check_rules`` on the demo reports exactly these
(tests/demo/test_seed_demo.py). Where the data set is built, ``breaks(sto_number, rule)`` asks
whether a region is the one that breaks ``rule``.
"""

from typing import NamedTuple


class RuleBreaker(NamedTuple):
    sto_numbers: tuple[str, ...]
    rule: str
    description: str


# What each one does wrong, as the summary of seed_demo shows it.
RULE_BREAKERS: tuple[RuleBreaker, ...] = (
    RuleBreaker(
        ("STO19012",),
        "min_vmbo_locations",
        "Parkstad: maar één vmbo-vestiging met een technisch profiel",
    ),
    RuleBreaker(
        ("STO19041",),
        "min_mbo",
        "Rivierenland: de enige mbo-instelling is op 31 juli 2024 uitgetreden",
    ),
    RuleBreaker(
        ("STO19056",),
        "cofinancing_share",
        "Oss en Maasland: 8 % cofinanciering over 2025-2028 (minimum 10 %)",
    ),
    RuleBreaker(
        ("STO19062", "STO19067"),
        "vmbo_single_region",
        "een vmbo-vestiging van Helmond is sinds 1 augustus 2023 ook lid van Noord-Limburg",
    ),
    RuleBreaker(
        ("STO19070",), "lead_technical_vmbo", "Enschede: de penvoerder heeft geen technisch profiel"
    ),
    RuleBreaker(
        ("STO19047",),
        "convenant_unsigned",
        "Gelderse Vallei: twee bedrijven hebben het convenant 2025-2028 niet getekend (deadline 1 oktober 2024)",
    ),
    RuleBreaker(
        ("STO19022",),
        "annual_report_overdue",
        "Drechtsteden: jaarverslag 2023 ontbreekt (uiterlijk 1 juni 2024)",
    ),
    RuleBreaker(
        ("STO19035",),
        "techniekarm_share",
        "Gooi en Vechtstreek (techniekarm): meer dan 10 % technische leerlingen in BB/KB/GL",
    ),
    RuleBreaker(
        ("STO19012", "STO19022", "STO19041"),
        "plan_overdue",
        "Parkstad, Drechtsteden en Rivierenland: regioplan 2025-2028 nog concept (uiterlijk 1 oktober 2024)",
    ),
)
_RULES_OF: dict[str, frozenset[str]] = {
    sto: frozenset(b.rule for b in RULE_BREAKERS if sto in b.sto_numbers)
    for breaker in RULE_BREAKERS
    for sto in breaker.sto_numbers
}

# vmbo_single_region: a location of DOUBLE_HOME is also a current member of DOUBLE_OTHER
DOUBLE_HOME, DOUBLE_OTHER = "STO19067", "STO19062"


def breaks(sto_number: str, rule: str) -> bool:
    """``sto_number`` is a region that breaks ``rule`` on purpose."""
    return rule in _RULES_OF.get(sto_number, frozenset())


def breaks_any(sto_number: str) -> bool:
    """``sto_number`` breaks some rule on purpose (and is left out of the random history)."""
    return sto_number in _RULES_OF
