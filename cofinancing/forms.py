"""Forms check the shape of input; the services in ``cofinancing.services`` check the rules.

Money fields are ``sto.forms.MoneyField``: "23.973", "23973" and "1.399.000,50" are all read as
Dutch amounts, and an ambiguous "23973.50" is refused with a message that says how to write it.
"""

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sto.forms import Form, MoneyField

from .models import CofinancingForm, ContributionStatus

MIN_YEAR = 2018  # the programme's start-up phase (docs/domain.md, "The programme")
MAX_YEAR = 2040


def year_field(label=None, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label or _("Jaar"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CommitmentCreateForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Bedrijf"),
        queryset=None,
        help_text=_("Een bedrijf dat lid is (of was) van de regio."),
        empty_label=_("— kies een bedrijf —"),
    )
    form = forms.ChoiceField(label=_("Vorm"), choices=CofinancingForm.choices)
    year = year_field()
    committed = MoneyField(label=_("Toegezegd bedrag (€)"))
    realised = MoneyField(
        label=_("Gerealiseerd bedrag (€)"),
        required=False,
        help_text=_("Laat leeg zolang nog niet bekend is wat is gerealiseerd."),
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = companies
        self.fields["organisation"].label_from_instance = lambda o: f"{o.name} ({o.key})"


class CommitmentUpdateForm(Form):
    seen_change = forms.IntegerField(widget=forms.HiddenInput, required=False)
    committed = MoneyField(label=_("Toegezegd bedrag (€)"))
    realised = MoneyField(
        label=_("Gerealiseerd bedrag (€)"),
        required=False,
        help_text=_("Laat leeg zolang nog niet bekend is wat is gerealiseerd."),
    )


class ContributionRequestForm(Form):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=None, empty_label=_("— kies een gemeente —")
    )
    year = year_field()
    requested = MoneyField(label=_("Gevraagd bedrag (€)"))
    purpose = forms.CharField(
        label=_("Waarvoor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waar de bijdrage aan wordt besteed; de gemeente ziet deze tekst."),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].label_from_instance = lambda o: f"{o.name} ({o.key})"


class ContributionSplitForm(Form):
    total = MoneyField(
        label=_("Totaalbedrag per jaar voor de regio (€)"),
        max_digits=12,
        decimal_places=0,
        min_value=Decimal("1"),
        help_text=_("In hele euro's, bijvoorbeeld 45.000."),
    )
    first_year = year_field(_("Eerste jaar"))
    last_year = year_field(_("Laatste jaar"))
    indexation_pct = forms.DecimalField(
        label=_("Jaarlijkse indexatie (%)"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("25"),
        max_digits=5,
        decimal_places=2,
        localize=True,
        help_text=_(
            "Optioneel, bijvoorbeeld 2,5: elk jaar na het eerste wordt het totaal met dit "
            "percentage verhoogd (samengesteld) en afgerond op hele euro's."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    purpose = forms.CharField(
        label=_("Waarvoor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waar de bijdragen aan worden besteed; de gemeenten zien deze tekst."),
    )
    digest = forms.CharField(required=False, widget=forms.HiddenInput)

    MAX_YEARS = 10

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last:
            if last < first:
                self.add_error("last_year", _("Het laatste jaar ligt voor het eerste jaar."))
            elif last - first + 1 > self.MAX_YEARS:
                self.add_error(
                    "last_year",
                    _("Verdeel over ten hoogste %(n)s jaar tegelijk.") % {"n": self.MAX_YEARS},
                )
        return cleaned


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            (ContributionStatus.APPROVED, _("Goedkeuren (het gevraagde bedrag)")),
            (ContributionStatus.PARTLY_APPROVED, _("Deels goedkeuren (een lager bedrag)")),
            (ContributionStatus.REJECTED, _("Afwijzen")),
        ],
        widget=forms.RadioSelect,
    )
    approved = MoneyField(
        label=_("Toegekend bedrag (€)"),
        required=False,
        help_text=_(
            "Alleen bij deels goedkeuren: meer dan € 0 en minder dan het gevraagde bedrag."
        ),
    )
    reason = forms.CharField(
        label=_("Motivering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht bij deels goedkeuren en afwijzen."),
    )
    decided_on = forms.DateField(
        label=_("Besluitdatum"),
        widget=DateInput(),
        help_text=_("De datum van het B&W-besluit; niet in de toekomst."),
    )
    expected_version = forms.IntegerField(label=_("Versie"), widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and "decided_on" not in self.initial:
            self.initial["decided_on"] = timezone.localdate()

    def clean_decided_on(self) -> datetime.date:
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError(_("De besluitdatum kan niet in de toekomst liggen."))
        return decided_on
