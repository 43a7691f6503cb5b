"""The beoordelingskader in force for a period, and the sub-aspect codes of docs/interfaces.md §5.

The first version of a period is Bijlage C as written (``bijlage_c``): every sub-aspect scored
from 0 to 10 with weight 1, scores for techniekarme regio's only. A later version starts as a
copy of the one before, so an administrator changes only what the new round changes.
"""

from __future__ import annotations

from django.db.models import Prefetch

from regions.models import Period

from .bijlage_c import CRITERIA
from .models import Criterion, Framework, SubAspect

# The codes of the contract, in the order of Bijlage C (docs/interfaces.md §5).
CRITERION_CODES: tuple[str, ...] = tuple(c.code for c in CRITERIA)
SUB_ASPECT_CODES: tuple[str, ...] = tuple(s.code for c in CRITERIA for s in c.sub_aspects)
CRITERION_OF: dict[str, str] = {s.code: c.code for c in CRITERIA for s in c.sub_aspects}
# The criterion that breaks a tie in total score (docs/interfaces.md §6).
TIE_BREAK_CRITERION = "dekkend"


def framework_in_force(period: Period) -> Framework | None:
    """The latest version of the framework for ``period``, with its criteria and sub-aspects."""
    return (
        Framework.objects.filter(period=period)
        .select_related("period")
        .prefetch_related(
            Prefetch(
                "criteria",
                queryset=Criterion.objects.prefetch_related(
                    Prefetch("sub_aspects", queryset=SubAspect.objects.order_by("position"))
                ).order_by("position"),
            )
        )
        .order_by("-version")
        .first()
    )


def sub_aspects_of(framework: Framework) -> list[SubAspect]:
    """The framework's sub-aspects in the order of Bijlage C (uses the prefetch above)."""
    return [
        sub_aspect
        for criterion in framework.criteria.all()
        for sub_aspect in criterion.sub_aspects.all()
    ]


def is_in_use(framework: Framework) -> bool:
    """A review uses this version: it is frozen (a new round starts a new version)."""
    return framework.reviews.exists()
