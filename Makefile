# Groeipad: `make demo` to try it, `make test` to check it. Nothing but Python needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export GROEIPAD_HOME ?= $(CURDIR)/var
DEMO_EMPLOYEES ?= 150
HOST ?= 127.0.0.1
PORT ?= 8000
MAIL_PORT ?= 1025
# Links in e-mails and the demo's login lines point here.
export GROEIPAD_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: demo test fuzz lint serve install install-test browser clean bench

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Groeipad needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# compileall: this machine kind sets PYTHONDONTWRITEBYTECODE, and every `groeipad`
# command would otherwise compile Groeipad's own modules again at start-up.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -m compileall -q src
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q src
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Mail in the demo: a local SMTP server keeps every message (admin page "Mail (demo)",
# /admin/mail/) and a worker delivers the outbox; both stop when serve stops.
demo: install
	$(BIN)/groeipad init
	$(BIN)/groeipad demo-data --employees $(DEMO_EMPLOYEES) --years 5 --seed 42 --if-empty
	export GROEIPAD_SMTP_HOST=127.0.0.1 GROEIPAD_SMTP_PORT=$(MAIL_PORT); \
	  $(BIN)/groeipad mailcatcher --host 127.0.0.1 --port $(MAIL_PORT) & catcher=$$!; \
	  $(BIN)/groeipad worker --scan-every 1 >> "$$GROEIPAD_HOME/worker.log" 2>&1 & worker=$$!; \
	  echo "Worker log: $$GROEIPAD_HOME/worker.log. Mail the demo sends: $(GROEIPAD_BASE_URL)/admin/mail/ (as HR or admin)"; \
	  trap 'kill $$worker $$catcher 2>/dev/null; wait $$worker $$catcher 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/groeipad serve --host $(HOST) --port $(PORT)

browser:
	@bash scripts/ensure-chromium

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	env -u DATABASE_URL $(BIN)/groeipad django makemigrations --check --dry-run
	# The production settings of docs/security.md (a made-up host and secret): no warning.
	env -u DATABASE_URL GROEIPAD_DEBUG=0 GROEIPAD_BASE_URL=https://groeipad.example.nl \
	  GROEIPAD_ALLOWED_HOSTS=groeipad.example.nl GROEIPAD_TRUST_PROXY=1 \
	  GROEIPAD_SECRET_KEY=check-deploy-only-$$(date +%s)-not-a-real-secret-0123456789abcdef \
	  $(BIN)/groeipad django check --deploy --fail-level WARNING

# The suite runs on SQLite, and once more on PostgreSQL when DATABASE_URL is set. It
# includes Schemathesis against the API (tests/api/test_schemathesis.py) with
# FUZZ_EXAMPLES cases per operation; `make fuzz` is the long version.
FUZZ_EXAMPLES ?= 100
test: install-test browser lint
	env -u DATABASE_URL GROEIPAD_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -p no:cacheprovider
	@if [ -n "$$DATABASE_URL" ]; then \
	  echo "== again on PostgreSQL ($$DATABASE_URL)"; \
	  GROEIPAD_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -p no:cacheprovider; \
	fi

# Schemathesis only, 1,000 cases per API operation: on SQLite, then on PostgreSQL when
# DATABASE_URL is set (docs/testing.md, "Fuzzing").
FUZZ_LONG_EXAMPLES ?= 1000
fuzz: install-test
	env -u DATABASE_URL GROEIPAD_FUZZ_EXAMPLES=$(FUZZ_LONG_EXAMPLES) $(BIN)/pytest -p no:cacheprovider -m fuzz tests/api
	@if [ -n "$$DATABASE_URL" ]; then \
	  echo "== again on PostgreSQL ($$DATABASE_URL)"; \
	  GROEIPAD_FUZZ_EXAMPLES=$(FUZZ_LONG_EXAMPLES) $(BIN)/pytest -p no:cacheprovider -m fuzz tests/api; \
	fi

bench: install-test
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) var build *.egg-info
