"""One hygiene rule for every text: normalised where harmless, refused where it hides something.

Covers ``sto.text`` itself, the key validators built on it (``regions.identifiers``), that every
form of every app goes through it (``sto.forms.Form``), and a real form post through a page.
"""

import datetime
import importlib
import inspect
import unicodedata

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from regions.identifiers import validate_organisation_key, validate_sto_number
from regions.models import Membership, Organisation
from sto.forms import Form, TextHygieneMixin
from sto.text import BIDI_CONTROLS, clean_text, normalise_text, text_problem
from tests.factories import RegionFactory, manager_of

LOOK_ALIKES = [
    ("municipality", "GM٠٣٦٢"),  # Arabic-Indic digits
    ("municipality", "GM０３６２"),  # full-width digits
    ("company", "１２３４５６７８"),  # full-width digits
    ("mbo", "٢٥LX"),
    ("vmbo", "12AB00\u200b"),  # zero-width space
    ("company", "1234\u20605678"),  # word joiner
]


# --- sto.text ------------------------------------------------------------------------------


def test_harmless_differences_are_normalised():
    assert clean_text("Gemeente\u00a0Ede\tNoord") == "Gemeente Ede Noord"
    assert clean_text("regel 1\r\nregel 2\rregel 3", multiline=True) == "regel 1\nregel 2\nregel 3"
    decomposed = "Cafe\u0301"  # e + combining acute accent
    assert clean_text(decomposed) == "Café" and len(clean_text(decomposed)) == 4


@pytest.mark.parametrize(
    ("text", "multiline", "fragment"),
    [
        ("Naam\x00", False, "U+0000"),
        ("Naam\x1b[31m", False, "U+001B"),
        ("Naam\x7f", False, "U+007F"),
        ("Naam\x85", False, "U+0085"),
        ("Naam\nmet regel", False, "één regel"),
        ("STO19068\u200b", False, "zero width space"),
        ("Bedrijf\ufeff", False, "zero width no-break space"),
        ("abc\u202edcba", True, "right-to-left override"),
        ("tekst\x0b", True, "U+000B"),
    ],
)
def test_control_and_invisible_characters_are_refused_with_a_dutch_message(
    text, multiline, fragment
):
    with pytest.raises(ValidationError) as caught:
        clean_text(text, multiline=multiline)
    assert fragment in caught.value.messages[0]
    assert caught.value.messages[0].startswith("De tekst")


def test_a_line_break_and_a_joiner_are_allowed_in_multi_line_text():
    assert clean_text("Doel 1\nDoel 2", multiline=True) == "Doel 1\nDoel 2"
    # A zero-width joiner belongs in some scripts and emoji; only single lines refuse it.
    assert clean_text("team \U0001f468\u200d\U0001f527", multiline=True).endswith("\U0001f527")


@given(st.text())
def test_clean_text_either_refuses_or_returns_normalised_text_without_controls(text):
    try:
        cleaned = clean_text(text)
    except ValidationError as exc:
        assert exc.messages[0].startswith("De tekst")
        return
    assert cleaned == unicodedata.normalize("NFC", cleaned)
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in cleaned)
    assert not set(cleaned) & BIDI_CONTROLS
    assert clean_text(cleaned) == cleaned  # idempotent


@given(st.text())
def test_normalising_is_idempotent_and_text_problem_agrees_with_clean_text(text):
    once = normalise_text(text, multiline=True)
    assert normalise_text(once, multiline=True) == once
    assert "\r" not in once and "\t" not in once
    problem = text_problem(once, multiline=True)
    if problem is None:
        assert clean_text(text, multiline=True) == once


# --- keys ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "key"), LOOK_ALIKES)
def test_look_alike_keys_are_refused(kind, key):
    with pytest.raises(ValidationError) as caught:
        validate_organisation_key(kind, key)
    assert "alleen de letters A–Z en de cijfers 0–9" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("kind", "key", "stored"),
    [
        ("vmbo", "12ab00", "12AB00"),
        ("mbo", "25 LX", "25LX"),
        ("company", "1234.5678", "12345678"),
        ("municipality", "gm-0362", "GM0362"),
    ],
)
def test_ordinary_keys_are_stored_in_their_canonical_spelling(kind, key, stored):
    assert validate_organisation_key(kind, key) == stored


