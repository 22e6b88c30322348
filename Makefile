# Rapport — the two commands a newcomer needs: `make up` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help venv web up down status servers servers-down lint test test-unit test-integration test-e2e bench clean

help:
	@echo "make up        build the web app, start Kafka, PostgreSQL + FerretDB, Mailpit, every service, workers, relays"
	@echo "               and the gateway (API and web app at http://127.0.0.1:8080/); seed demo data"
	@echo "make down      stop everything 'make up' started"
	@echo "make web       build the web app (clients/web) into clients/web/dist, which the gateway serves at /"
	@echo "make test      lint, the web app's unit tests (Vitest), then every Python test (unit, integration, e2e"
	@echo "               with a browser) against real servers"
	@echo "make lint      ruff (with a complexity limit) and mypy on shared/, services/ and the Python SDK"
	@echo "make test-unit run the fast tests that need no server"
	@echo "make bench     run the benchmarks and write bench/results/*.md"

venv: $(STAMP)
$(STAMP): pyproject.toml clients/python/pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/pip install -q -e clients/python
	touch $(STAMP)

servers: venv
	deploy/local/kafka.sh start
	deploy/local/postgres.sh start
	deploy/local/ferretdb.sh start
	deploy/local/mailpit.sh start

servers-down:
	-deploy/local/kafka.sh stop
	-deploy/local/ferretdb.sh stop
	-deploy/local/postgres.sh stop
	-deploy/local/mailpit.sh stop

web:
	deploy/local/web.sh build

up: venv web servers
	deploy/local/suite.sh start

down:
	-deploy/local/suite.sh stop
	-$(MAKE) --no-print-directory servers-down

status:
	-deploy/local/kafka.sh status
	-deploy/local/postgres.sh status
	-deploy/local/ferretdb.sh status
	-deploy/local/mailpit.sh status
	-deploy/local/suite.sh status

lint: venv
	$(BIN)/ruff check shared services clients/python
	$(BIN)/mypy

test: venv lint
	deploy/local/web.sh test
	deploy/local/web.sh build
	deploy/local/kafka.sh fetch
	deploy/local/postgres.sh fetch
	deploy/local/ferretdb.sh fetch
	deploy/local/mailpit.sh fetch
	deploy/local/hydra.sh fetch
	$(BIN)/pytest tests clients/python/tests

test-unit: venv
	$(BIN)/pytest tests/unit clients/python/tests

test-integration: venv
	$(BIN)/pytest tests/integration

test-e2e: venv web
	$(BIN)/pytest tests/e2e

bench: venv
	deploy/local/kafka.sh fetch
	deploy/local/postgres.sh fetch
	deploy/local/ferretdb.sh fetch
	deploy/local/mailpit.sh fetch
	$(BIN)/python -m bench

clean: down
	rm -rf .run
