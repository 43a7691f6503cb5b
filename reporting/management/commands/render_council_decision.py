"""``manage.py render_council_decision STO_NUMBER MUNICIPALITY_KEY PERIOD -o FILE.pdf``
(docs/interfaces.md §2)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regions.models import Organisation, OrganisationKind, Period, Region
from reporting.council_decision import (
    NothingToDecide,
    municipality_takes_part,
    render_council_decision,
)


class Command(BaseCommand):
    help = "Schrijft het collegebesluit van een gemeente over haar bijdrage aan een regio als PDF."

    def add_arguments(self, parser):
        parser.add_argument("sto_number", help="STO-nummer van de regio, bijv. STO19040")
        parser.add_argument("municipality_key", help="CBS-code van de gemeente, bijv. GM0362")
        parser.add_argument("period", help="periodecode, bijv. 2025-2028")
        parser.add_argument("-o", "--output", required=True, help="het PDF-bestand om te schrijven")

    def handle(self, *args, sto_number, municipality_key, period, output, **options):
        region = Region.objects.select_related("lead").filter(sto_number=sto_number).first()
        if region is None:
            raise CommandError(f"Onbekende regio: {sto_number}")
        municipality = Organisation.objects.filter(
            key=municipality_key.upper(), kind=OrganisationKind.MUNICIPALITY
        ).first()
        if municipality is None:
            raise CommandError(f"Onbekende gemeente: {municipality_key}")
        period_obj = Period.objects.filter(code=period).first()
        if period_obj is None:
            raise CommandError(f"Onbekende periode: {period}")
        if not municipality_takes_part(region, municipality, period_obj):
            raise CommandError(
                f"{municipality.name} draagt in {period_obj.code} niet bij aan {region.sto_number} "
                "en is er geen lid van."
            )
        try:
            rendered = render_council_decision(region, municipality, period_obj)
        except NothingToDecide as refusal:
            raise CommandError(str(refusal)) from None
        try:
            Path(output).write_bytes(rendered.pdf)
        except OSError as exc:
            raise CommandError(f"Kan {output} niet schrijven: {exc}") from None
        self.stdout.write(
            f"{output}: collegebesluit {municipality.key} {region.sto_number} {period_obj.code} ({len(rendered.pdf)} bytes)"
        )
