# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_RUN  := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test check coverage bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/pestcli $(ARGS)

# The checks first (seconds), then the tests: ruff (bug rules), mypy (the typed modules),
# import-linter (the layering). Their settings are in pyproject.toml.
check: $(STAMP_TEST)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: check
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The tests with coverage (slower than `make test`, which stays without it): statements and
# branches of src/pestcli, also those run only in the `pestcli` processes the CLI tests start
# ([tool.coverage.*] in pyproject.toml); the report lists the lines never run.
coverage: $(STAMP_TEST)
	rm -f .coverage .coverage.*
	$(BIN)/python -m pytest --cov --cov-report=term $(PYTEST_ARGS)

bench: $(STAMP_TEST)
	$(BIN)/python -m bench $(ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .coverage .coverage.*
