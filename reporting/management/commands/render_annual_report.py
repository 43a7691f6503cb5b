"""``manage.py render_annual_report STO_NUMBER YEAR -o FILE.pdf`` (docs/interfaces.md §2)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regions.models import Region
from reporting.annual_report import render_annual_report
from sto.years import YEAR_MAX, YEAR_MIN, is_valid_year


class Command(BaseCommand):
    help = "Schrijft het jaarverslag van een regio over een jaar als PDF."

    def add_arguments(self, parser):
        parser.add_argument("sto_number", help="STO-nummer van de regio, bijv. STO19040")
        parser.add_argument("year", type=int, help="verslagjaar, bijv. 2025")
        parser.add_argument("-o", "--output", required=True, help="het PDF-bestand om te schrijven")

    def handle(self, *args, sto_number, year, output, **options):
        if not is_valid_year(year):  # the same range as the web view accepts
            raise CommandError(f"Ongeldig verslagjaar: {year} (verwacht {YEAR_MIN}–{YEAR_MAX})")
        region = Region.objects.select_related("lead").filter(sto_number=sto_number).first()
        if region is None:
            raise CommandError(f"Onbekende regio: {sto_number}")
        rendered = render_annual_report(region, year)
        try:
            Path(output).write_bytes(rendered.pdf)
        except OSError as exc:
            raise CommandError(f"Kan {output} niet schrijven: {exc}") from None
        self.stdout.write(
            f"{output}: jaarverslag {region.sto_number} {year} ({len(rendered.pdf)} bytes)"
        )
