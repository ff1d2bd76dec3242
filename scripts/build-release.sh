#!/usr/bin/env bash
# The release build: `trunk build --release --offline`, with Rust's standard
# library rebuilt for size (the rust-src component and the standard library's
# own crates are installed by scripts/setup.sh). Arguments are passed to
# trunk, e.g. `scripts/build-release.sh --dist /tmp/site`.
#
# Rebuilding std lets two things apply to std's code as well as to ours:
# - panic = immediate-abort: a panic is a bare `unreachable` trap. Nothing
#   formats a panic message, runs a hook or records a location, and that
#   machinery, with the formatting it pulls in, leaves the wasm: 14.5 KiB
#   gzip. src/app/panic.rs still shows the panic panel, from the trap's
#   error event; only the panic's message is lost (debug builds and the
#   tests keep it).
# - the release profile's opt-level = "z" and std's own `optimize_for_size`
#   feature (its size-over-speed code paths), for std's code: 3.3 KiB gzip.
#   (Measured on 2026-11-30 against the 192.4 KiB build.)
#
# Both are unstable cargo and rustc options, which the stable toolchain
# accepts with RUSTC_BOOTSTRAP=1. They are scoped to this build: tests,
# clippy and debug builds use the prebuilt std.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"

exec trunk build --release --offline "$@"
