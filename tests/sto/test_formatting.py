import datetime
from decimal import Decimal

import pytest

from sto.formatting import format_date, format_euro, format_number, format_percentage


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("23973"), "€ 23.973"),
        (Decimal("1399000.50"), "€ 1.399.000,50"),
        (Decimal("95892.00"), "€ 95.892"),
        (Decimal("0"), "€ 0"),
        (Decimal("-4559"), "€ -4.559"),
        (Decimal("999.999"), "€ 1.000,00"),
    ],
)
def test_euro(value, expected):
    assert format_euro(value) == expected


def test_number_and_percentage_and_date():
    assert format_number(Decimal("347983000"), 0) == "347.983.000"
    assert format_number(Decimal("7.5"), 2) == "7,50"
    assert format_percentage(Decimal("13.04")) == "13,0%"
    assert format_date(datetime.date(2024, 10, 1)) == "1 oktober 2024"
    assert format_euro(None) == ""


def test_dates_follow_the_active_language_dutch_by_default():
    from django.utils import translation

    day = datetime.date(2024, 10, 1)
    assert format_date(day) == "1 oktober 2024"
    with translation.override("en"):
        assert format_date(day) == "1 October 2024"
    with translation.override("nl"):
        assert format_date(day) == "1 oktober 2024"
