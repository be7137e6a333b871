# The two set-up commands are `make run` and `make test`; they need only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Mail links and the demo's printed address follow HOST and PORT (make run PORT=8123).
SITE_URL ?= http://$(HOST):$(PORT)
# The laptop setup: SQLite, eager Celery, mail on the console.
DEV_ENV := DEBUG=1 SITE_URL=$(SITE_URL)

.PHONY: run test test-hostile e2e install migrate demo clean bench bench-assigner bench-mail messages load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

migrate: $(INSTALLED)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

# The demo conference (the seed call, its chairs, an author, reviewers); prints the demo logins.
demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_demo

run: demo
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(INSTALLED)
	$(BIN)/python -m pytest

# The whole hostile-upload corpus (tests/hostile, about 200 files through the
# form and the check; about two minutes: the files marked `hostile` and the
# sample that `make test` runs too).
test-hostile: $(INSTALLED)
	$(BIN)/python -m pytest -m "not e2e" tests/hostile

# Browser tests: Playwright driving Debian's Chromium (apt-get install chromium).
e2e: $(INSTALLED)
	$(BIN)/python -m pytest -m e2e tests/e2e

# Regenerates the pt-BR and es catalogues (locale/) from the code and templates
# and compiles them; needs GNU gettext (apt-get install gettext). See README, "Languages".
messages: $(INSTALLED)
	$(DEV_ENV) $(BIN)/python manage.py update_translations

# The portal at conference scale on PostgreSQL (BENCH_DATABASE_URL, default the
# local server): generates 10,000 papers, serves them with gunicorn, times the
# key pages, the assigner and the mail queue; prints one table and keeps the
# figures in bench/results/. `make bench BENCH_ARGS=--reuse` keeps the data of
# the previous run; `BENCH_ARGS=--quick` checks the harness in a minute.
BENCH_ARGS ?=
bench: $(INSTALLED)
	$(BIN)/python -m bench $(BENCH_ARGS)

# Prints seconds, peak memory and the objective against the optimum; e.g.
# `make bench-assigner ASSIGNER_SIZES=200x60` for a quick run.
ASSIGNER_SIZES ?= 200x60,2000x600,10000x3000
bench-assigner: $(INSTALLED)
	$(BIN)/python -m bench.assigner --sizes $(ASSIGNER_SIZES)

# Prints the time to queue 10,000 decision mails and the delivery rate with
# one and two workers (its own database and redis-server; needs redis-server).
bench-mail: $(INSTALLED)
	$(BIN)/python -m bench.mail

# The last hour before a deadline against gunicorn + PostgreSQL (LOAD_DATABASE_URL, default the
# local server) + a redis-server and a Celery worker of its own: Locust, headless, 200 authors,
# 50 reviewers, 2 chairs for 5 minutes; then checks nothing that got a success answer was lost.
# `make load LOAD_ARGS="--run-time 60 --authors 20 --reviewers 5"` for a quick look.
LOAD_ARGS ?=
load: $(INSTALLED)
	$(BIN)/python -m load $(LOAD_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 private-media staticfiles .pytest_cache
