"""Properties that hold for any input (Hypothesis): the workbook cell parser, the split of a
municipal contribution by inhabitants, and an export → import round trip of generated data."""

import datetime
import io
import math
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from cofinancing.splitting import SplitError, split_by_inhabitants
from regions.models import Organisation, Region
from reporting.workbook import export_workbook, import_workbook
from reporting.workbook.reader import CellError, parse_cell
from reporting.workbook.schema import DATE, INT, MONEY, TEXT, YEAR, ColumnSpec
from sto.years import YEAR_MAX, YEAR_MIN

CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(),
)
COLUMNS = [
    ColumnSpec("name", TEXT),
    ColumnSpec("note", TEXT, required=False, multiline=True),
    ColumnSpec("count", INT, required=False),
    ColumnSpec("year", YEAR),
    ColumnSpec("amount", MONEY, required=False),
    ColumnSpec("day", DATE, required=False),
    ColumnSpec("done_on", DATE, required=False, not_future=True),
]


# --- the cell parser ---------------------------------------------------------------------------


@given(st.sampled_from(COLUMNS), CELL_VALUES, st.sampled_from(["s", "n", "d", "f", "e"]))
def test_a_cell_gives_its_kind_or_a_dutch_cell_error_and_nothing_else(column, value, data_type):
    try:
        parsed = parse_cell(column, (value, data_type))
    except CellError as exc:
        message = str(exc.args[0])
        assert message and message[0].isalnum() or message[0] in "'%"
        return
    if parsed is None:
        assert not column.required
    elif column.kind == TEXT:
        assert isinstance(parsed, str)
        assert not any(ord(c) < 32 and c != "\n" for c in parsed)
    elif column.kind == INT:
        assert isinstance(parsed, int) and parsed >= 0
    elif column.kind == YEAR:
        assert isinstance(parsed, int) and YEAR_MIN <= parsed <= YEAR_MAX
    elif column.kind == MONEY:
        assert isinstance(parsed, Decimal) and parsed.is_finite() and parsed >= 0
        assert parsed == parsed.quantize(Decimal("0.01"))
    elif column.kind == DATE:
        assert type(parsed) is datetime.date and YEAR_MIN <= parsed.year <= YEAR_MAX
        if column.not_future:
            assert parsed <= datetime.date.today()


@given(st.integers(min_value=-(10**6), max_value=60))
def test_an_excel_serial_of_60_or_less_never_becomes_a_date(serial):
    from openpyxl.utils.datetime import from_excel

    try:
        value = from_excel(serial)
    except (ValueError, OverflowError):
        return
    with pytest.raises(CellError):
        parse_cell(ColumnSpec("day", DATE), (value, "d"))


@given(st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=6))
def test_only_ascii_digits_make_a_whole_number(digits):
    column = ColumnSpec("count", INT)
    if digits.isascii():
        assert parse_cell(column, (digits, "s")) == int(digits)
    else:
        with pytest.raises(CellError):
            parse_cell(column, (digits, "s"))


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_float_money_cell_is_exact_to_the_cent_or_refused(number):
    column = ColumnSpec("amount", MONEY)
    try:
        parsed = parse_cell(column, (number, "n"))
    except CellError:
        assert (
            not math.isfinite(number)
            or number < 0
            or abs(number) >= 1e25  # more digits than a Decimal of 28 places holds to the cent
            or Decimal(str(number)) != Decimal(str(number)).quantize(Decimal("0.01"))
        )
        return
    assert parsed == Decimal(str(number))


# --- the split by inhabitants ------------------------------------------------------------------


@given(
    st.integers(min_value=0, max_value=10**12),
    st.dictionaries(
        st.from_regex(r"\AGM[0-9]{4}\Z"),
        st.integers(min_value=1, max_value=10**8),
        min_size=1,
        max_size=40,
    ),
)
def test_a_split_by_inhabitants_adds_up_to_the_cent(total, inhabitants):
    parts = split_by_inhabitants(Decimal(total), inhabitants)
    assert set(parts) == set(inhabitants)
    assert sum(parts.values()) == Decimal(total)
    population = sum(inhabitants.values())
    for key, part in parts.items():
        assert part >= 0 and part == part.to_integral_value()
        exact = Decimal(total) * inhabitants[key] / population
        assert abs(part - exact) < 1


@given(
    st.decimals(min_value=-1000, max_value=1000, places=2),
    st.dictionaries(st.text(min_size=1), st.integers(min_value=-5, max_value=5), max_size=5),
)
def test_a_split_that_cannot_be_right_is_refused(total, inhabitants):
    try:
        parts = split_by_inhabitants(total, inhabitants)
    except SplitError:
        return
    assert total >= 0 and total == total.to_integral_value()
    assert all(count and count > 0 for count in inhabitants.values())
    assert sum(parts.values()) == total


# --- export → import round trip ----------------------------------------------------------------

NAMES = (
    st.text(
        alphabet=st.characters(
            categories=["L", "N", "P", "Zs", "S"], exclude_characters="\u00a0\u2007\u202f"
        ),
        min_size=1,
        max_size=30,
    )
    .map(lambda text: unicodedata.normalize("NFC", text).strip())
    .filter(bool)
)


@st.composite
def data_sets(draw):
    numbers = draw(st.lists(st.integers(0, 99999), min_size=1, max_size=3, unique=True))
    municipalities = draw(st.lists(st.integers(0, 9999), min_size=0, max_size=3, unique=True))
    return (
        [(f"STO{n:05d}", draw(NAMES)) for n in numbers],
        [(f"GM{n:04d}", draw(NAMES), draw(st.integers(1, 10**7))) for n in municipalities],
    )


@pytest.mark.slow
class TestRoundTrip(HypothesisTestCase):
    @settings(
        max_examples=10,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(data_sets())
    def test_an_exported_data_set_imports_back_to_the_same_data(self, data):
        regions, municipalities = data
        for number, name in regions:
            Region.objects.create(sto_number=number, name=name, kind="techniek")
        for key, name, inhabitants in municipalities:
            Organisation.objects.create(
                key=key, kind="municipality", name=name, inhabitants=inhabitants
            )
        before = (
            sorted(Region.objects.values_list("sto_number", "name", "kind")),
            sorted(Organisation.objects.values_list("key", "kind", "name", "inhabitants")),
        )
        buffer = io.BytesIO()
        export_workbook(buffer)
        Region.objects.all().delete()
        Organisation.objects.all().delete()

        buffer.seek(0)
        import_workbook(buffer)

        after = (
            sorted(Region.objects.values_list("sto_number", "name", "kind")),
            sorted(Organisation.objects.values_list("key", "kind", "name", "inhabitants")),
        )
        assert after == before
