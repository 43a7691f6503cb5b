"""Benchmarks of STO-beheer (figures in docs/benchmarks.md).

    python -m bench [--scale 10] [--repeat 5]

Runs in a database of its own (bench/database.py): with a PostgreSQL DATABASE_URL it creates
``sto_bench_<random hex>`` on that server and drops it at the end, also when the run fails; the
database named in DATABASE_URL is never used. Without DATABASE_URL: SQLite in a temporary folder.
Measures seed_demo, check_rules, the budget formula, the workbook export and import, and the
main pages of every role at today's size (1×) and at ``--scale`` times that, with their SQL query
counts.
"""

import argparse
import contextlib
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from .database import BenchDatabaseError, bench_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# The budget formula as a reviewer would try it (docs/interfaces.md §6): the demo data set's
# latest reference date, a guarantee on the 2025 grant and the national ceiling of seeds 002.
FORMULA = {
    "reference_date": "2025-10-01",
    "base_per_school": "50000",
    "per_student": "250",
    "guarantee_pct": "90",
    "guarantee_year": "2025",
    "ceiling": "97000000",
}


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sto-bench-"))
    # A plain `kill` ends the run through the same clean-up as a failure (its database dropped).
    sigterm = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        with bench_database(tmp) as engine:
            run(args, tmp, engine)
    except BenchDatabaseError as exc:
        with contextlib.suppress(OSError):
            tmp.rmdir()  # refused before anything ran: leave no empty folder behind
        sys.exit(f"python -m bench: {exc}")
    finally:
        signal.signal(signal.SIGTERM, sigterm)


def run(args: argparse.Namespace, tmp: Path, engine: str) -> None:
    """The measurements, in the database ``bench_database`` set up; closes Django's
    connections to it at the end, so that it can be dropped."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sto.settings")
    os.environ["STO_VAR_DIR"] = str(tmp)
    for var in ("REDIS_URL", "CELERY_BROKER_URL"):
        os.environ.pop(var, None)
    import django

    django.setup()
    from django.db import connections

    try:
        measure(args, tmp, engine)
    finally:
        connections.close_all()


def measure(args: argparse.Namespace, tmp: Path, engine: str) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    results: list[tuple[str, str, str, str]] = []

    def record(what, size, seconds, queries=""):
        results.append(
            (
                what,
                size,
                f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms",
                str(queries),
            )
        )
        print(f"{what:55} {size:>4} {results[-1][2]:>10} {queries}", flush=True)

    call_command("migrate", verbosity=0)
    seconds, _ = timed(call_command, "seed_demo", password="bench", verbosity=0)
    record("seed_demo", "1×", seconds)

    def measure_jobs(size):
        with CaptureQueriesContext(connection) as ctx:
            seconds, _ = timed(
                call_command,
                "check_rules",
                today="2026-11-01",
                json=True,
                stdout=open(os.devnull, "w"),
            )
        record("check_rules (78 regions per 1×)", size, seconds, len(ctx))
        options = [f"--{name.replace('_', '-')}={value}" for name, value in FORMULA.items()]
        times, counts = [], []
        with open(os.devnull, "w") as devnull:
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as ctx:
                    seconds, _ = timed(
                        call_command, "budget_formula", *options, json=True, stdout=devnull
                    )
                times.append(seconds)
                counts.append(len(ctx))
        record("budget_formula --json (median)", size, statistics.median(times), counts[-1])
        path = tmp / f"export-{size}.xlsx"
        seconds, _ = timed(call_command, "export_workbook", str(path), stdout=open(os.devnull, "w"))
        record("export_workbook", size, seconds)
        return path

    def measure_pages(size):
        from django.contrib.auth import get_user_model

        users = {
            u.username: u
            for u in get_user_model().objects.filter(
                username__in=["programmamanager", "gemeente", "beoordelaar"]
            )
        }
        from regions.models import ManagerAssignment

        own = (
            ManagerAssignment.objects.filter(user=users["programmamanager"])
            .values_list("region__sto_number", flat=True)
            .first()
        )
        pages = [
            ("beoordelaar", "reviewer: region list", reverse("regions:region_list")),
            (
                "beoordelaar",
                "reviewer: region list, filtered",
                reverse("regions:region_list")
                + "?kind=techniek&findings=any&period=2020-2023&band=10-15",
            ),
            (
                "beoordelaar",
                "reviewer: list Excel export (all rows)",
                reverse("regions:region_list_excel"),
            ),
            (
                "beoordelaar",
                "reviewer: national monitor 2020-2023",
                reverse("reporting:monitor") + "?span=2020-2023",
            ),
            (
                "programmamanager",
                "manager: region dashboard",
                reverse("regions:region_detail", args=[own]),
            ),
            ("programmamanager", "manager: partners", reverse("regions:partner_list", args=[own])),
            (
                "programmamanager",
                "manager: co-financing",
                reverse("cofinancing:commitment_list", args=[own]),
            ),
            ("gemeente", "officer: contributions", reverse("cofinancing:officer_contributions")),
            ("beoordelaar", "reviewer: all regional plans", reverse("plans:all_plans")),
            (
                "programmamanager",
                "manager: the region's plan 2025-2028 with its budget",
                reverse("plans:plan_detail", args=[own, "2025-2028"]),
            ),
            (
                "beoordelaar",
                "reviewer: budget formula simulator, every region",
                reverse("formula:simulator") + "?" + urlencode(FORMULA),
            ),
            (
                "beoordelaar",
                "reviewer: budget formula Excel export",
                reverse("formula:simulator_export") + "?" + urlencode(FORMULA),
            ),
        ]
        clients = {}
        for username, label, url in pages:
            client = clients.get(username)
            if client is None:
                client = clients[username] = Client()
                client.force_login(users[username])
            client.get(url)  # warm up
            times = []
            for _ in range(args.repeat):
                reset_queries()
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - start)
                assert response.status_code == 200, (url, response.status_code)
            record(label, size, statistics.median(times), len(ctx))

    measure_pages("1×")
    export = measure_jobs("1×")

    from bench.clone import clone_workbook

    big = tmp / f"export-{args.scale}x.xlsx"
    seconds, counts = timed(clone_workbook, export, big, args.scale)
    print(f"cloned to {args.scale}×: {counts}", flush=True)
    seconds, _ = timed(call_command, "import_workbook", str(big), stdout=open(os.devnull, "w"))
    record(
        f"import_workbook of the {args.scale}× workbook (existing 1× rows unchanged)",
        f"{args.scale}×",
        seconds,
    )
    measure_pages(f"{args.scale}×")
    measure_jobs(f"{args.scale}×")

    print()
    print(f"database: {engine}; scale: {args.scale}×; median of {args.repeat} requests")
    print("| what | size | time | SQL queries |")
    print("| --- | --- | --- | --- |")
    for row in results:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
