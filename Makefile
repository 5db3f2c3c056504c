# Two commands for a new machine with only Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# `make run` installs the app alone; `make test` and `make lint` add the tools (pytest, ruff, mypy, …).
APP_STAMP := $(VENV)/.app-stamp
DEV_STAMP := $(VENV)/.dev-stamp
PIP := $(BIN)/python -m pip install -qq --disable-pip-version-check

.PHONY: run test lint bench bench-rt

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip's own chatter (and its warnings about this machine's package sources) goes to a log shown only on failure.
$(APP_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing Helpline into $(VENV) (once; log: $(VENV)/install.log)"
	@$(PIP) -e . > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing Helpline and its test tools into $(VENV) (once; log: $(VENV)/install.log)"
	@$(PIP) -e '.[test]' > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@touch $@ $(APP_STAMP)

run: $(APP_STAMP)
	$(BIN)/helpline

test: $(DEV_STAMP)
	$(BIN)/python -m pytest -n auto -q

bench: $(DEV_STAMP)
	$(BIN)/python -m bench

# Helpline on a live RT 5 against raw REST2 and `rt ls` (needs Debian's request-tracker5, see .ci/run).
bench-rt: $(DEV_STAMP)
	$(BIN)/python -m bench.rt

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
