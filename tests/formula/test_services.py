"""The scenario services check who acts, whatever page or script calls them, and record it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from formula import services
from formula.computation import Parameters
from formula.models import FormulaScenario
from regions.roles import Role
from tests.factories import RegionFactory, UserFactory, manager_of

pytestmark = pytest.mark.django_db

PARAMETERS = Parameters(
    reference_date=datetime.date(2025, 10, 1),
    base_per_school=Decimal("50000"),
    per_student=Decimal("250"),
    guarantee_pct=Decimal("90"),
    guarantee_year=2025,
    ceiling=Decimal("97000000"),
)


def test_a_reviewer_saves_and_the_history_names_them(reviewer):
    scenario = services.scenario_create(by=reviewer, name="Advies", parameters=PARAMETERS)
    scenario.refresh_from_db()
    assert scenario.parameters == PARAMETERS
    record = scenario.history.get()
    assert (record.history_type, record.history_user, record.name) == ("+", reviewer, "Advies")


def test_a_manager_may_not_save_a_scenario(db):
    manager = manager_of(RegionFactory())
    with pytest.raises(PermissionDenied):
        services.scenario_create(by=manager, name="Eigen", parameters=PARAMETERS)
    assert not FormulaScenario.objects.exists()


def test_the_model_refuses_what_the_formula_refuses(reviewer):
    half = Parameters(
        reference_date=PARAMETERS.reference_date,
        base_per_school=Decimal("-1"),
        per_student=Decimal("250"),
        guarantee_pct=Decimal("90"),
    )
    with pytest.raises(ValidationError) as refused:
        services.scenario_create(by=reviewer, name="Fout", parameters=half)
    assert refused.value.message_dict == {
        "base_per_school": ["Een bedrag kan niet negatief zijn."],
        "guarantee_year": ["Vul ook het jaar in waarvan de subsidie gegarandeerd wordt."],
    }


def test_only_the_author_or_an_administrator_deletes(reviewer, administrator):
    scenario = services.scenario_create(by=reviewer, name="Advies", parameters=PARAMETERS)
    colleague = UserFactory(role=Role.REVIEWER)
    with pytest.raises(PermissionDenied):
        services.scenario_delete(by=colleague, scenario=scenario)
    assert FormulaScenario.objects.filter(pk=scenario.pk).exists()
    services.scenario_delete(by=administrator, scenario=scenario)
    assert not FormulaScenario.objects.exists()
    assert FormulaScenario.history.filter(history_type="-").get().history_user == administrator
