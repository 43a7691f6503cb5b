"""Validation of the keys that identify organisations (docs/domain.md, "Parties and their identifiers").

- schools at location level (vmbo, po, vso, pro): BRIN + 2-digit location number, e.g. ``12AB00``;
- institutions (mbo, hbo): the 4-character BRIN, e.g. ``25LX``;
- companies: the 8-digit KvK number;
- municipalities: the CBS code ``GM`` + 4 digits, e.g. ``GM0362``.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import brin

LOCATION_KINDS = {"vmbo", "po", "vso", "pro"}
INSTITUTION_KINDS = {"mbo", "hbo"}
_KVK = re.compile(r"^\d{8}$")
_CBS = re.compile(r"^GM\d{4}$")


def normalise_key(kind: str, key: str) -> str:
    """The canonical spelling of a key: upper case, no spaces or dots."""
    return re.sub(r"[\s.\-]", "", str(key or "")).upper()


def validate_organisation_key(kind: str, key: str) -> str:
    """Return the normalised key, or raise ``ValidationError`` with a Dutch message."""
    value = normalise_key(kind, key)
    if not value:
        raise ValidationError(_("De sleutel is verplicht."), code="required")
    if kind in LOCATION_KINDS or kind in INSTITUTION_KINDS:
        expected = 6 if kind in LOCATION_KINDS else 4
        try:
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
