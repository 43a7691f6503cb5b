#!/usr/bin/env bash
# Runs STO-beheer on the embedded defaults (SQLite in var/, Celery tasks eager, mail to the
# console) with the national demo data set loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
export DEBUG="${DEBUG:-true}"
PORT="${PORT:-8000}"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py seed_demo --if-empty --password "${DEMO_PASSWORD:-demo}"
# Without a worker and beat the nightly rule check would never run: run it now so the
# dashboards show today's findings.
.venv/bin/python manage.py check_rules > /dev/null
echo
echo "STO-beheer draait op http://127.0.0.1:${PORT}/  (inloggen: http://127.0.0.1:${PORT}/accounts/login/)"
echo "Demo-gebruikers: programmamanager, gemeente, beoordelaar, beheerder — wachtwoord: ${DEMO_PASSWORD:-demo}"
exec .venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
