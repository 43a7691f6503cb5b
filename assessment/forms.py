"""Forms of the scoring pages. They check the shape of the input; ``assessment.services`` checks
the rules (a reason when a minimum is not met, a score within the scale, everything judged before
submitting) and its problems are put back next to the fields here."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regions.models import Period, RegionKind
from sto.forms import Form

from .models import Criterion, Framework, Judgement, SubAspect
from .services import JudgementInput, SubAspectSetting

YES, NO = "ja", "nee"
MINIMUM_CHOICES = ((YES, _("Ja, voldoet")), (NO, _("Nee, voldoet niet")))
# The judgement fields of one sub-aspect, in the order of the page.
JUDGEMENT_FIELDS = ("minimum_met", "reason", "score", "note")


def decimal_input(label: str, *, max_value: int | None = None, weight: Decimal | None = None):
    """A score or a weight in Dutch notation ("7,5"); ``weight`` marks a score field for the
    running total (``static/js/running-total.js``)."""
    attrs = {"inputmode": "decimal", "autocomplete": "off", "class": "input--score"}
    if weight is not None:
        attrs["data-weight"] = str(weight)
        attrs["data-max"] = str(max_value)
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal("0"),
        max_value=max_value,
        max_digits=5,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs=attrs),
    )


class PeriodFilterForm(Form):
    """The period whose applications a page shows."""

    periode = forms.ChoiceField(label=_("Periode"), required=False)

    def __init__(self, *args, periods: list[Period], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [(p.code, p.code) for p in periods]


class AssignForm(Form):
    """Add a reviewer to an application: only the reviewers who may assess it are offered."""

    reviewer = forms.TypedChoiceField(label=_("Beoordelaar"), coerce=int)

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [("", _("— kies een beoordelaar —")), *choices]


class ReviewForm(Form):
    """Every sub-aspect of the framework: minimum met yes/no, a reason (required on "no" by the
    service), a score where the framework asks for one, and a note."""

    def __init__(
        self,
        *args,
        framework: Framework,
        scored: bool,
        judgements: dict[str, Judgement] | None = None,
        **kwargs,
    ) -> None:
        judgements = judgements or {}
        if "initial" not in kwargs:
            kwargs["initial"] = self.initial_of(judgements)
        super().__init__(*args, **kwargs)
        self.criteria: list[Criterion] = list(framework.criteria.all())
        self.sub_aspects: list[SubAspect] = [
            sub for criterion in self.criteria for sub in criterion.sub_aspects.all()
        ]
        self.existing = set(judgements)
        self.scored_codes = {s.code for s in self.sub_aspects if scored and s.scored}
        for sub in self.sub_aspects:
            code = sub.code
            self.fields[f"{code}-minimum_met"] = forms.ChoiceField(
                label=_("Voldoet aan de minimale vereisten"),
                choices=MINIMUM_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"{code}-reason"] = forms.CharField(
                label=_("Reden als niet is voldaan"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2, "cols": 70}),
            )
            if code in self.scored_codes:
                self.fields[f"{code}-score"] = decimal_input(
                    gettext("Score (0 tot en met %(max)s)") % {"max": sub.scale_max},
                    max_value=sub.scale_max,
                    weight=sub.weight,
                )
            self.fields[f"{code}-note"] = forms.CharField(
                label=_("Notitie"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2, "cols": 70}),
            )

    @staticmethod
    def initial_of(judgements: dict[str, Judgement]) -> dict:
        initial: dict = {}
        for code, j in judgements.items():
            initial[f"{code}-minimum_met"] = {True: YES, False: NO}.get(j.minimum_met, "")  # type: ignore[arg-type]
            initial[f"{code}-reason"] = j.reason
            initial[f"{code}-score"] = j.score
            initial[f"{code}-note"] = j.note
        return initial

    def sections(self) -> list[dict]:
        """Per criterion its sub-aspects with their bound fields (for the template)."""
        return [
            {
                "criterion": criterion,
                "rows": [
                    {
                        "sub": sub,
                        **{
                            name: self[f"{sub.code}-{name}"]
                            for name in JUDGEMENT_FIELDS
                            if f"{sub.code}-{name}" in self.fields
                        },
                    }
                    for sub in criterion.sub_aspects.all()
                ],
            }
            for criterion in self.criteria
        ]

    def scores(self) -> dict[str, Decimal | None]:
        """The scores as typed (valid ones only), for the running total."""
        data = getattr(self, "cleaned_data", None)
        result: dict[str, Decimal | None] = {}
        for code in self.scored_codes:
            if data is not None and f"{code}-score" in data:
                result[code] = data[f"{code}-score"]
            elif not self.is_bound:
                result[code] = self.initial.get(f"{code}-score")
        return result

    def items(self) -> list[JudgementInput]:
        """What to save: every sub-aspect with something entered, or judged before."""
        items = []
        for sub in self.sub_aspects:
            code = sub.code
            chosen = self.cleaned_data[f"{code}-minimum_met"]
            item = JudgementInput(
                code,
                minimum_met={YES: True, NO: False}.get(chosen),
                reason=self.cleaned_data[f"{code}-reason"],
                score=self.cleaned_data.get(f"{code}-score"),
                note=self.cleaned_data[f"{code}-note"],
            )
            empty = item.minimum_met is None and item.score is None
            if empty and not (item.reason or item.note) and code not in self.existing:
                continue
            items.append(item)
        return items

    def add_problems(self, problems: dict[str, dict[str, str]]) -> None:
        """The service's problems per sub-aspect, next to their fields (else at the top)."""
        titles = {s.code: s.title for s in self.sub_aspects}
        for code, fields in problems.items():
            for name, message in fields.items():
                field = f"{code}-{name}"
                if field in self.fields:
                    self.add_error(field, message)
                else:
                    self.add_error(
                        None,
                        gettext("%(sub)s: %(message)s")
                        % {"sub": titles.get(code, code), "message": message},
                    )

    def summary(self) -> list[dict]:
        """Every problem for the summary at the top: the sub-aspect, the field and a link."""
        rows = []
        for sub in self.sub_aspects:
            for name in JUDGEMENT_FIELDS:
                key = f"{sub.code}-{name}"
                if key not in self.fields:
                    continue
                bound = self[key]
                anchor = f"{bound.auto_id}_0" if name == "minimum_met" else bound.auto_id
                for error in bound.errors:
                    rows.append(
                        {"sub": sub, "label": bound.label, "error": error, "anchor": anchor}
                    )
        return rows


