"""``manage.py render_decision_letter STO_NUMBER PERIOD -o FILE.pdf``: the decision letter
(beschikking) on a region's application for a period; a concept while the decision is not
approved."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessment.models import Decision
from reporting.decision_letter import render_decision_letter


class Command(BaseCommand):
    help = "Schrijft de beschikking op de aanvraag van een regio voor een periode als PDF."

    def add_arguments(self, parser):
        parser.add_argument("sto_number", help="STO-nummer van de regio, bijv. STO19068")
        parser.add_argument("period", help="periodecode, bijv. 2025-2028")
        parser.add_argument("-o", "--output", required=True, help="het PDF-bestand om te schrijven")

    def handle(self, *args, sto_number, period, output, **options):
        decision = (
            Decision.objects.select_related(
                "plan__region__lead", "plan__period", "proposed_by", "approved_by"
            )
            .filter(plan__region__sto_number=sto_number, plan__period__code=period)
            .order_by("-plan__version")
            .first()
        )
        if decision is None:
            raise CommandError(f"Geen besluit op een aanvraag van {sto_number} voor {period}.")
        rendered = render_decision_letter(decision)
        try:
            Path(output).write_bytes(rendered.pdf)
        except OSError as exc:
            raise CommandError(f"Kan {output} niet schrijven: {exc}") from None
        state = "beschikking" if decision.is_final else "concept-beschikking"
        self.stdout.write(
            f"{output}: {state} {sto_number} {period} v{decision.plan.version} "
            f"({len(rendered.pdf)} bytes)"
        )
