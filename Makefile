# The two commands a developer needs: `make run` and `make test`. Each does its own set-up.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

# Python 3.13 from pyenv: through its shims when they are on PATH (.python-version says 3.13),
# else straight from ~/.pyenv/versions (CI may lack the shims), else whatever python3 is.
PYTHON ?= $(shell for candidate in python3.13 $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3) python3; do \
	if command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys' >/dev/null 2>&1; then \
		command -v $$candidate; break; fi; done)

.PHONY: help install run serve test lint messages catalogues migrate demo check-python lock clean bench

help:
	@echo "make run    set up everything and serve http://$(HOST):$(PORT)"
	@echo "make test   set up everything and run the test suite"
	@echo "make serve  the production profile locally: PostgreSQL, Redis, gunicorn (see README)"
	@echo "make lint   ruff, djlint and biome (CSS, JS)"
	@echo "make messages   extract translatable strings into locale/{kk,ru,en}"

check-python:
	@if [ -z "$(PYTHON)" ]; then echo "No Python found. Install Python 3.13 (pyenv install 3.13)." >&2; exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
		echo "$(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'); this project needs 3.12 or newer (3.13 preferred)." >&2; \
		echo "Install it with 'pyenv install 3.13' or set PYTHON=/path/to/python3.13." >&2; exit 1; }

$(STAMP): pyproject.toml constraints.txt
	@$(MAKE) --no-print-directory check-python
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then rm -rf $(VENV); fi
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt ".[dev]"
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP) catalogues

# The project's .po files to .mo: msgfmt when installed, else polib (ombudsman/management/commands).
catalogues: $(STAMP)
	@$(PY) manage.py compile_catalogues -v 0

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_content
	$(PY) manage.py load_office_demo_content

run: demo
	@echo ""
	@echo "  The site: http://$(HOST):$(PORT)/   The admin: http://$(HOST):$(PORT)/admin/"
	@$(PY) manage.py shell --no-imports -c "from django.contrib.auth import get_user_model; raise SystemExit(get_user_model().objects.exists())" \
		&& echo "  No account exists yet. Create one for the admin with:" \
		&& echo "      $(PY) manage.py createsuperuser" || true
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

# The production profile on this machine: production settings, PostgreSQL and Redis on
# 127.0.0.1, collectstatic, migrate, then gunicorn on HOST:PORT with WEB_CONCURRENCY workers.
# Plain HTTP locally, so no HTTPS redirect or secure-only cookies unless you set them.
SERVE_ENV = DJANGO_SETTINGS_MODULE=ombudsman.settings.production \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ombudsman} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	SECRET_KEY=$${SECRET_KEY:-local-serve-only-$$(hostname)-not-for-production-use-0123456789abcdef} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-localhost,127.0.0.1,[::1]} \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} \
	HOST=$(HOST) PORT=$(PORT) WEB_CONCURRENCY=$${WEB_CONCURRENCY:-2}

serve: install
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) exec $(VENV)/bin/gunicorn --config gunicorn.conf.py

test: install node_modules/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

# Production profile under load (PostgreSQL, Redis, gunicorn, wrk); writes bench/RESULTS.md.
# With BAKERYDEMO_DIR set, also the side-by-side run against bakerydemo (bench/README.md).
bench: install
	$(PY) bench/run.py
	@if [ -n "$(BAKERYDEMO_DIR)" ]; then $(PY) -m bench.bakerydemo; fi

# The CSS/JS linter (Biome) and the Nu Html Checker come from npm, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

lint: $(STAMP) node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	npx --no-install biome lint static

messages: $(STAMP)
	$(PY) manage.py makemessages -l kk -l ru -l en --ignore=.venv --ignore=node_modules --ignore=bench --no-obsolete --add-location=file
	$(PY) manage.py makemessages -d djangojs -l kk -l ru -l en --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete --add-location=file

# Refresh the pinned versions after changing pyproject.toml.
lock: check-python
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip && .lock-venv/bin/pip install --quiet ".[dev]"
	.lock-venv/bin/pip freeze --exclude ombudsman-newsroom > constraints.txt && rm -rf .lock-venv

clean:
	rm -rf $(VENV) .pytest_cache .pytest-media staticfiles
