# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
LOCALSTRIPE_PORT ?= 8420
PORT ?= 8000
# pytest runs in parallel, one worker per core (pytest-xdist); tests grouped with xdist_group share a worker.
# Any PYTEST_ARGS replaces this default: `make test PYTEST_ARGS="-k api -x"` runs serially.
PYTEST_ARGS ?= -n auto --dist loadgroup

.PHONY: run test services services-env lint format check lock messages clean

$(STAMP): requirements/dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip --upgrade >/dev/null
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements/dev.txt
	@touch $(STAMP)

# Test-only JavaScript tools (axe-core for the accessibility tests); skipped with a warning where npm is missing.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: the accessibility tests will be skipped"; fi

var:
	@mkdir -p var

## run: the whole product on the embedded default (SQLite, in-memory layer, database search, localstripe)
run: $(STAMP) var
	DEBUG=1 $(PY) manage.py migrate --noinput
	@PY=$(PY) PORT=$(PORT) LOCALSTRIPE_PORT=$(LOCALSTRIPE_PORT) ops/run.sh

## test: lint, Django checks and the whole pytest suite on whatever the environment points at
test: $(STAMP) $(NODE_STAMP) var
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

## services: install and start PostgreSQL, Redis, OpenSearch and Chromium (Debian/Ubuntu, as root or with sudo)
services:
	@ops/services.sh start

services-env:
	@ops/services.sh env

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## lock: re-pin requirements/*.txt from pyproject.toml (needs network)
lock: $(STAMP)
	$(PY) -m pip install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.txt
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements/dev.txt

## messages: extract French source strings and compile the English catalogue (needs gettext)
messages: $(STAMP)
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
