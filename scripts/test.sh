#!/usr/bin/env bash
# Runs the whole STO-beheer test suite: first on SQLite (the embedded default), then on
# PostgreSQL with a real Redis broker and Celery worker, and headless Chromium for the browser
# tests. On CI (CI=true) PostgreSQL, Redis and Chromium are required; elsewhere a missing service
# is reported and its part is skipped with that reason.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/system-deps.sh
./scripts/bootstrap.sh
PY=.venv/bin/python
PG_URL="${STO_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
REDIS="${STO_TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"

reachable() {  # host port
  "$PY" - "$1" "$2" <<'PYEOF'
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2).close()
except OSError:
    sys.exit(1)
PYEOF
}

export STO_CHROMIUM="${STO_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if reachable 127.0.0.1 6379; then export STO_TEST_REDIS_URL="$REDIS"; fi
if [ "${CI:-}" = "true" ]; then
  export STO_REQUIRE_SERVICES=1
fi

echo "== migrations are up to date"
"$PY" manage.py makemigrations --check --dry-run >/dev/null
echo "== test suite on SQLite"
env -u DATABASE_URL "$PY" -m pytest -n 2 "$@"
if reachable 127.0.0.1 5432; then
  echo "== test suite on PostgreSQL"
  DATABASE_URL="$PG_URL" "$PY" -m pytest -n 2 "$@"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2
  exit 1
else
  echo "!! PostgreSQL not reachable on 127.0.0.1:5432: the PostgreSQL run was not done." >&2
fi
