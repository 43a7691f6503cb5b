"""Forms of the region pages. They check the shape of the input; the services check the rules."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .identifiers import normalise_key
from .models import (
    LearningPath,
    Organisation,
    OrganisationKind,
    Profile,
    Region,
)
from .roles import Role


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# --- Partners ----------------------------------------------------------------------------------


class PartnerAddForm(forms.Form):
    """Add a partner: an existing organisation by its key, or a new one."""

    existing_key = forms.CharField(
        label=_("Sleutel van een bestaande organisatie"),
        required=False,
        max_length=20,
        help_text=_(
            "BRIN+vestiging, BRIN, KvK-nummer of CBS-code. Laat leeg voor een nieuwe organisatie."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", "—")] + list(OrganisationKind.choices)
    )
    key = forms.CharField(
        label=_("Sleutel"),
        required=False,
        max_length=20,
        help_text=_(
            "Bijv. 12AB00 (vmbo-vestiging), 25LX (mbo), 12345678 (KvK), GM0362 (gemeente)."
        ),
    )
    name = forms.CharField(label=_("Naam"), required=False, max_length=200)
    city = forms.CharField(label=_("Plaats"), required=False, max_length=100)
    technical_profiles = forms.MultipleChoiceField(
        label=_("Technische profielen (vmbo)"),
        required=False,
        choices=[(p, p) for p in ("BWI", "PIE", "M&T", "MaT", "MVI")],
        widget=forms.CheckboxSelectMultiple,
    )
    inhabitants = forms.IntegerField(label=_("Inwoners (gemeente)"), required=False, min_value=0)
    start = forms.DateField(label=_("Lid vanaf"), widget=DateInput())
    end = forms.DateField(label=_("Lid tot en met"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        self.organisation = None
        if data.get("existing_key"):
            key = normalise_key("", data["existing_key"])
            self.organisation = Organisation.objects.filter(key=key).first()
            if self.organisation is None:
                self.add_error(
                    "existing_key",
                    _(
                        "Er is geen organisatie met sleutel %(key)s. Vul hieronder een nieuwe organisatie in."
                    )
                    % {"key": key},
                )
        else:
            for name in ("kind", "key", "name"):
                if not data.get(name):
                    self.add_error(name, _("Vul dit veld in voor een nieuwe organisatie."))
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("De einddatum ligt voor de begindatum."))
        return data

    def new_organisation(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "key": data["key"],
            "name": data["name"],
            "city": data["city"],
            "technical_profiles": ";".join(data["technical_profiles"]),
            "inhabitants": data["inhabitants"],
        }


class MembershipEndForm(forms.Form):
    end = forms.DateField(label=_("Lid tot en met"), widget=DateInput())

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_end(self):
        end = self.cleaned_data["end"]
        if self.membership is not None and end < self.membership.start:
            raise ValidationError(_("De einddatum ligt voor de begindatum."))
        return end


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    city = forms.CharField(label=_("Plaats"), required=False, max_length=100)
    technical_profiles = forms.MultipleChoiceField(
        label=_("Technische profielen"),
        required=False,
        choices=[(p, p) for p in ("BWI", "PIE", "M&T", "MaT", "MVI")],
        widget=forms.CheckboxSelectMultiple,
    )
    inhabitants = forms.IntegerField(label=_("Inwoners"), required=False, min_value=0)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if organisation.kind != OrganisationKind.VMBO:
            del self.fields["technical_profiles"]
        if organisation.kind != OrganisationKind.MUNICIPALITY:
            del self.fields["inhabitants"]

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        if "technical_profiles" in data:
            data["technical_profiles"] = ";".join(data["technical_profiles"])
        return data


# --- Student counts ----------------------------------------------------------------------------


class StudentCountForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Vestiging"), queryset=Organisation.objects.none(), to_field_name="key"
    )
    reference_date = forms.DateField(
        label=_("Peildatum"), widget=DateInput(), help_text=_("1 oktober van het schooljaar.")
    )
    profile = forms.ChoiceField(label=_("Profiel"), choices=Profile.choices)
    learning_path = forms.ChoiceField(label=_("Leerweg"), choices=LearningPath.choices)
    students = forms.IntegerField(label=_("Aantal leerlingen"), min_value=0, max_value=100000)

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = locations


class StudentCountEditForm(forms.Form):
    students = forms.IntegerField(label=_("Aantal leerlingen"), min_value=0, max_value=100000)


# --- Convenants --------------------------------------------------------------------------------


class SignatureForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Ondertekend op"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg laten als nog niet is ondertekend."),
    )
    signatory = forms.CharField(
        label=_("Ondertekenaar"),
        required=False,
        max_length=200,
        help_text=_("De tekenbevoegde persoon (bestuurder of bij de KvK ingeschreven)."),
    )
    function = forms.CharField(label=_("Functie"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("signed_on") and data["signed_on"] > timezone.localdate():
            self.add_error("signed_on", _("De ondertekendatum ligt in de toekomst."))
        if data.get("signed_on") and not (data.get("signatory") or "").strip():
            self.add_error("signatory", _("Vul in wie heeft ondertekend."))
        return data


# --- Annual reports ----------------------------------------------------------------------------


class AnnualReportForm(forms.Form):
    document = forms.FileField(
        label=_("Jaarverslag (PDF)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    submitted_on = forms.DateField(label=_("Ingediend op"), widget=DateInput())
    activities = forms.CharField(
        label=_("Uitgevoerde activiteiten en besteding"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


# --- Users -------------------------------------------------------------------------------------


class UserForm(forms.Form):
    username = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    first_name = forms.CharField(label=_("Voornaam"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), required=False, max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    is_active = forms.BooleanField(label=_("Actief"), required=False, initial=True)
    roles = forms.MultipleChoiceField(
        label=_("Rollen"), required=False, choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regio's (programmamanager)"),
        required=False,
        queryset=Region.objects.order_by("sto_number"),
        to_field_name="sto_number",
        widget=forms.SelectMultiple(
            attrs={"size": 8, "data-filter-label": _("Zoek een regio op nummer of naam")}
        ),
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente (gemeentelijk medewerker)"),
        required=False,
        queryset=Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name"),
        to_field_name="key",
        widget=forms.Select(attrs={"data-filter-label": _("Zoek een gemeente op naam")}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = user
        if user is None:
            self.fields["password"].required = True
        else:
            self.fields["username"].disabled = True
            self.fields["password"].label = _("Nieuw wachtwoord")
            self.fields["password"].help_text = _("Laat leeg om het wachtwoord te houden.")

    def clean_username(self):
        username = self.cleaned_data["username"]
        if (
            self.instance is None
            and get_user_model().objects.filter(username__iexact=username).exists()
        ):
            raise ValidationError(_("Deze gebruikersnaam is al in gebruik."))
        return username


class InviteForm(UserForm):
    """Invite someone: the user form without password or "active" (the invitee sets the
    password and the account opens then); the e-mail address is required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["password"]
        del self.fields["is_active"]
        self.fields["email"].required = True
        self.fields["email"].help_text = _("De uitnodiging gaat naar dit adres.")


class SecondFactorForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
