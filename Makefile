.PHONY: help demo test check screenshots lint format types layers migrations bench

help:  ## this list
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

demo:  ## run the app on SQLite with the demo data set (http://127.0.0.1:8000/)
	./scripts/demo.sh

test:  ## run the whole test suite (SQLite, then PostgreSQL + Redis + Chromium)
	./scripts/test.sh

screenshots:  ## run the browser tests and refresh docs/screenshots/
	STO_SCREENSHOTS=1 .venv/bin/python -m pytest -p no:xdist tests/browser

check:  ## formatting, lint, types and layers, as CI runs them
	./scripts/check.sh

lint:  ## ruff
	.venv/bin/ruff check .

format:  ## ruff format
	.venv/bin/ruff format .

types:  ## mypy on the services, selectors and permissions
	.venv/bin/mypy

layers:  ## the layer contract between the apps (import-linter)
	.venv/bin/lint-imports

migrations:  ## make migrations after a model change
	.venv/bin/python manage.py makemigrations

bench:  ## the benchmarks of docs/benchmarks.md
	.venv/bin/python -m bench
