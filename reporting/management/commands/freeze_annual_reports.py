"""``manage.py freeze_annual_reports [--year YEAR]``: freeze the content of every submitted annual
report that is not frozen yet (a submission read in from a workbook, or from before freezing)."""

from django.core.management.base import BaseCommand, CommandError

from reporting.services import annual_reports_freeze_submitted
from sto.years import YEAR_MAX, YEAR_MIN, is_valid_year


class Command(BaseCommand):
    help = "Legt de inhoud vast van elk ingediend jaarverslag dat nog niet is vastgelegd."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="alleen dit verslagjaar, bijv. 2025")

    def handle(self, *args, year, **options):
        if year is not None and not is_valid_year(year):
            raise CommandError(f"Ongeldig verslagjaar: {year} (verwacht {YEAR_MIN}–{YEAR_MAX})")
        count = annual_reports_freeze_submitted(by=None, year=year)
        self.stdout.write(f"{count} jaarverslag(en) vastgelegd")
