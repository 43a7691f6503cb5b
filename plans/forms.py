"""Forms of the plan pages. They check the shape of the input; ``plans.services`` checks the rules."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from regions.models import TECHNICAL_PROFILES, Organisation
from sto.forms import Form, MoneyField

from .models import REGIOVISIE_SECTIONS, GoalTheme, Level, Plan


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class RegiovisieForm(Form):
    """The requested amount and the text sections of the regiovisie (seeds 004 B.1)."""

    requested = MoneyField(
        min_value=Decimal("0"), label=_("Gevraagd subsidiebedrag voor de hele periode (€)")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, title in REGIOVISIE_SECTIONS:
            self.fields[name] = forms.CharField(
                label=title,
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 4, "cols": 90}),
            )

    @classmethod
    def initial_of(cls, plan: Plan) -> dict:
        return {"requested": plan.requested} | {
            name: getattr(plan, name) for name, _title in REGIOVISIE_SECTIONS
        }

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name, _title in REGIOVISIE_SECTIONS}


class GoalForm(Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("Bijvoorbeeld D1."))
    theme = forms.ChoiceField(label=_("Thema"), choices=GoalTheme.choices)
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    milestone_2y = forms.CharField(
        label=_("Mijlpaal na 2 jaar"),
        help_text=_("Kwantitatief: wat is er na twee jaar bereikt?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    milestone_4y = forms.CharField(
        label=_("Mijlpaal na 4 jaar"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.key})"


class ActivityForm(Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("Bijvoorbeeld A1."))
    title = forms.CharField(label=_("Titel"), max_length=200)
    starts = forms.DateField(label=_("Begindatum"), widget=DateInput())
    ends = forms.DateField(label=_("Einddatum"), widget=DateInput())
    result = forms.CharField(
        label=_("Beoogd resultaat"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    owner = PartnerChoiceField(label=_("Uitvoerder"), queryset=Organisation.objects.none())
    goals = forms.ModelMultipleChoiceField(
        label=_("Doelen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, partners: QuerySet[Organisation], plan: Plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = partners
        goals = self.fields["goals"]
        goals.queryset = plan.goals.order_by("code")
        goals.label_from_instance = lambda goal: f"{goal.code} – {goal.description[:80]}"


class RiskForm(Form):
    risk = forms.CharField(label=_("Risico"), max_length=300)
    likelihood = forms.ChoiceField(label=_("Kans"), choices=Level.choices)
    impact = forms.ChoiceField(label=_("Impact"), choices=Level.choices)
    measure = forms.CharField(
        label=_("Beheersmaatregel"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    owner = PartnerChoiceField(label=_("Verantwoordelijke"), queryset=Organisation.objects.none())

    def __init__(self, *args, partners: QuerySet[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = partners


TEACHER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("qualified", _("Bevoegd")),
    ("to_train", _("Bij te scholen voor bevoegdheid")),
    ("needing_training", _("Behoefte aan verdieping")),
    ("to_replace", _("Te vervangen")),
)


class TeacherForm(Form):
    """The teacher table (seeds 004 B.1 §5.1): per technical profile four counts."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for profile in TECHNICAL_PROFILES:
            for column, label in TEACHER_COLUMNS:
                self.fields[self.field_name(profile, column)] = forms.IntegerField(
                    label=f"{profile}: {label}",
                    min_value=0,
                    max_value=100000,
                    initial=0,
                    widget=forms.NumberInput(
                        attrs={"inputmode": "numeric", "class": "input--count"}
                    ),
                )

    @staticmethod
    def field_name(profile: str, column: str) -> str:
        return f"{profile.replace('&', '')}-{column}"

    def rows(self) -> list[dict]:
        """Per profile its bound fields, in the order of the columns (for the table)."""
        return [
            {
                "profile": profile,
                "fields": [
                    self[self.field_name(profile, column)] for column, _label in TEACHER_COLUMNS
                ],
            }
            for profile in TECHNICAL_PROFILES
        ]

    def counts(self) -> dict[str, tuple[int, int, int, int]]:
        return {
            profile: tuple(  # type: ignore[misc]
                self.cleaned_data[self.field_name(profile, column)]
                for column, _label in TEACHER_COLUMNS
            )
            for profile in TECHNICAL_PROFILES
        }


BUDGET_COLUMNS: tuple[tuple[str, str], ...] = (
    ("personnel", _("Personeel")),
    ("material", _("Materieel")),
    ("overhead", _("Overhead")),
)


class BudgetYearForm(Form):
    """One year of the budget: per partner personnel, material and overhead (seeds 004 B.4)."""

    def __init__(self, *args, partners: list[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.partners = partners
        for organisation in partners:
            for column, label in BUDGET_COLUMNS:
                field = MoneyField(
                    label=f"{organisation.name}: {label}", required=False, min_value=Decimal("0")
                )
                field.widget.attrs["class"] = "input--amount"
                self.fields[self.field_name(organisation, column)] = field

    @staticmethod
    def field_name(organisation: Organisation, column: str) -> str:
        return f"p{organisation.pk}-{column}"

    def rows(self) -> list[dict]:
        return [
            {
                "organisation": organisation,
                "fields": [
                    self[self.field_name(organisation, column)] for column, _l in BUDGET_COLUMNS
                ],
            }
            for organisation in self.partners
        ]

    def amounts(self) -> dict[Organisation, tuple[Decimal, Decimal, Decimal]]:
        return {
            organisation: tuple(  # type: ignore[misc]
                self.cleaned_data[self.field_name(organisation, column)] or Decimal("0")
                for column, _label in BUDGET_COLUMNS
            )
            for organisation in self.partners
        }


class PlanFilterForm(Form):
    """The reviewers' list of plans."""

    period = forms.ChoiceField(label=_("Periode"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, periods, statuses, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [("", _("alle"))] + [(p.code, p.code) for p in periods]
        self.fields["status"].choices = [("", _("alle"))] + list(statuses)
