# treatymap: `make run` starts the dashboard, `make test` runs every check. `make help` lists all.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
LOCALE := src/treatymap/locale
CATALOGUES := $(wildcard $(LOCALE)/*/LC_MESSAGES/treatymap.po)
# The interface's catalogues, compiled at install (the app compiles a .po in memory if not).
COMPILE_MESSAGES := $(BIN)/pybabel compile -d $(LOCALE) -D treatymap

.DEFAULT_GOAL := help
.PHONY: help run test lint format check status lock geodata clean system-deps bench messages

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

# The virtual environment, installed from the committed lock files (exact versions and hashes).
# A stamp per lock file makes a second run a no-op.
$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "treatymap needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.lock pyproject.toml $(CATALOGUES) | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	$(COMPILE_MESSAGES)
	touch $@

$(VENV)/.installed-test: requirements-dev.lock pyproject.toml $(CATALOGUES) | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	$(COMPILE_MESSAGES)
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run ## set up .venv and start the dashboard on the bundled data
	$(BIN)/streamlit run app.py --server.port $(PORT)

# Browser tests use Debian's Chromium, the scale-out recipe's test nginx; install them when
# missing and we are root (as in CI).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || [ -x "$${CHROMIUM:-/usr/bin/chromium}" ] || missing="chromium"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing Debian packages for the browser and deployment tests: $$missing"; fi; \
	fi

test: $(VENV)/.installed-test system-deps ## set up .venv with test tools; lint, guard the design, check the data, run every test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m treatymap check
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test ## ruff, the layer contracts (import-linter) and the type checker (mypy)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: $(VENV)/.installed-test ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.installed-run ## validate the bundled data (python -m treatymap check)
	$(BIN)/python -m treatymap check

status: $(VENV)/.installed-run ## status of every state today (DATE=YYYY-MM-DD for another day)
	$(BIN)/python -m treatymap status --date $${DATE:-$$(date +%F)}

bench: $(VENV)/.installed-test system-deps ## run the benchmarks in a real browser (about 20 minutes)
	$(BIN)/python benchmarks/first_view.py
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/previews.py

messages: $(VENV)/.installed-run ## extract the interface's words, update each language's catalogue, compile
	$(BIN)/pybabel extract -F babel.cfg -k NP_:1c,2 --no-location --sort-output --project treatymap \
	  --copyright-holder treatymap -o $(LOCALE)/treatymap.pot .
	$(BIN)/pybabel update -i $(LOCALE)/treatymap.pot -d $(LOCALE) -D treatymap --no-wrap \
	  --ignore-obsolete
	$(COMPILE_MESSAGES)

lock: ## re-resolve the lock files from pyproject.toml (needs network)
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes -q -o requirements-dev.lock
	$(PYTHON) -m uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -c requirements-dev.lock -o requirements.lock

geodata: $(VENV)/.installed-run ## rebuild geodata/boundaries.geojson from Natural Earth (needs npm)
	$(BIN)/python geodata/build_boundaries.py

clean: ## remove the virtual environment
	rm -rf $(VENV)
