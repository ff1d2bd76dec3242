# convt — build, serve and test. The two everyday commands:
#   make serve   installs what is missing, builds the release, serves it at
#                http://127.0.0.1:8080
#   make test    installs what is missing, then runs every check (see README)

SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8080
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER ?= wasm-bindgen-test-runner
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: help setup serve dist test e2e size bench fuzz audit clean

help:
	@echo "make serve   set up, build the release and serve it at http://127.0.0.1:$(PORT)"
	@echo "make test    set up, then run every check (fmt, clippy, tests, browser, build, size, e2e)"
	@echo "make setup   install the toolchain (idempotent)"
	@echo "make dist    release build into dist/"
	@echo "make e2e     end-to-end tests against the current dist/"
	@echo "make size    gzip size budget of the current dist/"
	@echo "make bench   benchmarks: release build, native core, browser (BENCH_DIST=dir to skip the build)"
	@echo "make fuzz    parser properties over 100 000 generated cases each"
	@echo "make audit   dependency advisories"
	@echo "make clean   remove dist/ and test-results/"

setup:
	@bash scripts/setup.sh

dist: setup
	bash scripts/build-release.sh

serve: dist
	node tests/e2e/server.mjs dist $(PORT)

test:
	@bash scripts/test.sh

e2e:
	node tests/e2e/run.mjs $(FILTER)

size:
	node scripts/size-budget.mjs dist

bench: setup
	@bash bench/bench.sh

fuzz: setup
	cargo bench --offline --bench fuzz_parsers
	@test -f dist/index.html || bash scripts/build-release.sh
	MONKEY_ACTIONS=3000 MONKEY_MS=900000 E2E_TIMEOUT_MS=960000 node tests/e2e/run.mjs monkey

audit: setup
	@bash scripts/audit.sh

clean:
	rm -rf dist test-results
