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
	$(BIN)/python -m pip install --quiet -e '.[postgresql]'
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

# PostgreSQL for the tests: a throwaway server that the test setup starts and stops itself
# (tests/pg_server.py), from the operating system's binaries; installed here where missing.
STAMP_PG := $(VENV)/.postgres-ready
$(STAMP_PG): | $(BIN)/python
	@$(BIN)/python tests/pg_server.py --find >/dev/null || $(MAKE) --no-print-directory install-postgres
	@touch $@

# Debian's postgresql package (needs root, as in CI); without root: say what to do, in Dutch.
install-postgres:
	@if [ -n "$$PESTCLI_TEST_POSTGRES_URL" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then \
	  echo "PostgreSQL ontbreekt voor de tests: installeer het pakket postgresql, of zet PESTCLI_PG_BINDIR" \
	       "(de map met initdb) of PESTCLI_TEST_POSTGRES_URL (een eigen server)." >&2; exit 1; fi; \
	echo "PostgreSQL installeren voor de tests (apt-get install postgresql)..."; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get install -y -q --no-install-recommends postgresql >/dev/null 2>&1 || \
	  { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends postgresql >/dev/null; }; \
	$(BIN)/python tests/pg_server.py --find >/dev/null

test: check $(STAMP_PG)
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
