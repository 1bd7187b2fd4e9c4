# Sillon's commands. `make run` and `make test` set everything up themselves.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
SILLON := $(BIN)/sillon
PYTHON ?= $(shell scripts/find-python)
LANGS := fr nl en
CATALOGUES := $(foreach lang,$(LANGS),sillon/locale/$(lang)/LC_MESSAGES/django.mo)
# Debug pages only where asked for by name (sillon/settings.py).
run test test-sqlite test-postgres bench: export SILLON_PROFILE := development

.PHONY: help install run test test-sqlite test-postgres lint format messages bench browser lock clean

help:
	@echo "make run    set up, migrate, load the demo if the database is empty, serve on http://127.0.0.1:8000 with a worker"
	@echo "make test   set up, lint, check, and run every test on SQLite then PostgreSQL"
	@echo "make bench  run the benchmarks and print their figures"
	@echo "make lint | format | messages | install | clean"

install: $(VENV)/.installed $(CATALOGUES)

$(VENV)/.installed: pyproject.toml requirements/constraints.txt
	@test -n "$(PYTHON)" || { echo "No Python 3.12+ found (see scripts/find-python)." >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	@touch $@

# Compiled catalogues are built here, not committed.
sillon/locale/%/LC_MESSAGES/django.mo: sillon/locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	cd sillon && ../$(SILLON) compilemessages --locale $* --verbosity 0

run: install
	$(SILLON) migrate --no-input --verbosity 0
	$(SILLON) demo --if-empty
	@echo "Sillon is served on http://127.0.0.1:8000, its worker runs beside it (Ctrl+C stops both)."
	@$(SILLON) worker --verbosity 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	  $(SILLON) runserver 127.0.0.1:8000

test: install lint browser
	$(SILLON) check --fail-level WARNING
	$(SILLON) makemigrations --check --dry-run
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: install
	@echo "== Test suite on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

# Runs when DATABASE_URL_POSTGRES or a server on 127.0.0.1:5432 answers;
# under CI=true an unreachable server is a failure, not a skip.
test-postgres: install
	@if url=$$($(BIN)/python scripts/postgres_url.py); then \
	  echo "== Test suite on PostgreSQL =="; \
	  DATABASE_URL=$$url $(BIN)/pytest $(PYTEST_ARGS); \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "PostgreSQL is unreachable and CI=true: the PostgreSQL leg cannot be skipped." >&2; exit 1; \
	else \
	  echo "PostgreSQL is unreachable: the PostgreSQL leg is skipped."; \
	fi

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(VENV)/.installed
	cd sillon && ../$(SILLON) makemessages $(foreach lang,$(LANGS),--locale $(lang)) --no-location --no-obsolete
	cd sillon && ../$(SILLON) compilemessages --verbosity 0

browser:
	@scripts/install-chromium

bench: install
	$(BIN)/python -m bench

# Re-pin the whole dependency tree after changing pyproject.toml.
lock: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	{ sed -n '1,2p' requirements/constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > requirements/constraints.tmp
	mv requirements/constraints.tmp requirements/constraints.txt

clean:
	rm -rf $(VENV) build *.egg-info
