"""Pages of the budget formula simulator (reviewers and administrators; 404 for everybody else).

Thin: ``formula.selectors`` decides who may see what, the forms read the input, the computation
divides the budget and ``formula.services`` saves and deletes scenarios with ``by=request.user``.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regions.permissions import can_delete_formula_scenario
from sto.excel import xlsx_response
from sto.history import history_entries
from sto.web import add_service_errors, paginate

from . import services
from .computation import compare, comparison_rows, latest_reference_date, simulate
from .exports import comparison_workbook, result_workbook
from .forms import PARAMETER_FIELDS, ParametersForm, ScenarioForm, simulator_query
from .selectors import (
    require_formula_access,
    scenario_get_for_user,
    scenarios_for_comparison,
    scenarios_visible_to,
)

SCENARIOS_PER_PAGE = 50
MAX_COMPARED = 6


# --- the simulator ---------------------------------------------------------------------------


def _parameters_form(data) -> ParametersForm:
    """Bound once a parameter is in ``data``; else empty, on the latest reference date that has
    student counts."""
    if any(name in data for name in PARAMETER_FIELDS):
        return ParametersForm(data)
    return ParametersForm(initial={"reference_date": latest_reference_date()})


def _render_simulator(request, form: ParametersForm, save_form: ScenarioForm):
    result = simulate(form.parameters()) if form.is_bound and form.is_valid() else None
    values = form.submitted_values() if result is not None else []
    status = 400 if form.errors or save_form.errors else 200
    return render(
        request,
        "formula/simulator.html",
        {
            "form": form,
            "save_form": save_form,
            "result": result,
            "parameter_values": values,
            "query": urlencode(values),
        },
        status=status,
    )


@require_GET
def simulator(request):
    require_formula_access(request.user)
    return _render_simulator(request, _parameters_form(request.GET), ScenarioForm())


@require_GET
def simulator_export(request):
    """The current parameters and their results as Excel."""
    require_formula_access(request.user)
    form = _parameters_form(request.GET)
    if not form.is_bound or not form.is_valid():
        return _render_simulator(request, form, ScenarioForm())
    result = simulate(form.parameters())
    filename = f"begrotingsformule-{result.parameters.reference_date.isoformat()}.xlsx"
    return xlsx_response(result_workbook(result), filename)


@require_POST
def scenario_create(request):
    """Save the simulator's parameters (hidden fields) under the name typed."""
    require_formula_access(request.user)
    save_form = ScenarioForm(request.POST)
    if save_form.is_valid():
        try:
            scenario = services.scenario_create(
                by=request.user,
                name=save_form.cleaned_data["name"],
                parameters=save_form.parameters(),
            )
        except ValidationError as error:
            add_service_errors(save_form, error)
        else:
            messages.success(request, _("Scenario %(name)s is opgeslagen.") % {"name": scenario})
            return redirect("formula:scenario_detail", pk=scenario.pk)
    return _render_simulator(request, _parameters_form(request.POST), save_form)


# --- saved scenarios -------------------------------------------------------------------------


@require_GET
def scenario_list(request):
    require_formula_access(request.user)
    page = paginate(request, scenarios_visible_to(request.user), SCENARIOS_PER_PAGE)
    return render(
        request,
        "formula/scenario_list.html",
        {"page": page, "scenarios": page.object_list, "max_compared": MAX_COMPARED},
    )


@require_GET
def scenario_detail(request, pk: int):
    scenario = scenario_get_for_user(request.user, pk)
    return render(
        request,
        "formula/scenario_detail.html",
        {
            "scenario": scenario,
            "result": simulate(scenario.parameters),
            "simulator_query": simulator_query(scenario.parameters),
            "can_delete": can_delete_formula_scenario(request.user, scenario.created_by_id),
            "history": history_entries(scenario),
        },
    )


@require_GET
def scenario_export(request, pk: int):
    scenario = scenario_get_for_user(request.user, pk)
    workbook = result_workbook(simulate(scenario.parameters), scenario)
    return xlsx_response(
        workbook, f"begrotingsformule-{slugify(scenario.name) or scenario.pk}.xlsx"
    )


@require_http_methods(["GET", "POST"])
def scenario_delete(request, pk: int):
    """Ask, then delete: only the author or an administrator (403 for other readers)."""
    scenario = scenario_get_for_user(request.user, pk)
    if not can_delete_formula_scenario(request.user, scenario.created_by_id):
        raise PermissionDenied(_("U kunt alleen uw eigen scenario's verwijderen."))
    if request.method == "POST":
        name = scenario.name
        services.scenario_delete(by=request.user, scenario=scenario)
        messages.success(request, _("Scenario %(name)s is verwijderd.") % {"name": name})
        return redirect("formula:scenario_list")
    return render(request, "formula/scenario_delete.html", {"scenario": scenario})


# --- comparing scenarios ---------------------------------------------------------------------


def _compared(request):
    """The scenarios ticked in the list (``?scenario=1&scenario=2``), or a redirect back to the
    list with the reason when there are too few or too many."""
    require_formula_access(request.user)
    pks = [int(v) for v in request.GET.getlist("scenario") if v.isascii() and v.isdigit()]
    scenarios = scenarios_for_comparison(request.user, pks)
    if len(scenarios) < 2:
        messages.error(request, _("Kies ten minste twee scenario's om te vergelijken."))
    elif len(scenarios) > MAX_COMPARED:
        messages.error(
            request,
            _("Vergelijk ten hoogste %(n)s scenario's tegelijk.") % {"n": MAX_COMPARED},
        )
    else:
        return scenarios, compare([s.parameters for s in scenarios])
    return None


@require_GET
def scenario_compare(request):
    compared = _compared(request)
    if compared is None:
        return redirect("formula:scenario_list")
    scenarios, results = compared
    return render(
        request,
        "formula/compare.html",
        {
            "columns": list(zip(scenarios, results, strict=True)),
            "rows": comparison_rows(results),
            "query": urlencode([("scenario", s.pk) for s in scenarios]),
        },
    )


@require_GET
def scenario_compare_export(request):
    compared = _compared(request)
    if compared is None:
        return redirect("formula:scenario_list")
    scenarios, results = compared
    return xlsx_response(
        comparison_workbook(scenarios, results), "begrotingsformule-vergelijking.xlsx"
    )
