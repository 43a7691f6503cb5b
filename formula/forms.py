"""Forms of the simulator: they read Dutch numbers ("97.000.000", "7,5"); the formula's own rules
(``Parameters.validate``) decide what is acceptable, so the form, the command and the scenario
model refuse the same input with the same words."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import localize_input
from django.utils.translation import gettext_lazy as _

from cofinancing.forms import DateInput
from sto.forms import Form, MoneyField
from sto.web import add_service_errors

from .computation import Parameters

PARAMETER_FIELDS: tuple[str, ...] = (
    "reference_date",
    "base_per_school",
    "per_student",
    "guarantee_pct",
    "guarantee_year",
    "ceiling",
)


class ParametersForm(Form):
    reference_date = forms.DateField(
        label=_("Peildatum"),
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("De leerlingaantallen van precies deze dag tellen (meestal 1 oktober)."),
    )
    base_per_school = MoneyField(
        label=_("Basisbedrag per school (€)"),
        help_text=_(
            "Voor elke vmbo-vestiging met een technisch profiel die op de peildatum lid is van "
            "de regio."
        ),
    )
    per_student = MoneyField(
        label=_("Bedrag per technische leerling (€)"),
        help_text=_(
            "Voor elke leerling in de basis-, kader- of gemengde leerweg in een van de vijf "
            "technische profielen."
        ),
    )
    guarantee_pct = forms.DecimalField(
        label=_("Garantie (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        localize=True,
        help_text=_(
            "Optioneel, bijvoorbeeld 80: elke regio krijgt minstens dit deel van haar subsidie "
            "in het garantiejaar."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    guarantee_year = forms.IntegerField(
        label=_("Garantiejaar"),
        required=False,
        help_text=_("Het jaar van de subsidie waartegen de garantie geldt."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    ceiling = MoneyField(
        label=_("Plafond (€)"),
        required=False,
        help_text=_(
            "Optioneel, bijvoorbeeld 97.000.000: komt het totaal hoger uit, dan worden alle "
            "bedragen naar verhouding verlaagd."
        ),
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not self.errors:
            try:
                self.parameters().validate()
            except ValidationError as error:
                add_service_errors(self, error)
        return cleaned

    def parameters(self) -> Parameters:
        data = self.cleaned_data
        return Parameters(**{name: data.get(name) for name in PARAMETER_FIELDS})

    def submitted_values(self) -> list[tuple[str, str]]:
        """The parameters as they were typed, to pass them on (save form, export link)."""
        return [(name, str(self.data.get(name, ""))) for name in PARAMETER_FIELDS]


class ScenarioForm(ParametersForm):
    """Save the parameters of the simulator under a name (they arrive as hidden fields)."""

    name = forms.CharField(
        label=_("Naam van het scenario"),
        max_length=100,
        help_text=_("Bijvoorbeeld: basis 50.000, garantie 80% van 2025."),
    )


def simulator_query(parameters: Parameters) -> str:
    """A query string that opens the simulator with ``parameters``, written the way the form
    reads them in the active language."""
    amounts = ("base_per_school", "per_student", "guarantee_pct", "ceiling")
    values = {name: localize_input(getattr(parameters, name)) for name in amounts}
    values["reference_date"] = parameters.reference_date.isoformat()
    values["guarantee_year"] = str(parameters.guarantee_year or "")
    return urlencode(
        {name: "" if values[name] is None else values[name] for name in PARAMETER_FIELDS}
    )
