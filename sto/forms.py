"""The base of every form in STO-beheer: every text field goes through ``sto.text.clean_text``.

A form of an app derives from ``sto.forms.Form`` instead of ``django.forms.Form``; each of its
text fields (a ``CharField`` or a subclass, except a password) then normalises what was typed
and refuses control characters, and in a single-line field (a name, a key) also zero-width and
bidirectional formatting characters, with the Dutch message next to the field.
"""

from django import forms

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
