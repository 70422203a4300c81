# Netlens: two commands for people (`make run`, `make test`), the rest are their parts.
SHELL := /bin/bash
.DEFAULT_GOAL := run
CARGO ?= cargo
SANDBOX := tests/sandbox
# The command people type; without a command it becomes target/debug/netlens-window (the window), built beside it.
BIN := target/debug/netlens
# Tauri's bundler, from the npm package @tauri-apps/cli (a prebuilt binary; ui's devDependencies).
TAURI := ui/node_modules/.bin/tauri

.PHONY: run test deps ui app bindings lint build-tests unit package package-test sandbox demo sandbox-stop integration e2e

# The test pipeline compiles once: clippy runs as the compiler of our own crates (exactly what `cargo clippy`
# does, but producing the test binaries too), every cargo call selects the whole workspace so features
# resolve the same way each time, and `src-tauri/tests/cli.rs` makes that same build place the app binary.
# A separate `cargo clippy` would check every dependency again (about 7 minutes on a fresh machine).
LINTED := env RUSTC_WORKSPACE_WRAPPER=clippy-driver CLIPPY_ARGS='-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__' $(CARGO)

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

## make test: everything CI runs. It stops the sandbox engine afterwards (pass or fail) if it was the one to start
## it; an engine that was already running (`make demo`, another run) is left as it was.
test:
	@if $(SANDBOX)/engine.sh status >/dev/null 2>&1; then ours=0; else ours=1; fi; \
	$(MAKE) --no-print-directory deps lint build-tests unit package-test integration e2e bench-smoke; rc=$$?; \
	if [ $$ours = 1 ] && $(SANDBOX)/engine.sh status >/dev/null 2>&1; then \
	  echo "make test: stopping the sandbox engine it started"; $(SANDBOX)/engine.sh stop || rc=$$((rc ? rc : 1)); \
	fi; \
	exit $$rc

deps:
	@.ci/deps.sh

ui:
	cd ui && npm run build

# Both programs of the app package: netlens (the command line, no GTK) and netlens-window (the window).
app: ui
	$(CARGO) build -p netlens

bindings: ui
	NETLENS_WRITE_BINDINGS=1 $(LINTED) test --workspace --lib -- app::tests::bindings_are_fresh

# The answers the UI's tests replay (ui/src/test/golden/*.json), recomputed by the Rust code.
.PHONY: golden
golden: ui
	NETLENS_WRITE_GOLDEN=1 $(LINTED) test --workspace --lib -- golden

lint: ui
	$(CARGO) fmt --all -- --check
	cd ui && npm run check

# Every test target of the workspace, linted as it compiles (the app embeds ui/dist: build the UI first).
build-tests: ui
	$(LINTED) test --workspace --all-targets --no-run

unit: build-tests
	$(LINTED) test --workspace --lib --bins --test cli
	cd ui && npm test

## make package: an installable .deb of the release build (desktop entry, icons), in target/release/bundle/deb/.
## Install it with `sudo apt install ./target/release/bundle/deb/Netlens_*_amd64.deb`.
package: deps ui
	$(CARGO) build --release -p netlens
	rm -rf target/release/bundle/deb
	$(TAURI) bundle --bundles deb --ci

# make test's check of the package: `tauri bundle` packs the debug app that build-tests compiled (it compiles
# nothing; `tauri build` would run cargo again with its own arguments), then the .deb is installed with dpkg,
# run, and purged.
package-test: build-tests
	rm -rf target/debug/bundle/deb
	$(TAURI) bundle --debug --bundles deb --ci
	tests/package/deb.sh target/debug/bundle/deb/Netlens_*.deb

sandbox:
	$(SANDBOX)/engine.sh start
	DOCKER_HOST="$$($(SANDBOX)/engine.sh host)" $(SANDBOX)/image.sh

demo: sandbox
	DOCKER_HOST="$$($(SANDBOX)/engine.sh host)" $(SANDBOX)/demo.sh up

sandbox-stop:
	$(SANDBOX)/engine.sh stop

integration: build-tests sandbox
	$(LINTED) test --workspace --test integration -- --test-threads=1

e2e: build-tests sandbox
	xvfb-run -a -s "-screen 0 1440x900x24" $(LINTED) test --workspace --test window -- --test-threads=1

## make bench: issue 9's speed targets on a 300-network / 2,000-container engine (release build); writes BENCHMARKS.md.
## make bench-smoke: the same harness on 10 networks / 40 containers in about a minute, so it cannot rot.
.PHONY: bench bench-smoke
bench:
	bench/bench.sh

# In `make test` so the harness cannot rot: about 35 s, its own engine beside the test engine, the debug app.
bench-smoke: build-tests
	bench/bench.sh --smoke
