"""The fixed numbers the demo data set is built to, and its dates.

The numbers follow the monitor of the 71 approved plans (seeds 004):

- partners per region (Tabel 2.1): vmbo 2–35 (531 in all), mbo 1–4 (29×1, 26×2, 9×3, 7×4),
  companies 1–84 (922), po in 23 regions (129), vso/pro in 34 regions (68), hbo in 3 regions (4),
  municipalities in 42 regions (118); per region 8–108 partners without po, mean ≈ 25;
- subsidy 2020–2023 per region (Tabel 2.2): € 1.399.000 – € 19.130.000, € 347.983.000 in all;
- company co-financing as a share of that subsidy (Figuur 2.1): 46 regions 10–15 %, 12 regions
  15–20 %, 8 regions 20–25 %, 5 regions above 25 % of which one at 47 %; € 175.000 – € 3.140.000
  per region, ≈ € 52 M in all.

"Today" for the data set is ``REFERENCE_DAY``: co-financing is realised up to the year before,
annual reports are in up to that year's previous year, later municipal contributions are still
requested.
"""

import datetime as dt

from regions.models import TECHNICAL_PROFILES, Profile

DEFAULT_SEED = 2020
REFERENCE_DAY = dt.date(2026, 11, 1)
START = dt.date(2020, 1, 1)  # when the first partners joined

TECHNICAL = TECHNICAL_PROFILES
NON_TECHNICAL = tuple(profile for profile in Profile.values if profile not in TECHNICAL)
PATHS = ("BB", "KB", "GL")  # the learning paths counted (TL has no profile)
REFERENCE_DATES = tuple(dt.date(year, 10, 1) for year in range(2019, 2026))

# Kinds counted in the region totals of Tabel 2.1 (po is left out there, see its note "#").
TOTAL_KINDS = ("vmbo", "mbo", "company", "vso_pro", "hbo", "municipality")
ALL_KINDS = (*TOTAL_KINDS, "po")

SUBSIDY_TOTAL_71 = 347_983_000
SUBSIDY_MIN = 1_399_000
SUBSIDY_MAX = 19_130_000
COFINANCING_TOTAL_71 = 52_022_000
COFINANCING_MIN = 175_000
COFINANCING_MAX = 3_140_000
PARTNERS_MIN = 8
PARTNERS_MAX = 108
# 2025–2028: techniekregio's share at most € 368.640.080, a techniekluwe regio at most € 4 M.
TECHNIEK_BUDGET_2025_2028 = 360_000_000
TECHNIEKARM_MAX_2025_2028 = 4_000_000

SIGNING_DEADLINES = {
    "2020-2023": dt.date(2019, 10, 1),
    "2024": dt.date(2023, 11, 1),
    "2025-2028": dt.date(2024, 10, 1),  # seeds 000: sign before 1 October 2024
}
