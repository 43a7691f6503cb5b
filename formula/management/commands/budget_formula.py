"""``manage.py budget_formula --reference-date YYYY-MM-DD --base-per-school N --per-student N
[--guarantee-pct P --guarantee-year Y] [--ceiling N] [--json]`` (docs/interfaces.md §6)."""

import datetime
import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from formula.computation import FormulaResult, Parameters, simulate
from sto.formatting import format_date, format_euro, format_number, format_percentage
from sto.money import json_number
from sto.years import YEAR_MAX, YEAR_MIN, parse_year

# The option of each parameter, to name it in a message.
OPTIONS = {
    "reference_date": "--reference-date",
    "base_per_school": "--base-per-school",
    "per_student": "--per-student",
    "guarantee_pct": "--guarantee-pct",
    "guarantee_year": "--guarantee-year",
    "ceiling": "--ceiling",
}


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _(
                "Ongeldige datum voor %(option)s: %(value)r; gebruik JJJJ-MM-DD, bijvoorbeeld %(example)s."
            )
            % {"option": OPTIONS["reference_date"], "value": value, "example": "2025-10-01"}
        ) from None


def _number(name: str, value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise CommandError(
            _("Ongeldig getal voor %(option)s: %(value)r; gebruik bijvoorbeeld 97000000 of 312.50.")
            % {"option": OPTIONS[name], "value": value}
        )
    return number


def _year(value: str | None) -> int | None:
    if value is None:
        return None
    year = parse_year(value)
    if year is None:
        raise CommandError(
            _("Ongeldig jaar voor %(option)s: %(value)r; verwacht %(min)s tot en met %(max)s.")
            % {
                "option": OPTIONS["guarantee_year"],
                "value": value,
                "min": YEAR_MIN,
                "max": YEAR_MAX,
            }
        )
    return year


def as_json(result: FormulaResult) -> list[dict]:
    return [
        {
            "region": r.sto_number,
            "name": r.name,
            "schools": r.schools,
            "technical_students": r.technical_students,
            "amount": int(r.amount),
            "current": json_number(r.current),
            "current_year": r.current_year,
            "guaranteed": r.guaranteed,
            "change": json_number(r.change),
            "change_pct": json_number(r.shown_change_pct),
        }
        for r in result.regions
    ]


class Command(BaseCommand):
    help = (
        "Verdeelt het landelijke budget over de regio's volgens de begrotingsformule van "
        "seeds 003: een basisbedrag per school met een technisch profiel plus een bedrag per "
        "technische leerling, met een garantie en een plafond naar keuze."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reference-date", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--base-per-school", required=True, metavar="N")
        parser.add_argument("--per-student", required=True, metavar="N")
        parser.add_argument("--guarantee-pct", metavar="P")
        parser.add_argument("--guarantee-year", metavar="Y")
        parser.add_argument("--ceiling", metavar="N")
        parser.add_argument("--json", action="store_true", help="uitvoer als JSON-lijst")

    def handle(self, *args, **options):
        parameters = Parameters(
            reference_date=_date(options["reference_date"]),
            base_per_school=_number("base_per_school", options["base_per_school"]),
            per_student=_number("per_student", options["per_student"]),
            guarantee_pct=_number("guarantee_pct", options["guarantee_pct"]),
            guarantee_year=_year(options["guarantee_year"]),
            ceiling=_number("ceiling", options["ceiling"]),
        )
        try:
            parameters.validate()
        except ValidationError as error:
            raise CommandError(
                " ".join(
                    f"{OPTIONS[name]}: {message}"
                    for name, messages in error.message_dict.items()
                    for message in messages
                )
            ) from None
        result = simulate(parameters)
        if options["json"]:
            self.stdout.write(json.dumps(as_json(result), ensure_ascii=False, indent=2))
            return
        self._write_text(result)

    def _write_text(self, result: FormulaResult) -> None:
        for r in result.regions:
            schools = ngettext("%(n)s school", "%(n)s scholen", r.schools) % {"n": r.schools}
            students = ngettext(
                "%(n)s technische leerling", "%(n)s technische leerlingen", r.technical_students
            ) % {"n": format_number(r.technical_students)}
            line = _("%(sto)s %(name)s: %(schools)s, %(students)s, %(amount)s") % {
                "sto": r.sto_number,
                "name": r.name,
                "schools": schools,
                "students": students,
                "amount": format_euro(r.amount),
            }
            if r.guaranteed:
                line += " " + _("(garantie)")
            if r.current is not None:
                line += " " + _("(nu %(current)s in %(year)s, verschil %(change)s, %(pct)s)") % {
                    "current": format_euro(r.current),
                    "year": r.current_year,
                    "change": format_euro(r.change),
                    "pct": format_percentage(r.shown_change_pct),
                }
            self.stdout.write(line)
        self.stdout.write(
            _("Totaal op peildatum %(date)s: %(total)s voor %(n)s regio's (nu %(current)s).")
            % {
                "date": format_date(result.parameters.reference_date),
                "total": format_euro(result.total),
                "n": len(result.regions),
                "current": format_euro(result.total_current),
            }
        )
        if result.scale is not None:
            self.stdout.write(
                _(
                    "Plafond %(ceiling)s: het totaal na garantie (%(before)s) is met factor "
                    "%(scale)s verlaagd."
                )
                % {
                    "ceiling": format_euro(result.ceiling),
                    "before": format_euro(result.total_before_ceiling, 2),
                    "scale": format_number(result.scale, 6),
                }
            )
        if not result.has_counts:
            self.stderr.write(
                _("Let op: op %(date)s zijn geen leerlingaantallen vastgelegd.")
                % {"date": format_date(result.parameters.reference_date)}
            )
