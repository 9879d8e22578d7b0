# coachloop — `make up` runs everything on embedded defaults, `make test` runs the suite.
# The first Python >= 3.11 on PATH (the virtualenv is made with it); override with PYTHON=...
PYTHON ?= $(shell for candidate in python3.11 python3.12 python3.13 python3; do \
  command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
  && { echo $$candidate; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: up test test-fast lint install migrate postgres bench clean schema locks

$(STAMP): pyproject.toml requirements/dev.lock requirements/bench.lock
	@test -n "$(PYTHON)" || { echo 'coachloop needs Python >= 3.11 (python3.11 or newer on PATH, or PYTHON=...)'; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# every dependency pinned and hash-checked; then the project itself, which hash checking cannot cover
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock -r requirements/bench.lock
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $(STAMP)

install: $(STAMP)

## up: virtualenv, pinned install, migrate, then Temporal dev server + worker + API (Ctrl-C stops all)
up: install
	$(BIN)/coachloop up

migrate: install
	$(BIN)/coachloop migrate

## postgres: make sure the local PostgreSQL the tests use is accepting connections
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
	  echo "starting local PostgreSQL"; \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
	  for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }

## lint: ruff and mypy on server/ and workflows/ (configured in pyproject.toml)
lint: install
	$(BIN)/ruff check server workflows
	$(BIN)/mypy

## test: the whole suite, SQLite and PostgreSQL, real Casbin and Temporal test servers
test: install postgres
	$(BIN)/python -m pytest

## test-fast: the tier without PostgreSQL, SQLite files or Temporal (pure logic, schema, policy, CLI parsing)
test-fast: install
	$(BIN)/python -m pytest -m "not storage and not temporal"

bench: install postgres
	$(BIN)/python -m bench.run --conversations $(or $(CONVERSATIONS),20000) $(BENCH_ARGS)

## schema: print the GraphQL schema the code defines into frontend-contract/
schema: install
	$(BIN)/python -m server.print_schema > frontend-contract/schema.graphql

## locks: re-resolve requirements/*.lock from pyproject.toml (hashes included), keeping today's versions where they still fit
locks:
	test -x var/pip-tools/bin/pip-compile || { $(PYTHON) -m venv var/pip-tools && var/pip-tools/bin/pip install --quiet pip-tools; }
	PYTHON=$(PYTHON) bash requirements/compile.sh var/pip-tools/bin/pip-compile

clean:
	rm -rf $(VENV) var *.egg-info
