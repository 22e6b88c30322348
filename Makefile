# Rapport — the two commands a newcomer needs: `make up` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help venv up down status servers servers-down lint test test-unit test-integration test-e2e bench clean

help:
	@echo "make up        start Kafka, PostgreSQL + FerretDB, Mailpit, every service, workers, relays and the gateway; seed demo data"
	@echo "make down      stop everything 'make up' started"
	@echo "make test      lint, then run every test (unit, integration, e2e) against real servers"
	@echo "make lint      ruff (with a complexity limit) and mypy on shared/ and services/"
	@echo "make test-unit run the fast tests that need no server"
	@echo "make bench     run the benchmarks and write bench/results/*.md"

venv: $(STAMP)
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
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

up: venv servers
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
	$(BIN)/ruff check shared services
	$(BIN)/mypy

test: venv lint
	deploy/local/kafka.sh fetch
	deploy/local/postgres.sh fetch
	deploy/local/ferretdb.sh fetch
	deploy/local/mailpit.sh fetch
	deploy/local/hydra.sh fetch
	$(BIN)/pytest tests

test-unit: venv
	$(BIN)/pytest tests/unit

test-integration: venv
	$(BIN)/pytest tests/integration

test-e2e: venv
	$(BIN)/pytest tests/e2e

bench: venv
	deploy/local/kafka.sh fetch
	deploy/local/postgres.sh fetch
	deploy/local/ferretdb.sh fetch
	deploy/local/mailpit.sh fetch
	$(BIN)/python -m bench

clean: down
	rm -rf .run
