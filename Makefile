# coachloop — `make up` runs everything on embedded defaults, `make test` runs the suite.
# The first Python >= 3.11 on PATH (the virtualenv is made with it); override with PYTHON=...
PYTHON ?= $(shell for candidate in python3.11 python3.12 python3.13 python3; do \
  command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
  && { echo $$candidate; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CONTRACT := frontend-contract
NODE_STAMP := $(CONTRACT)/node_modules/.installed-stamp
CHROMIUM ?= /usr/bin/chromium

.PHONY: up test test-fast lint install migrate postgres bench clean schema locks node-deps chromium contract-types

$(STAMP): pyproject.toml requirements/dev.lock requirements/bench.lock
	@test -n "$(PYTHON)" || { echo 'coachloop needs Python >= 3.11 (python3.11 or newer on PATH, or PYTHON=...)'; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# every dependency pinned and hash-checked; then the project itself, which hash checking cannot cover
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock -r requirements/bench.lock
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $(STAMP)

install: $(STAMP)

## node-deps: the frontend contract's Node tools (graphql-codegen, tsc, graphql-http, playwright-core) from its lock file
$(NODE_STAMP): $(CONTRACT)/package.json $(CONTRACT)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo 'the contract tests need Node.js >= 20 and npm on PATH'; exit 1; }
	cd $(CONTRACT) && npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

node-deps: $(NODE_STAMP)

## chromium: the browser the CORS test drives (Debian's package; playwright-core downloads no browser)
chromium:
	@test -x $(CHROMIUM) || { echo "installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

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

## test: the whole suite, SQLite and PostgreSQL, real Casbin and Temporal test servers, the Node and browser contract tests
test: install postgres node-deps chromium
	$(BIN)/python -m pytest

## test-fast: the tier without PostgreSQL, SQLite files, Temporal, Node or a browser (pure logic, schema, policy, CLI parsing)
test-fast: install
	$(BIN)/python -m pytest -m "not storage and not temporal and not node"

bench: install postgres
	$(BIN)/python -m bench.run --conversations $(or $(CONVERSATIONS),20000) $(BENCH_ARGS)

## schema: print the GraphQL schema the code defines into frontend-contract/
schema: install
	$(BIN)/python -m server.print_schema > frontend-contract/schema.graphql

## locks: re-resolve requirements/*.lock from pyproject.toml (hashes included), keeping today's versions where they still fit
locks:
	test -x var/pip-tools/bin/pip-compile || { $(PYTHON) -m venv var/pip-tools && var/pip-tools/bin/pip install --quiet pip-tools; }
	PYTHON=$(PYTHON) bash requirements/compile.sh var/pip-tools/bin/pip-compile

## contract-types: regenerate frontend-contract/generated/operations.ts after the schema or the operations changed
contract-types: schema node-deps
	cd $(CONTRACT) && npm run --silent codegen

clean:
	rm -rf $(VENV) var *.egg-info $(CONTRACT)/node_modules
