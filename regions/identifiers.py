"""Validation of the keys that identify organisations (docs/domain.md, "Parties and their identifiers").

- schools at location level (vmbo, po, vso, pro): BRIN + 2-digit location number, e.g. ``12AB00``;
- institutions (mbo, hbo): the 4-character BRIN, e.g. ``25LX``;
- companies: the 8-digit KvK number;
- municipalities: the CBS code ``GM`` + 4 digits, e.g. ``GM0362``;
- regions: the STO number ``STO`` + 5 digits, e.g. ``STO19040``.

A key is ASCII only: a digit is one of ``0``–``9``, never a look-alike such as the Arabic-Indic
``٠٣٦٢`` or the full-width ``０３６２`` (which a regex ``[0-9]`` refuses and ``str.isdigit`` accepts), and
an invisible character (a zero-width space) makes a key invalid rather than being dropped, so
two keys that look the same are the same key. A key can never hold a ``/`` and so always fits
in a URL.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import brin

from sto.text import is_ascii_key

LOCATION_KINDS = {"vmbo", "po", "vso", "pro"}
INSTITUTION_KINDS = {"mbo", "hbo"}
_KVK = re.compile(r"^[0-9]{8}$")
_CBS = re.compile(r"^GM[0-9]{4}$")
_BRIN = re.compile(r"^[0-9]{2}[A-Z]{2}([0-9]{2})?$")
_STO_NUMBER = re.compile(r"^STO[0-9]{5}$")


def normalise_key(kind: str, key: str) -> str:
    """The canonical spelling of a key: upper case, no spaces or dots."""
    return re.sub(r"[\s.\-]", "", str(key or "")).upper()


def validate_organisation_key(kind: str, key: str) -> str:
    """Return the normalised key, or raise ``ValidationError`` with a Dutch message."""
    value = normalise_key(kind, key)
    if not value:
        raise ValidationError(_("De sleutel is verplicht."), code="required")
    if not is_ascii_key(value):
        raise ValidationError(
            _(
                "%(key)s bevat een teken dat in een sleutel niet mag: alleen de letters A–Z en "
                "de cijfers 0–9 (let op cijfers uit een ander schrift en onzichtbare tekens)."
            )
            % {"key": ascii(value)[1:-1]},
            code="invalid_character",
        )
    if kind in LOCATION_KINDS or kind in INSTITUTION_KINDS:
        expected = 6 if kind in LOCATION_KINDS else 4
        try:
            if not _BRIN.match(value):
                raise StdnumError()
            value = brin.validate(value)
        except StdnumError:
            raise ValidationError(
                _("%(key)s is geen geldige BRIN-code (verwacht: 2 cijfers en 2 letters%(loc)s).")
                % {
                    "key": value,
                    "loc": _(" plus 2 cijfers voor de vestiging") if expected == 6 else "",
                },
                code="invalid_brin",
            ) from None
        if len(value) != expected:
            if expected == 6:
                msg = _(
                    "%(key)s mist het vestigingsnummer: een %(kind)s-vestiging heeft BRIN + 2 cijfers, bijv. 12AB00."
                )
            else:
                msg = _(
                    "%(key)s is geen instellings-BRIN: een %(kind)s-instelling heeft 4 tekens, bijv. 25LX."
                )
            raise ValidationError(msg % {"key": value, "kind": kind}, code="invalid_brin")
        return value
    if kind == "company":
        if not _KVK.match(value):
            raise ValidationError(
                _("%(key)s is geen geldig KvK-nummer (verwacht: 8 cijfers).") % {"key": value},
                code="invalid_kvk",
            )
        return value
    if kind == "municipality":
        if not _CBS.match(value):
            raise ValidationError(
                _(
                    "%(key)s is geen geldige CBS-gemeentecode (verwacht: GM en 4 cijfers, bijv. GM0362)."
                )
                % {"key": value},
                code="invalid_cbs",
            )
        return value
    return value


def validate_sto_number(value: str) -> str:
    """Return the STO number (``STO`` + 5 digits, e.g. ``STO19040``), or raise
    ``ValidationError`` with a Dutch message."""
    text = str(value or "").strip().upper()
    if not _STO_NUMBER.match(text):
        raise ValidationError(
            _("%(key)s is geen geldig STO-nummer (verwacht: STO en 5 cijfers, bijv. STO19040).")
            % {"key": ascii(text)[1:-1]},
            code="invalid_sto_number",
        )
    return text
