#!/usr/bin/env bash
# `make test`: every check, in order, each under a header; ends with one line
#   make test: N passed, N failed
# and exits non-zero if any stage failed. A failed stage does not stop the
# run, except that the size budget and the end-to-end tests need the release
# build. FAIL_FAST=1 stops at the first failure instead (the rest are skipped
# and counted neither way).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER:-wasm-bindgen-test-runner}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# wasm-bindgen-test's default 20 s per test is tight on a busy 2-core machine.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-60}"

passed=0
failed=0
failed_names=()
skipped_names=()
stop=0
built=0
t_start=$SECONDS

stage() { # stage NAME COMMAND...
  local name="$1"; shift
  if [ "$stop" = 1 ]; then skipped_names+=("$name"); return 1; fi
  printf '\n==== %s ====\n$ %s\n' "$name" "$*"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    printf -- '---- %s: ok (%ss)\n' "$name" $((SECONDS - t0))
    return 0
  fi
  failed=$((failed + 1))
  failed_names+=("$name")
  printf -- '---- %s: FAILED (%ss)\n' "$name" $((SECONDS - t0))
  [ "${FAIL_FAST:-0}" = 1 ] && stop=1
  return 1
}

finish() {
  echo
  [ ${#failed_names[@]} -gt 0 ] && echo "failed stages: ${failed_names[*]}"
  [ ${#skipped_names[@]} -gt 0 ] && echo "not run: ${skipped_names[*]}"
  echo "total time: $((SECONDS - t_start))s"
  echo "make test: $passed passed, $failed failed"
  [ "$failed" = 0 ]
  exit $?
}

stage setup bash scripts/setup.sh || { stop=1; skipped_names+=("(everything after setup)"); finish; }

stage "cargo fmt --check" cargo fmt --all -- --check --color never
stage "clippy (native)" cargo clippy --all-targets -- -D warnings
stage "clippy (wasm32)" cargo clippy --lib --bins --tests --target wasm32-unknown-unknown -- -D warnings
# The compute core alone too (`--no-default-features`, no Yew), as the
# README promises it builds and tests.
native_tests() { cargo test --all-targets && cargo test --doc && cargo test --no-default-features --all-targets; }
stage "cargo test (native)" native_tests
stage "browser tests (wasm-bindgen-test, headless Chromium)" \
  cargo test --target wasm32-unknown-unknown --test web
stage "release build (trunk)" bash scripts/build-release.sh && built=1
if [ "$built" = 1 ]; then
  stage "size budget (gzip)" node scripts/size-budget.mjs dist
  stage "end-to-end (playwright-core, headless Chromium)" node tests/e2e/run.mjs
else
  if [ "$stop" = 1 ]; then
    skipped_names+=("size budget" "end-to-end")
  else # they cannot pass without a build: count them as failed
    failed=$((failed + 2))
    failed_names+=("size-budget(no-build)" "end-to-end(no-build)")
  fi
fi
finish
