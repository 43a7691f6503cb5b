"""Reads of the budget formula that depend on who is asking: only reviewers and administrators
(``regions.permissions.can_use_formula``); for everybody else every page is "not found"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from regions.permissions import can_use_formula

from .models import FormulaScenario

if TYPE_CHECKING:
    from regions.permissions import Person


def require_formula_access(user: Person) -> None:
    """``Http404`` unless ``user`` may use the simulator."""
    if not can_use_formula(user):
        raise Http404("Niet gevonden.")


def scenarios_visible_to(user: Person) -> QuerySet[FormulaScenario]:
    """Every saved scenario, newest first, for reviewers and administrators; none otherwise."""
    if not can_use_formula(user):
        return FormulaScenario.objects.none()
    return FormulaScenario.objects.select_related("created_by")


def scenario_get_for_user(user: Person, pk: int) -> FormulaScenario:
    scenario = scenarios_visible_to(user).filter(pk=pk).first()
    if scenario is None:
        raise Http404("Scenario niet gevonden.")
    return scenario


def scenarios_for_comparison(user: Person, pks: Iterable[int]) -> list[FormulaScenario]:
    """The scenarios with these ids that ``user`` may see, in the order asked (each once)."""
    wanted = list(dict.fromkeys(pks))
    found = {s.pk: s for s in scenarios_visible_to(user).filter(pk__in=wanted)}
    return [found[pk] for pk in wanted if pk in found]
