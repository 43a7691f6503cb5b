"""The kernel of every form in STO-beheer.

**Text hygiene.** Every text field goes through ``sto.text.clean_text``: a form of an app derives
from ``sto.forms.Form`` instead of ``django.forms.Form``; each of its text fields (a
``CharField`` or a subclass, except a password) then normalises what was typed and refuses
control characters, and in a single-line field (a name, a key) also zero-width and
bidirectional formatting characters, with the Dutch message next to the field
(docs/decisions/0015).

**Money.** ``MoneyField`` is the one form field for an amount of money that a person types
(docs/decisions/0016). Amounts are read the Dutch way: a dot only between groups of three digits
(thousands), a comma before the cents. A euro sign, spaces and a trailing ",-" are allowed. So
these all read:

    "€ 12.500,50" → 12500.50     "12500,5" → 12500.50     "12.500" → 12500
    "1.399.000"   → 1399000      "12.500,-" → 12500       "-10"     → -10 (services refuse it)

Input that could mean two things is refused with a message that says how to write it, never
guessed: "12500.50" and "12.50" (a dot that is not a thousands separator: cents or thousands?)
and "12,500" (three digits after the comma: twelve and a half, or twelve thousand five hundred?).
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .text import clean_text


def _hygienic(field: forms.CharField) -> None:
    """Make ``field`` (a copy owned by one form instance) clean its text with ``clean_text``."""
    multiline = isinstance(field.widget, forms.Textarea)
    to_python = field.to_python

    def clean(value):
        text = to_python(value)
        return clean_text(text, multiline=multiline) if isinstance(text, str) else text

    field.to_python = clean  # type: ignore[method-assign]
    field.sto_text_hygiene = True  # type: ignore[attr-defined]


class TextHygieneMixin:
    """Apply the text hygiene rule to every text field of the form."""

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        # At cleaning time, so fields a form adds in its own ``__init__`` are covered too.
        for field in self.fields.values():
            if (
                isinstance(field, forms.CharField)
                and not isinstance(field.widget, forms.PasswordInput)
                and not getattr(field, "sto_text_hygiene", False)
            ):
                _hygienic(field)
        super().full_clean()  # type: ignore[misc]


class Form(TextHygieneMixin, forms.Form):
    """``django.forms.Form`` with the text hygiene rule on every text field."""


# --- money --------------------------------------------------------------------------------------
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PLAIN = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_CENTS = re.compile(r"\d{1,2}")

MESSAGES = {
    "invalid": _("Vul een bedrag in euro's in, bijvoorbeeld 12.500 of 12.500,50."),
    "dot": _(
        "Gebruik een komma voor de centen en een punt alleen tussen duizendtallen, bijvoorbeeld "
        "12.500,50 of 12500,50."
    ),
    "cents": _(
        "Na de komma komen ten hoogste twee cijfers (de centen). Bedoelt u duizendtallen, "
        "gebruik dan een punt: 12.500."
    ),
    "whole": _("Vul een bedrag in hele euro's in, zonder centen, bijvoorbeeld 45.000."),
}


def parse_amount(text: str, *, decimal_places: int = 2) -> Decimal:
    """The amount ``text`` states in Dutch notation, or a ``ValidationError`` saying why not."""
    value = _SPACES.sub("", text).replace("€", "").replace("\u2212", "-")
    sign = ""
    if value.startswith("-"):
        sign, value = "-", value[1:]
    if value.endswith((",-", ",--")):
        value = value[: value.index(",")]
    euros, comma, cents = value.partition(",")
    if not (_PLAIN.fullmatch(euros) or _GROUPED.fullmatch(euros)):
        code = "dot" if "." in euros and re.fullmatch(r"[\d.]+", euros) else "invalid"
        raise ValidationError(MESSAGES[code], code=code)
    if comma and not _CENTS.fullmatch(cents):
        code = "cents" if cents.isascii() and cents.isdigit() else "invalid"
        raise ValidationError(MESSAGES[code], code=code)
    amount = Decimal(sign + euros.replace(".", "") + ("." + cents if comma else ""))
    if decimal_places == 0:
        if amount != amount.to_integral_value():
            raise ValidationError(MESSAGES["whole"], code="whole")
        return amount.quantize(Decimal(1))
    return amount


class MoneyField(forms.DecimalField):
    """A euro amount typed by a person: every money input of STO-beheer is one of these."""

    def __init__(self, *, max_digits: int = 14, decimal_places: int = 2, **kwargs) -> None:
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "inputmode": "decimal" if decimal_places else "numeric",
                    "autocomplete": "off",
                }
            ),
        )
        kwargs.setdefault("localize", True)
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value):
        if isinstance(value, Decimal | int):
            return Decimal(value)
        if value in self.empty_values or not str(value).strip():
            return None
        return parse_amount(str(value), decimal_places=self.decimal_places or 0)
