# coachlab: two commands do all set-up.
#   make start   create the environment (first time only) and open the course in JupyterLab
#   make instructor  the same in instructor mode: solutions/, formgrader, every shortcut
#   make test    create the environment (first time only) and run every check (lint first)

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.coachlab-installed
# A real xAPI LRS (ralph) for the tests, in its own environment: its pins are not the course's.
LRS_VENV  ?= .venv-lrs
LRS_STAMP  = $(LRS_VENV)/.coachlab-installed
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: setup lrs start instructor test lint exercises bench clean mutations

setup: $(STAMP)

$(STAMP): pyproject.toml package-lock.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "coachlab needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m coachlab setup test hub
	@if [ -f package.json ] && command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; fi
	@touch $@

lrs: $(LRS_STAMP)

$(LRS_STAMP): deploy/lrs/requirements.txt
	$(PYTHON) -m venv $(LRS_VENV)
	$(LRS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LRS_VENV)/bin/python -m pip install --quiet -r deploy/lrs/requirements.txt
	@touch $@

start: setup
	$(BIN)/coachlab start

instructor: setup
	$(BIN)/coachlab start --instructor

# compileall first: the suite starts some hundred Pythons (kernels, graders, CLI runs) that import
# coachlab, and where PYTHONDONTWRITEBYTECODE is set none of them would save its compiled modules.
# Three workers on two cores: the tests wait on servers, kernels, autosave and subprocesses, and a
# third worker fills that time (on 2 cores: -n 2 took 304 s with about 90 core-seconds idle,
# -n 3 took 252 s with 10). Each xdist_group still runs on one worker.
test: lint lrs
	$(BIN)/python -m compileall -q coachlab tests
	$(BIN)/python -m pytest -n 3 --dist loadgroup --durations=15 $(PYTEST_ARGS)

# ruff on everything; mypy on the package (settings in pyproject.toml: strict on the ground floor)
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

exercises: setup
	$(BIN)/coachlab exercises

bench: setup lrs
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Remove each grading defence in turn and check a named test fails (minutes; not part of test)
mutations: setup
	$(BIN)/python bench/mutation_check.py

clean:
	rm -rf $(VENV) $(LRS_VENV) .pytest_cache tests/artifacts
