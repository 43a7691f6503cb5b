"""``manage.py seed_demo``: fill an empty database with the national demo data set.

78 regions whose figures match the monitor of the 71 approved plans (seeds 004, Tabel 2.1, 2.2 and
Figuur 2.1): the 71 regions of Bijlage A with their STO numbers and penvoerders, plus seven more
(among them Amstelland of seeds 000); partners, student counts, grants for 2020–2023, 2024 and
2025–2028, company co-financing, municipal contributions, convenants with signatures, annual
reports, and every region's plan for 2025–2028 (regiovisie, goals, activities, risks, teacher
table and budget; the period's plan deadline is 1 October 2024). The same ``--seed`` always gives
the same data. It is loaded through the workbook
importer (``reporting.workbook.import_sheets``), validated exactly like an uploaded workbook, all
or nothing; every row's history says "seed_demo", with no acting user.

Regions that break a rule on purpose (rule codes of docs/interfaces.md §3):

- STO19012 Parkstad — ``min_vmbo_locations``: only one vmbo location with a technical profile;
- STO19041 Rivierenland — ``min_mbo``: its only mbo institution left on 31 July 2024;
- STO19056 Oss en Maasland — ``cofinancing_share``: 8 % co-financing over 2025–2028 (minimum 10 %);
- STO19062 Noord-Limburg and STO19067 Helmond — ``vmbo_single_region``: a vmbo location of
  Helmond is also a member of Noord-Limburg since 1 August 2023;
- STO19070 Enschede — ``lead_technical_vmbo``: the penvoerder has no technical profile;
- STO19047 Gelderse Vallei — ``convenant_unsigned``: two companies have not signed the
  2025–2028 convenant (deadline 1 October 2024);
- STO19022 Drechtsteden — ``annual_report_overdue``: the 2023 annual report is missing
  (due 1 June 2024);
- STO19035 Gooi en Vechtstreek (techniekarm) — ``techniekarm_share``: more than 10 % of its
  BB/KB/GL students are in a technical profile;
- STO19012 Parkstad, STO19022 Drechtsteden and STO19041 Rivierenland — ``plan_overdue``: their
  plan for 2025–2028 is still a draft (deadline 1 October 2024).

Plan statuses (``demo.plans.STATUSES``): most plans are ``approved``; ``under_assessment`` for
the five techniekarme regio's, assessed by ``beoordelaar`` and ``beoordelaar2`` and ranked under a
ceiling (``demo.assessments``), of which Amstelland's decision is approved (so its plan is
``approved``); ``approved_with_conditions`` for the six regions approved with reservations in Bijlage A and
STO19056 Oss en Maasland; ``to_improve`` (to resubmit by 1 December 2026 or 15 January 2027) for
STO19014 Almere, STO19029 Zoetermeer, STO19052 Westerkwartier and STO19074 Apeldoorn; ``draft``
(not submitted) for STO19012 Parkstad, STO19022 Drechtsteden and STO19041 Rivierenland.

Demo users (docs/interfaces.md §4), all with the password of ``--password`` (default ``demo``):
``programmamanager`` (Amstelland), ``gemeente`` (Amstelveen, GM0362), ``beoordelaar``,
``beoordelaar2``, ``coordinator`` (coordinating reviewer) and ``beheerder``.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from demo.assessments import ASSESSED, assess_demo
from demo.figures import DEFAULT_SEED
from demo.generate import build_dataset
from demo.load import load_dataset
from demo.users import create_demo_users
from plans.models import PlanStatus
from regions.models import Organisation, Region
from sto.formatting import format_euro, format_number


class Command(BaseCommand):
    help = (
        "Vult een lege database met de landelijke demo-gegevens (78 regio's) en één "
        "demo-gebruiker per rol."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--password",
            default="demo",
            help="wachtwoord van de demo-gebruikers (standaard: demo)",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="niets doen (en met 0 eindigen) als de database al regio's of organisaties bevat",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"startgetal van de toevalsgenerator (standaard: {DEFAULT_SEED}); "
            "hetzelfde getal geeft dezelfde gegevens",
        )

    def handle(self, *args, password: str, if_empty: bool, seed: int, **options) -> None:
        if Region.objects.exists() or Organisation.objects.exists():
            if if_empty:
                self.stdout.write(
                    _("De database bevat al regio's of organisaties; seed_demo laat die ongemoeid.")
                )
                return
            raise CommandError(
                _(
                    "De database bevat al regio's of organisaties. seed_demo vult alleen een lege "
                    "database; gebruik --if-empty om dan niets te doen, of begin met een lege "
                    "database (manage.py flush)."
                )
            )
        started = time.perf_counter()
        data = build_dataset(seed)
        with transaction.atomic():
            summary = load_dataset(data)
            users = create_demo_users(
                password=password, region_sto=data.amstelland, municipality_key=data.amstelveen
            )
            decision = assess_demo()
        seconds = time.perf_counter() - started
        counts = {sheet: summary[sheet].created for sheet in summary.sheets}
        self._summary(data, counts, users, password, seconds)
        self.stdout.write(
            _(
                "Beoordeling 2025-2028: %(n)s techniekarme aanvragen, elk door beoordelaar en "
                "beoordelaar2; gerangschikt onder een plafond van %(ceiling)s; het besluit op "
                "%(region)s is goedgekeurd (%(awarded)s)."
            )
            % {
                "n": len(ASSESSED),
                "ceiling": format_euro(decision.plan.period.ceiling.amount),
                "region": decision.plan.region.name,
                "awarded": format_euro(decision.awarded),
            }
        )

    def _summary(self, data, counts, users, password: str, seconds: float) -> None:
        write = self.stdout.write
        kinds: dict[str, int] = {}
        for org in data.organisations:
            kinds[org.kind] = kinds.get(org.kind, 0) + 1
        techniekarm = sum(1 for r in data.regions if r.kind == "techniekarm")
        bijlage_a = set(data.bijlage_a)
        subsidy = sum(
            g.amount for g in data.grants if g.period == "2020-2023" and g.sto_number in bijlage_a
        )
        cofinancing = sum(
            c.committed for c in data.cofinancing if c.year <= 2023 and c.sto_number in bijlage_a
        )
        n = format_number
        write(
            self.style.SUCCESS(
                _("Demo-gegevens aangemaakt (seed %(seed)s) in %(s)s s.")
                % {"seed": data.seed, "s": n(seconds, 1)}
            )
        )
        write(
            _(
                "  %(n)s regio's: %(t)s techniekregio's en %(a)s techniekarme regio's; %(b)s uit Bijlage A"
            )
            % {
                "n": counts["regions"],
                "t": counts["regions"] - techniekarm,
                "a": techniekarm,
                "b": len(bijlage_a),
            }
        )
        write(
            _("  %(n)s organisaties (%(k)s)")
            % {
                "n": n(counts["organisations"]),
                "k": ", ".join(f"{kind} {n(v)}" for kind, v in sorted(kinds.items())),
            }
        )
        write(
            _(
                "  %(m)s lidmaatschappen, %(s)s leerlingaantallen, %(c)s convenanten met %(sg)s ondertekeningen, %(a)s jaarverslagen"
            )
            % {
                "m": n(counts["memberships"]),
                "s": n(counts["student_counts"]),
                "c": n(counts["convenants"]),
                "sg": n(counts["signatures"]),
                "a": n(counts["annual_reports"]),
            }
        )
        write(
            _("  %(g)s subsidieregels, %(c)s cofinancieringsregels, %(b)s gemeentelijke bijdragen")
            % {
                "g": n(counts["grants"]),
                "c": n(counts["cofinancing"]),
                "b": n(counts["contributions"]),
            }
        )
        statuses: dict[str, int] = {}
        for plan in data.plans:
            label = str(PlanStatus(plan.status).label)
            statuses[label] = statuses.get(label, 0) + 1
        write(
            _(
                "  %(p)s regioplannen 2025-2028 (%(s)s) met %(g)s doelen, %(a)s activiteiten, %(r)s risico's en %(b)s begrotingsregels"
            )
            % {
                "p": n(counts["plans"]),
                "s": ", ".join(f"{label} {n(v)}" for label, v in statuses.items()),
                "g": n(counts["goals"]),
                "a": n(counts["activities"]),
                "r": n(counts["risks"]),
                "b": n(counts["budget_lines"]),
            }
        )
        write(
            _("  Bijlage A-regio's 2020-2023: subsidie %(s)s, cofinanciering bedrijven %(c)s")
            % {"s": format_euro(subsidy), "c": format_euro(cofinancing)}
        )
        write(_("Regio's die bewust een regel overtreden:"))
        for breaker in data.rule_breakers:
            write(f"  {', '.join(breaker.sto_numbers)} — {breaker.rule}: {breaker.description}")
        write(_("Demo-gebruikers (wachtwoord: %(pw)s):") % {"pw": password})
        for username, scope in users:
            write(f"  {username} — {scope}")
