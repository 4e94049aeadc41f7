# coachlab: two commands do all set-up.
#   make start   create the environment (first time only) and open the course in JupyterLab
#   make test    create the environment (first time only) and run every check

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.coachlab-installed
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: setup start test lint exercises bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml package-lock.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "coachlab needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,hub]'
	@if [ -f package.json ] && command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; fi
	@touch $@

start: setup
	$(BIN)/coachlab start

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=15 $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .

exercises: setup
	$(BIN)/coachlab exercises

bench: setup
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
