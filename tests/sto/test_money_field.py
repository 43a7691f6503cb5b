"""The one money input (``sto.forms.MoneyField``): what people type and what it reads as."""

from decimal import Decimal

import pytest
from django import forms

from sto.forms import MoneyField, parse_amount

READS = [
    ("€ 12.500,50", Decimal("12500.50")),
    ("€12.500,50", Decimal("12500.50")),
    ("12500,5", Decimal("12500.5")),
    ("12500,50", Decimal("12500.50")),
    ("12.500", Decimal("12500")),
    ("12500", Decimal("12500")),
    ("1.399.000,50", Decimal("1399000.50")),
    ("12.500,-", Decimal("12500")),
    (" 23 973 ", Decimal("23973")),
    ("23\u00a0973", Decimal("23973")),
    ("0,99", Decimal("0.99")),
    ("-10", Decimal("-10")),
    ("999", Decimal("999")),
]

REFUSED = [
    ("12500.50", "Gebruik een komma voor de centen en een punt alleen tussen duizendtallen"),
    ("12.50", "Gebruik een komma voor de centen"),
    ("1.5", "Gebruik een komma voor de centen"),
    ("12500.5", "Gebruik een komma voor de centen"),
    ("1.2345", "Gebruik een komma voor de centen"),
    ("12,500", "Na de komma komen ten hoogste twee cijfers"),
    ("12,5000", "Na de komma komen ten hoogste twee cijfers"),
    ("1,234,567", "Vul een bedrag in euro's in"),
    ("twaalf", "Vul een bedrag in euro's in"),
    ("12,5a", "Vul een bedrag in euro's in"),
    ("€", "Vul een bedrag in euro's in"),
    ("12e3", "Vul een bedrag in euro's in"),
    (",50", "Vul een bedrag in euro's in"),
]


@pytest.mark.parametrize(("typed", "amount"), READS)
def test_dutch_amounts_read(typed, amount):
    assert parse_amount(typed) == amount


@pytest.mark.parametrize(("typed", "message"), REFUSED)
def test_ambiguous_or_wrong_amounts_are_refused_with_a_message(typed, message):
    with pytest.raises(forms.ValidationError) as error:
        parse_amount(typed)
    assert message in error.value.messages[0]


class AmountForm(forms.Form):
    amount = MoneyField(label="Bedrag")
    optional = MoneyField(label="Optioneel", required=False)
    whole = MoneyField(label="Heel", required=False, decimal_places=0, max_digits=12)


@pytest.mark.parametrize(("typed", "amount"), READS)
def test_the_form_field_reads_the_same(typed, amount):
    form = AmountForm({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == amount and form.cleaned_data["optional"] is None


@pytest.mark.parametrize(("typed", "message"), REFUSED)
def test_the_form_field_shows_the_message_next_to_the_field(typed, message):
    form = AmountForm({"amount": typed})
    assert not form.is_valid()
    assert message in form.errors["amount"][0]


def test_whole_euros_refuse_cents_but_read_zero_cents():
    assert AmountForm({"amount": "1", "whole": "45.000,00"}).is_valid()
    form = AmountForm({"amount": "1", "whole": "45.000,50"})
    assert not form.is_valid()
    assert form.errors["whole"] == [
        "Vul een bedrag in hele euro's in, zonder centen, bijvoorbeeld 45.000."
    ]


def test_too_many_digits_are_refused():
    form = AmountForm({"amount": "1.000.000.000.000.000"})
    assert not form.is_valid() and "amount" in form.errors


def test_an_empty_required_amount_is_missing():
    form = AmountForm({"amount": "  "})
    assert not form.is_valid() and form.errors["amount"] == ["Dit veld is verplicht."]


def test_the_input_asks_for_a_decimal_keyboard_and_shows_dutch_notation():
    form = AmountForm(initial={"amount": Decimal("12500.50")})
    html = str(form["amount"])
    assert 'inputmode="decimal"' in html and 'value="12.500,50"' in html
    assert 'inputmode="numeric"' in str(form["whole"])
