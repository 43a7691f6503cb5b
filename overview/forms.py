"""The filter form of the region list (GET). It checks the shape of the input; ``listing``
applies it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cofinancing.shares import BANDS
from compliance.rules import RULES
from regions.models import RegionKind
from sto.forms import Form

from .listing import RegionFilter


class RegionFilterForm(Form):
    """The filters of the reviewer's region list (GET)."""

    q = forms.CharField(label=_("Zoeken op naam of STO-nummer"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Soort regio"), required=False, choices=[("", _("alle"))] + list(RegionKind.choices)
    )
    findings = forms.ChoiceField(
        label=_("Open bevindingen"),
        required=False,
        choices=[
            ("", _("alle regio's")),
            ("any", _("met open bevindingen")),
            ("error", _("met open fouten")),
            ("none", _("zonder open bevindingen")),
            (_("Per regel"), [(code, r.title) for code, r in RULES.items()]),
        ],
    )
    period = forms.ChoiceField(label=_("Periode"), required=False)
    band = forms.ChoiceField(
        label=_("Cofinanciering"),
        required=False,
        choices=[("", _("alle")), ("below_min", _("onder het minimum van de periode"))]
        + [(band.key, band.label) for band in BANDS],
    )
    pct_min = forms.DecimalField(
        label=_("Cofinanciering vanaf (%)"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
    )
    pct_max = forms.DecimalField(
        label=_("Cofinanciering tot en met (%)"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
    )
    municipality = forms.CharField(
        label=_("Gemeente (naam of CBS-code)"), required=False, max_length=100
    )
    lead = forms.CharField(label=_("Penvoerder"), required=False, max_length=100)

    def __init__(self, *args, periods=(), default_period=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {p.code: p for p in periods}
        self.fields["period"].choices = [(p.code, p.code) for p in periods]
        self.default_period = default_period
        if default_period is not None:
            self.fields["period"].initial = default_period.code

    def clean(self):
        data = super().clean()
        low, high = data.get("pct_min"), data.get("pct_max")
        if low is not None and high is not None and high < low:
            self.add_error("pct_max", _("De bovengrens ligt onder de ondergrens."))
        return data

    def selected_period(self):
        code = self.cleaned_data.get("period") if self.is_bound and self.is_valid() else None
        return self.periods.get(code) or self.default_period

    def to_filter(self) -> RegionFilter:
        if not self.is_valid():
            return RegionFilter()
        data = self.cleaned_data
        return RegionFilter(
            q=data["q"].strip(),
            kind=data["kind"],
            findings=data["findings"],
            band=data["band"],
            pct_min=data["pct_min"],
            pct_max=data["pct_max"],
            municipality=data["municipality"].strip(),
            lead=data["lead"].strip(),
        )