@pytest.mark.parametrize(
    "number", ["STO1", "STO190400", "STO19068\u200b", "STO/19068", "STO١٩٠٦٨", "19068", ""]
)
def test_an_sto_number_is_sto_and_five_ascii_digits(number):
    with pytest.raises(ValidationError) as caught:
        validate_sto_number(number)
    assert "geen geldig STO-nummer" in caught.value.messages[0]


@given(st.from_regex(r"\ASTO[0-9]{5}\Z"))
def test_every_documented_sto_number_is_accepted(number):
    assert validate_sto_number(number.lower()) == number


@given(st.text(max_size=12))
def test_a_valid_key_is_always_ascii_without_a_slash(text):
    for kind in ("vmbo", "mbo", "company", "municipality", "other"):
        try:
            key = validate_organisation_key(kind, text)
        except ValidationError:
            continue
        assert key.isascii() and key.isalnum() and "/" not in key
    try:
        number = validate_sto_number(text)
    except ValidationError:
        return
    assert number.isascii() and number[3:].isdigit() and len(number) == 8


@given(
    st.sampled_from(["GM"]),
    st.text(alphabet=st.characters(categories=["Nd"]), min_size=4, max_size=4),
)
def test_a_cbs_code_with_any_digits_but_ascii_ones_is_refused(prefix, digits):
    key = prefix + digits
    if digits.isascii():
        assert validate_organisation_key("municipality", key) == key
    else:
        with pytest.raises(ValidationError):
            validate_organisation_key("municipality", key)


# --- every form ------------------------------------------------------------------------------

APP_FORM_MODULES = [
    "regions.forms",
    "cofinancing.forms",
    "plans.forms",
    "assessment.forms",
    "assessment.forms_outcomes",
    "reporting.forms",
    "overview.forms",
    "formula.forms",
]


def test_every_form_of_every_app_applies_the_text_hygiene_rule():
    forms_found = []
    for name in APP_FORM_MODULES:
        module = importlib.import_module(name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                forms_found.append(cls)
                assert issubclass(cls, TextHygieneMixin), f"{name}.{cls.__name__}"
    assert len(forms_found) > 20


class _Example(Form):
    name = forms.CharField()
    note = forms.CharField(widget=forms.Textarea, required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["late"] = forms.CharField(required=False)  # added after the base __init__


def test_a_form_normalises_refuses_and_leaves_passwords_alone():
    form = _Example(
        {
            "name": "Gemeente\u00a0Ede",
            "note": "a\r\nb",
            "password": "geheim\u00a0\u200b",
            "late": "x\u200by",
        }
    )
    assert not form.is_valid()
    assert form.cleaned_data["name"] == "Gemeente Ede"
    assert form.cleaned_data["note"] == "a\nb"
    assert form.cleaned_data["password"] == "geheim\u00a0\u200b"
    assert "zero width space" in form.errors["late"][0]


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "key"), LOOK_ALIKES)
def test_a_look_alike_key_is_refused_on_the_partner_page_and_nothing_is_saved(
    client, settings, kind, key
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    region = RegionFactory()
    client.force_login(manager_of(region))
    before = Organisation.objects.count()
    response = client.post(
        reverse("regions:partner_add", args=[region.sto_number]),
        {"kind": kind, "key": key, "name": "Nieuw", "start": datetime.date(2024, 1, 1)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_key_error"' in html
    assert response.context["form"].errors["key"]
    assert Organisation.objects.count() == before
    assert not Membership.objects.filter(region=region).exists()


@pytest.mark.django_db
def test_a_name_with_a_control_character_is_refused_next_to_the_field(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    region = RegionFactory()
    client.force_login(manager_of(region))
    response = client.post(
        reverse("regions:partner_add", args=[region.sto_number]),
        {"kind": "company", "key": "12345678", "name": "Bedrijf\x1b", "start": "2024-01-01"},
    )
    assert response.status_code == 400
    assert "U+001B" in response.context["form"].errors["name"][0]
    assert not Organisation.objects.filter(key="12345678").exists()
