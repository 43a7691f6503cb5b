"""``manage.py import_workbook FILE.xlsx``: the all-or-nothing import of docs/interfaces.md §1/§2."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reporting.workbook import WorkbookInvalid, import_workbook


class Command(BaseCommand):
    help = (
        "Importeert een STO-werkmap (.xlsx) in één keer: bij één of meer problemen wordt niets "
        "gewijzigd en staan alle problemen als 'tabblad!rij: kolom: melding' op stderr (exit 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="het .xlsx-bestand")
        parser.add_argument(
            "--by",
            metavar="USERNAME",
            help=(
                "de gebruiker die in de historie als wijziger wordt vastgelegd; zonder --by "
                "het systeemaccount 'systeem'"
            ),
        )

    def handle(self, *args, file, by=None, **options):
        # Every write names who made it: without --by the import records the system account.
        user = None
        if by:
            user = get_user_model().objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"Onbekende gebruiker: {by}", returncode=1)
        try:
            summary = import_workbook(file, by=user)
        except WorkbookInvalid as exc:
            for line in exc.errors:
                self.stderr.write(line)
            raise CommandError(
                f"{len(exc.errors)} probleem/problemen gevonden; er is niets gewijzigd.",
                returncode=1,
            ) from None
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Geïmporteerd: {summary.created} nieuw, {summary.updated} gewijzigd."
            )
        )
