# Netlens: two commands for people (`make run`, `make test`), the rest are their parts.
SHELL := /bin/bash
.DEFAULT_GOAL := run
CARGO ?= cargo
SANDBOX := tests/sandbox
BIN := target/debug/netlens

.PHONY: run test deps ui app bindings lint unit sandbox demo sandbox-stop integration e2e

## make run: build everything and open the window on your engine, or on the sandbox demo if none answers.
run: deps ui app
	@if $(BIN) export >/dev/null 2>&1; then \
	  exec $(BIN); \
	else \
	  reason="$$($(BIN) export 2>&1 >/dev/null | head -n1)"; \
	  echo "No Docker engine answered ($$reason); starting the Netlens sandbox engine with a demo topology."; \
	  $(SANDBOX)/engine.sh start && host="$$($(SANDBOX)/engine.sh host)" && \
	  DOCKER_HOST="$$host" $(SANDBOX)/image.sh && DOCKER_HOST="$$host" $(SANDBOX)/demo.sh up && \
	  DOCKER_HOST="$$host" NETLENS_SANDBOX=1 NETLENS_SANDBOX_REASON="$$reason" exec $(BIN); \
	fi

## make test: everything CI runs.
test: deps lint unit integration e2e

deps:
	@.ci/deps.sh

ui:
	cd ui && npm run build

app: ui
	$(CARGO) build -p netlens

bindings:
	NETLENS_WRITE_BINDINGS=1 $(CARGO) test -p netlens --lib app::tests::bindings_are_fresh

# clippy and the unit tests compile the app, which embeds ui/dist: build the UI first.
lint: ui
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	cd ui && npm run check

unit: ui
	$(CARGO) test -p netlens
	cd ui && npm test

sandbox:
	$(SANDBOX)/engine.sh start
	DOCKER_HOST="$$($(SANDBOX)/engine.sh host)" $(SANDBOX)/image.sh

demo: sandbox
	DOCKER_HOST="$$($(SANDBOX)/engine.sh host)" $(SANDBOX)/demo.sh up

sandbox-stop:
	$(SANDBOX)/engine.sh stop

integration: app sandbox
	$(CARGO) test -p netlens-tests --test integration -- --test-threads=1

e2e: app sandbox
	xvfb-run -a -s "-screen 0 1440x900x24" $(CARGO) test -p netlens-tests --test window -- --test-threads=1