class FrameworkForm(Form):
    """Adjust a version no review uses yet: which region kinds are scored, when a spread stands
    out, a note, and per sub-aspect whether it is scored, its scale and its weight."""

    scored_kinds = forms.MultipleChoiceField(
        label=_("Regio's die een score krijgen"),
        choices=RegionKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    spread_threshold = forms.DecimalField(
        label=_("Verschil tussen beoordelaars dat opvalt"),
        help_text=_("Scores die meer dan dit uiteenlopen, worden gemarkeerd."),
        min_value=Decimal("0"),
        max_digits=5,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input--score"}),
    )
    note = forms.CharField(
        label=_("Toelichting op deze versie"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
    )

    def __init__(self, *args, framework: Framework, **kwargs) -> None:
        self.sub_aspects = [
            sub for criterion in framework.criteria.all() for sub in criterion.sub_aspects.all()
        ]
        if "initial" not in kwargs:
            kwargs["initial"] = {
                "scored_kinds": sorted(framework.kinds),
                "spread_threshold": framework.spread_threshold,
                "note": framework.note,
            } | {
                f"{sub.code}-{name}": getattr(sub, name)
                for sub in self.sub_aspects
                for name in ("scored", "scale_max", "weight")
            }
        super().__init__(*args, **kwargs)
        for sub in self.sub_aspects:
            self.fields[f"{sub.code}-scored"] = forms.BooleanField(
                label=gettext("%(sub)s krijgt een score") % {"sub": sub.code}, required=False
            )
            self.fields[f"{sub.code}-scale_max"] = forms.IntegerField(
                label=gettext("%(sub)s: hoogste score") % {"sub": sub.code},
                min_value=1,
                max_value=100,
                widget=forms.NumberInput(attrs={"class": "input--count"}),
            )
            weight = decimal_input(gettext("%(sub)s: weging") % {"sub": sub.code})
            weight.required = True
            self.fields[f"{sub.code}-weight"] = weight

    def rows(self) -> list[dict]:
        return [
            {
                "sub": sub,
                "fields": [
                    self[f"{sub.code}-{name}"] for name in ("scored", "scale_max", "weight")
                ],
            }
            for sub in self.sub_aspects
        ]

    def settings(self) -> dict[str, SubAspectSetting]:
        data = self.cleaned_data
        return {
            sub.code: SubAspectSetting(
                scored=data[f"{sub.code}-scored"],
                scale_max=data[f"{sub.code}-scale_max"],
                weight=data[f"{sub.code}-weight"],
            )
            for sub in self.sub_aspects
        }


class NewVersionForm(Form):
    note = forms.CharField(
        label=_("Waarom een nieuwe versie"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 70}),
    )
