"""Writes of the budget formula: saving and deleting scenarios, with the acting user in the
history (``sto.history``)."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from regions.permissions import can_delete_formula_scenario, can_use_formula
from sto.history import delete_recorded, save_validated

from .computation import Parameters
from .models import FormulaScenario


@transaction.atomic
def scenario_create(*, by: User, name: str, parameters: Parameters) -> FormulaScenario:
    """Save ``parameters`` under ``name`` (unique) as a scenario of ``by``; the formula's rules
    (``Parameters.validate``) are checked by the model."""
    if not can_use_formula(by):
        raise PermissionDenied(
            _("Alleen beoordelaars en beheerders gebruiken de begrotingsformule.")
        )
    scenario = FormulaScenario(name=name.strip(), created_by=by, **parameters.as_fields())
    return save_validated(scenario, by=by)


@transaction.atomic
def scenario_delete(*, by: User, scenario: FormulaScenario) -> None:
    """Delete a scenario: its author or an administrator; the history keeps who did it."""
    if not can_delete_formula_scenario(by, scenario.created_by_id):
        raise PermissionDenied(
            _("Alleen wie het scenario heeft opgeslagen, of een beheerder, kan het verwijderen.")
        )
    delete_recorded(scenario, by=by)
