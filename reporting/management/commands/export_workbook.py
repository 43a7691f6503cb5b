"""``manage.py export_workbook FILE.xlsx``: the STO workbook of docs/interfaces.md §1/§2."""

from django.core.management.base import BaseCommand, CommandError

from regions.models import Region
from reporting.workbook import write_workbook


class Command(BaseCommand):
    help = (
        "Schrijft de STO-werkmap (.xlsx) met alle gegevens, of alleen die van de gegeven regio's."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="het .xlsx-bestand dat wordt geschreven")
        parser.add_argument(
            "--region",
            action="append",
            metavar="STO_NUMBER",
            help="alleen deze regio (mag vaker); periodes worden altijd allemaal meegenomen",
        )

    def handle(self, *args, file, region=None, **options):
        regions = None
        if region:
            regions = Region.objects.filter(sto_number__in=region)
            missing = set(region) - set(regions.values_list("sto_number", flat=True))
            if missing:
                raise CommandError(f"Onbekende regio: {', '.join(sorted(missing))}", returncode=1)
        try:
            summary = write_workbook(file, regions=regions)
        except OSError as exc:
            raise CommandError(f"Kan {file} niet schrijven: {exc}", returncode=1) from None
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Geschreven: {file}"))
