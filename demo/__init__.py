"""The national demo data set of ``manage.py seed_demo``.

``generate`` builds it in memory from a seed (pure functions, no database); ``write`` stores it
with history and creates the demo users. ``bijlage_a`` holds the fixed data (the 71 regions of
Bijlage A of the monitor report, Amstelland, real municipalities).
"""

from .generate import DEFAULT_SEED, REFERENCE_DAY, RULE_BREAKERS, DemoDataset, build_dataset

__all__ = ["DEFAULT_SEED", "REFERENCE_DAY", "RULE_BREAKERS", "DemoDataset", "build_dataset"]
