# Two commands from a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve worker bench test install install-test messages vnu migrate demo curator superuser lint format check clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet -e ".[test,dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Translations are compiled here, never committed.
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
messages: $(MO)

# A file rule, so that test runs side by side never rewrite a catalogue another reads.
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv --verbosity=0 --locale=$*

# The HTML checker the test suite runs over the main pages (tests/portal/test_valid_html.py),
# at the version package-lock.json pins. npm's tarballs date their files 1985, hence the
# touch. --ignore-scripts: the package would otherwise download a Java of its own. Without
# npm, `make test` goes on without it and the suite skips that test.
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
VNU := $(if $(shell command -v npm 2>/dev/null),$(VNU_JAR))

$(VNU_JAR): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

vnu: $(VNU_JAR)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py loaddemo

# Links in e-mails point at the server being run, unless SITE_URL is set.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: messages demo
	@echo ""
	@echo "Gode eksempler: http://$(HOST):$(PORT)/   admin: http://$(HOST):$(PORT)/admin/"
	@echo "Curator login: run 'make curator' in another terminal."
	@echo "E-mails (with links to $(SITE_URL)) are printed here, in this terminal."
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production mode here: DEBUG off (so SECRET_KEY must be set), gunicorn with
# gunicorn.conf.py, whitenoise's hashed and compressed static files, and the task
# worker (`make worker`, when there is one) beside it; stopping one stops both.
serve: export DEBUG = false
serve: export SITE_URL ?= http://$(HOST):$(PORT)
# The app queues the e-mails and the worker sends them, as in production.
serve: export TASKS_BACKEND ?= database
serve: messages migrate
	$(PY) manage.py collectstatic --noinput --verbosity=0
	@echo "Gode eksempler (DEBUG off): http://$(HOST):$(PORT)/ expects an HTTPS proxy in front;"
	@echo "to try it over plain HTTP here, set SECURE_SSL_REDIRECT=false."
	@pids=""; \
	trap 'kill $$pids 2>/dev/null; wait' EXIT; trap 'exit 143' INT TERM; \
	if grep -q '^worker:' Makefile; then \
	  $(MAKE) --no-print-directory worker & pids=$$!; \
	else echo "(No task worker yet: serving without one.)"; fi; \
	$(BIN)/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT) & pids="$$pids $$!"; \
	wait $$!

# Works through the queue of background tasks (the e-mails), retrying while the
# mail server is down. Only the database backend has a queue; pair it with
# `TASKS_BACKEND=database make run` to try it here.
worker: export TASKS_BACKEND ?= database
worker: migrate
	$(PY) manage.py db_worker

# Throughput and latency of every page under wrk, against PostgreSQL (docs/performance.md):
# make bench [BENCH_ARGS="--count 10000 --duration 10"]
bench: messages
	$(PY) -m benchmarks.run $(BENCH_ARGS)

# A staff user in the Redaktører group, e-mail verified: make curator [EMAIL=...]
curator: migrate
	$(PY) manage.py create_curator $(EMAIL)

superuser: migrate
	$(PY) manage.py create_curator --superuser $(EMAIL)

test: install-test messages $(VNU)
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles artifacts node_modules
