"""``manage.py check_rules [--today YYYY-MM-DD] [--json]`` (docs/interfaces.md §2)."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from compliance.rules import evaluate_all, findings_sync
from compliance.tasks import amsterdam_today
from regions.models import Severity


def _parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"Ongeldige datum voor --today: {value!r}; gebruik JJJJ-MM-DD, bijvoorbeeld 2025-03-01."
        ) from exc


class Command(BaseCommand):
    help = (
        "Controleert alle subsidievoorwaarden en deadlines voor alle regio's op een dag, slaat "
        "de bevindingen op en toont ze."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="de dag waarop gecontroleerd wordt (standaard: vandaag)",
        )
        parser.add_argument("--json", action="store_true", help="uitvoer als JSON-lijst")
        parser.add_argument(
            "--no-store", action="store_true", help="alleen tonen, de bevindingen niet opslaan"
        )

    def handle(self, *args, **options):
        day = _parse_day(options["today"]) if options["today"] else amsterdam_today()
        results = evaluate_all(day)
        summary = (
            None if options["no_store"] else findings_sync(today=day, results=results, by=None)
        )

        if options["json"]:
            self.stdout.write(
                json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2)
            )
            return

        current = None
        for result in results:
            if result.region != current:
                current = result.region
                self.stdout.write(f"{result.region} {result.region_name}")
            label = Severity(result.severity).label
            self.stdout.write(f"  [{label}] {result.rule}: {result.message}")
        errors = sum(1 for r in results if r.severity == Severity.ERROR)
        regions = len({r.region for r in results})
        self.stdout.write(
            f"Controle op {day.isoformat()}: {len(results)} bevindingen ({errors} fouten, "
            f"{len(results) - errors} waarschuwingen) in {regions} regio's."
        )
        if summary is not None:
            self.stdout.write(
                f"Opgeslagen: {summary.opened} nieuw, {summary.changed} gewijzigd, "
                f"{summary.seen + summary.unchanged} ongewijzigd open, {summary.resolved} opgelost."
            )
