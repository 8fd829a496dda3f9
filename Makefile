# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Every install comes from this lock, hashes checked; `make lock` renews it.
LOCK := requirements.lock
# axe-core, which the browser tests inject to check accessibility, and vnu-jar,
# the W3C HTML checker tests/test_html_validity.py runs: one `npm ci` installs both.
# --ignore-scripts: vnu-jar's install script would fetch a Java runtime where none is.
AXE := node_modules/axe-core/axe.min.js
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/newsroom
# A local checkout runs with DEBUG on; production sets its own environment.
export DJANGO_DEBUG ?= 1

.PHONY: run setup migrate seed serve lock test test-quick check lint test-postgres bench clean

run: setup migrate seed
	@$(MANAGE) ensure_local_editor
	$(MANAGE) runserver 127.0.0.1:8000

setup: $(VENV)/.installed

$(VENV)/.installed: $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Production on one machine, DEBUG off: needs the variables README's
# "Deploying" lists (DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL,
# CACHE_URL); PORT (8000) and WEB_CONCURRENCY (2) are optional.
serve: setup
	@$(BIN)/python -m newsroom.serve

# Upgrade every dependency within pyproject.toml's ranges and re-pin with hashes.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --upgrade --generate-hashes --strip-extras \
		--no-emit-index-url --no-emit-find-links --extra test \
		--output-file $(LOCK) pyproject.toml

migrate: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input --verbosity 0

seed: setup
	@if $(MANAGE) help import_seeds >/dev/null 2>&1; then \
		$(MANAGE) import_seeds seeds || echo "Some seeds were not imported; the messages above say which and why."; \
	else \
		echo "import_seeds is not available yet; skipping the seed import."; \
	fi

check: setup
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: check $(AXE)
	$(BIN)/pytest -n 2

# A quick run while working: no servers, subprocesses, browsers or migrations.
test-quick: check
	$(BIN)/pytest -n 2 -m "not slow and not browser"

test-postgres: setup $(AXE)
	DATABASE_URL=$(POSTGRES_URL) $(MANAGE) check --database default
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -n 2

$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm is not installed, so the accessibility and HTML validity checks skip."; \
	fi

lint: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles node_modules
