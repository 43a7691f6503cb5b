#!/usr/bin/env bash
# The team's standing checks, run by CI (.ci/run) before the tests: formatting, lint, types of the
# typed layers (services, selectors, permissions) and the layer contract between the apps.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
echo "== ruff format --check"
.venv/bin/ruff format --check .
echo "== ruff check"
.venv/bin/ruff check .
echo "== mypy (services, selectors, permissions)"
.venv/bin/mypy
echo "== import-linter (apps import downward only)"
.venv/bin/lint-imports
