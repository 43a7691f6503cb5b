"""The national demo data set of ``manage.py seed_demo``.

``generate.build_dataset`` builds it in memory from a seed (no database; the steps are in
their own modules, see ``generate``); ``load`` stores it through the workbook importer,
validated like an uploaded workbook, and creates the demo users. ``bijlage_a`` holds the fixed
data (the 71 regions of Bijlage A of the monitor report, Amstelland, real municipalities).

Django imports this package while it loads the apps, before any model may be imported, and
the data set's modules use the models' single definitions (the technical profiles,
``Membership.overlaps``, a period's first and last day). So the public names below are
imported when they are first used (PEP 562), not when the app loads.
"""

from importlib import import_module

_PUBLIC = {
    "DEFAULT_SEED": "figures",
    "REFERENCE_DAY": "figures",
    "RULE_BREAKERS": "breakers",
    "DemoDataset": "rows",
    "build_dataset": "generate",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_PUBLIC[name]}"), name)
