"""Forms of the outcome pages: the ceiling, an override, a decision and sending one back. They
check the shape of the input; ``assessment.services`` checks the rules (a reason for an override,
conditions for "goedgekeurd met voorwaarden", a deadline for "te verbeteren", four eyes)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from plans.forms import DateInput
from sto.forms import Form, MoneyField

from .models import DecisionOutcome, RankStatus


class CeilingForm(Form):
    ceiling = MoneyField(min_value=Decimal("0"), label=_("Subsidieplafond (€)"))


class OverrideForm(Form):
    status = forms.ChoiceField(
        label=_("Nieuwe uitkomst"), choices=RankStatus.choices, widget=forms.RadioSelect
    )
    awarded = MoneyField(min_value=Decimal("0"), label=_("Toegekend bedrag (€)"))
    reason = forms.CharField(
        label=_("Reden van de afwijking"),
        help_text=_("Verplicht. Een tweede persoon leest dit voordat de afwijking geldt."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(Form):
    outcome = forms.ChoiceField(
        label=_("Besluit"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    awarded = MoneyField(min_value=Decimal("0"), label=_("Toegekend bedrag (€)"))
    conditions = forms.CharField(
        label=_("Voorwaarden"),
        help_text=_("Verplicht bij goedgekeurd met voorwaarden; één voorwaarde per regel."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    resubmission_deadline = forms.DateField(
        label=_("Opnieuw indienen vóór"),
        help_text=_("Verplicht bij te verbeteren."),
        required=False,
        widget=DateInput(),
    )
    motivation = forms.CharField(
        label=_("Motivering"),
        help_text=_("Waarom dit besluit; komt in de beschikking."),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class SendBackForm(Form):
    reason = forms.CharField(
        label=_("Reden om terug te sturen"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
