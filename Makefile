# Two commands on a fresh machine with Python >= 3.11, make and git:
#   make run   set up, load demo data, serve on http://127.0.0.1:8000 (SQLite)
#   make test  set up with dev tools, then lint, check migrations and run the tests
#   make e2e   browser journeys and accessibility checks (needs chromium, node and npm)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup setup-dev lock translations messages e2e clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs exactly the locked, hashed versions; reruns only when the lock changes.
$(VENV)/.installed: requirements.lock | $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@ $(VENV)/.installed

setup: $(VENV)/.installed translations

setup-dev: $(VENV)/.installed-dev translations

translations:
	$(PY) scripts/compile_translations.py

# Links in e-mails (verification, password reset, notices) name the address served here,
# over plain http: the development server has no TLS. An explicit PUBLIC_BASE_URL wins.
RUN_BASE_URL = $${PUBLIC_BASE_URL:-http://$(HOST):$(PORT)}

run: setup
	DEBUG=$${DEBUG:-true} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-true} $(PY) manage.py createcachetable
	DEBUG=$${DEBUG:-true} $(PY) manage.py load_demo_data
	@echo ""
	@echo "  The portal runs at http://$(HOST):$(PORT)/en/  (French: http://$(HOST):$(PORT)/fr/)"
	@echo "  Log in at  http://$(HOST):$(PORT)/en/accounts/login/   Staff: http://$(HOST):$(PORT)/admin/"
	@echo ""
	DEBUG=$${DEBUG:-true} PUBLIC_BASE_URL=$(RUN_BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

test: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(BIN)/mypy
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	$(BIN)/bandit -q -r accounts students guidance portal documents messaging expenses deadlines office notifications privacy devdata -x '*/migrations/*' --severity-level high
	DEBUG=false SECRET_KEY=collectstatic-only $(PY) manage.py collectstatic --noinput -v 0
	$(BIN)/pytest

# Browser journeys in Debian's Chromium (/usr/bin/chromium) with axe-core from npm; see
# tests/e2e/README.md. Screenshots: e2e-artifacts/screenshots/, failures (screenshot and
# Playwright trace): e2e-artifacts/failures/.
e2e: setup-dev
	npm ci --no-audit --no-fund --loglevel=error
	DEBUG=false SECRET_KEY=collectstatic-only $(PY) manage.py collectstatic --noinput -v 0
	rm -rf e2e-artifacts
	$(BIN)/pytest -m e2e tests/e2e

# Regenerate the .po catalogues after changing user-facing text (needs GNU gettext).
messages: setup-dev
	DEBUG=true $(PY) manage.py makemessages -l fr -l en -l es -l zh_Hans -l ar --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests
	$(PY) scripts/sync_english_catalogue.py
	$(PY) scripts/compile_translations.py

# Re-lock after changing pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements.lock
	uv pip compile pyproject.toml --group dev --generate-hashes --python-version 3.11 -o requirements-dev.lock

clean:
	rm -rf $(VENV) staticfiles node_modules e2e-artifacts
