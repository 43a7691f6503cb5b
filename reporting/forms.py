"""Forms of the reporting pages (they validate input; services do the writing)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cofinancing.models import Grant
from sto.forms import Form

from .council_decision import braced, unknown_fields
from .decision_letter import unknown_fields as letter_unknown_fields
from .models import (
    ANNUAL_REPORT_NARRATIVE_MAX_CHARS,
    LETTER_FIELDS,
    NARRATIVE_FIELDS,
    AnnualReportSection,
    CouncilDecisionText,
    DecisionLetterText,
)
from .monitor import span_choices

# Fields with one item per line get a smaller box.
_SHORT = {"subject", "board_decision", "finance_coverage", "participation"}


class SpanForm(Form):
    span = forms.ChoiceField(label=_("Periode of jaar"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["span"].choices = span_choices()


class _EditableTextsForm(Form):
    """A document's editable texts: one text area per field of ``text_model`` named in
    ``text_fields``, each refused when it names a data field the document does not have
    (``find_unknown``). The collegebesluit and the beschikking are both edited this way."""

    text_model: type
    text_fields: tuple[str, ...]

    @staticmethod
    def find_unknown(text: str) -> list[str]:
        raise NotImplementedError

    def rows_of(self, name: str) -> int:
        return 5

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.text_fields:
            model_field = self.text_model._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=capfirst(model_field.verbose_name),
                help_text=model_field.help_text,
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": self.rows_of(name), "cols": 90}),
            )

    def clean(self):
        cleaned = super().clean()
        for name in self.text_fields:
            unknown = self.find_unknown(cleaned.get(name) or "")
            if unknown:
                self.add_error(
                    name,
                    _(
                        "Onbekend gegevensveld: %(fields)s. Gebruik een van de velden uit de "
                        "lijst boven het formulier."
                    )
                    % {"fields": ", ".join(braced(field) for field in unknown)},
                )
        return cleaned

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in self.text_fields}


class CouncilDecisionTextForm(_EditableTextsForm):
    """The editable narrative of a collegebesluit, with its data fields in braces
    (``{bijdrage_totaal}``); the amounts themselves are not editable here. The portfolio holder
    and the budget line are facts the texts name (``{wethouder}``, ``{begrotingspost}``)."""

    portfolio_holder = forms.CharField(
        label=_("Wethouder (portefeuillehouder)"),
        required=False,
        max_length=200,
        help_text=CouncilDecisionText._meta.get_field("portfolio_holder").help_text,
    )
    budget_line = forms.CharField(
        label=_("Begrotingspost"),
        required=False,
        max_length=200,
        help_text=CouncilDecisionText._meta.get_field("budget_line").help_text,
    )

    meeting_date = forms.DateField(
        label=_("Behandeld in B&W-vergadering"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )

    text_model = CouncilDecisionText
    text_fields = NARRATIVE_FIELDS
    find_unknown = staticmethod(unknown_fields)

    def rows_of(self, name: str) -> int:
        return 2 if name in _SHORT else 5

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the facts first; meeting_date last, as in the document
        self.order_fields(
            [
                "portfolio_holder",
                "budget_line",
                *NARRATIVE_FIELDS[:-1],
                "meeting_date",
                NARRATIVE_FIELDS[-1],
            ]
        )


class DecisionLetterTextForm(_EditableTextsForm):
    """The editable prose of a decision letter; the facts (outcome, amounts, conditions, scores,
    legal basis, objection) are not editable here."""

    text_model = DecisionLetterText
    text_fields = LETTER_FIELDS
    find_unknown = staticmethod(letter_unknown_fields)

    def rows_of(self, name: str) -> int:
        return 3 if name == "signatory" else 5


class BatchStartForm(Form):
    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted(set(Grant.objects.values_list("year", flat=True).distinct()), reverse=True)
        self.fields["year"].choices = [(y, y) for y in years]


class BudgetUploadForm(Form):
    """The budget sheet, filled in offline."""

    file = forms.FileField(
        label=_("Begrotingsbestand (.xlsx)"),
        help_text=_("Het bestand dat u hier eerder downloadde, ingevuld."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Kies een Excel-bestand (.xlsx)."))
        return upload


class AnnualReportNarrativeForm(Form):
    """One explanation per section of the annual report, in the order of the document."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, section in enumerate(AnnualReportSection, start=1):
            self.fields[section.value] = forms.CharField(
                label=f"{number}. {section.label}",
                required=False,
                max_length=ANNUAL_REPORT_NARRATIVE_MAX_CHARS,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in AnnualReportSection.values}
