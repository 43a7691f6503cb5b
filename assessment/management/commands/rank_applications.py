"""``manage.py rank_applications PERIOD --ceiling N [--json]`` (docs/interfaces.md §6).

Ranks the period's applications of techniekarme regio's on their assessments and funds them
under the ceiling. The ceiling is recorded as the published one, and a tie the scores leave is
decided by a lot that is drawn once and recorded (``assessment.services.ranking_run``).
"""

import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assessment.ranking import Ranking
from assessment.services import ranking_run
from regions.models import Period
from sto.formatting import format_euro, format_number
from sto.money import json_number


def as_json(ranking: Ranking) -> list[dict]:
    return [
        {
            "rank": a.rank,
            "region": a.region.sto_number,
            "name": a.region.name,
            "version": a.plan.version,
            "total_score": json_number(a.total_score),
            "dekkend_score": json_number(a.tie_break_score),
            "lot": a.lot,
            "requested": json_number(a.requested),
            "awarded": json_number(a.awarded),
            "status": a.status,
            "automatic_status": a.automatic_status,
            "automatic_awarded": json_number(a.automatic_awarded),
            "override_reason": a.override.reason if a.override else None,
            "reviewers": a.reviewers,
            "why": a.why,
        }
        for a in ranking.applications
    ]


class Command(BaseCommand):
    help = _(
        "Rangschik de aanvragen van techniekarme regio's van een periode op hun beoordelingen "
        "en verdeel het subsidieplafond (docs/interfaces.md §6)."
    )

    def add_arguments(self, parser):
        parser.add_argument("period", help=_("de periode, bijvoorbeeld 2025-2028"))
        parser.add_argument("--ceiling", required=True, help=_("het subsidieplafond in euro's"))
        parser.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))

    def handle(self, *args, **options):
        period = Period.objects.filter(code=options["period"]).first()
        if period is None:
            raise CommandError(
                _("Onbekende periode %(period)r; bekend: %(known)s.")
                % {
                    "period": options["period"],
                    "known": ", ".join(Period.objects.values_list("code", flat=True)) or "-",
                }
            )
        try:
            ceiling = Decimal(str(options["ceiling"]).strip())
        except InvalidOperation:
            ceiling = None
        if ceiling is None or not ceiling.is_finite() or ceiling < 0:
            raise CommandError(
                _("Ongeldig plafond %(value)r; gebruik een bedrag ≥ 0, bijvoorbeeld 20000000.")
                % {"value": options["ceiling"]}
            )
        try:
            ranking = ranking_run(by=None, period=period, ceiling=ceiling)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        if options["json"]:
            self.stdout.write(json.dumps(as_json(ranking), ensure_ascii=False, indent=2))
            return
        for a in ranking.applications:
            self.stdout.write(
                _(
                    "%(rank)s. %(sto)s %(name)s: score %(score)s, gevraagd %(requested)s, "
                    "toegekend %(awarded)s – %(status)s"
                )
                % {
                    "rank": a.rank or "-",
                    "sto": a.region.sto_number,
                    "name": a.region.name,
                    "score": format_number(a.total_score, 2),
                    "requested": format_euro(a.requested),
                    "awarded": format_euro(a.awarded),
                    "status": a.status_label(),
                }
            )
        self.stdout.write(
            _("Plafond %(ceiling)s; toegekend %(awarded)s.")
            % {"ceiling": format_euro(ranking.ceiling), "awarded": format_euro(ranking.awarded)}
        )
