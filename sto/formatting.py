"""Dutch number, money and date formats, used at the edges only (templates, PDF, Excel)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation

MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_number(value, places: int = 0) -> str:
    """``1399000.5`` → ``1.399.000,50`` (places=2) or ``1.399.001`` (places=0)."""
    if value is None or value == "":
        return ""
    quantum = Decimal(1).scaleb(-places)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join(groups) or "0"
    return f"{sign}{text},{fraction}" if places else f"{sign}{text}"


def format_euro(value, places: int | None = None) -> str:
    """``23973`` → ``€ 23.973``; ``1399000.5`` → ``€ 1.399.000,50``.

    Whole euros are shown without cents unless ``places`` asks for them.
    """
    if value is None or value == "":
        return ""
    amount = Decimal(str(value))
    if places is None:
        places = 0 if amount == amount.to_integral_value() else 2
    return f"€ {format_number(amount, places)}"


def format_percentage(value, places: int = 1) -> str:
    """``12.345`` → ``12,3%``."""
    if value is None:
        return ""
    return f"{format_number(value, places)}%"


def format_threshold(value) -> str:
    """A percentage as a regulation writes it, with no more decimals than it has: ``10`` →
    ``10%``, ``7.50`` → ``7,5%`` (minimums and maximums of the programme's rules)."""
    if value is None:
        return ""
    value = Decimal(str(value))
    for places in (0, 1):
        if value == round(value, places):
            return format_percentage(value, places)
    return format_percentage(value, 2)


def format_date(value: datetime.date | None) -> str:
    """``date(2024, 10, 1)`` → ``1 oktober 2024`` (``1 October 2024`` when English is active).

    Dutch unless the active language is English: stored texts, jobs and PDFs are Dutch.
    """
    if not value:
        return ""
    months = MONTHS_EN if (translation.get_language() or "nl").startswith("en") else MONTHS_NL
    return f"{value.day} {months[value.month - 1]} {value.year}"
