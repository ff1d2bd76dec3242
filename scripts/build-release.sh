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
# --no-stack-first: the linker puts the static data at address 1024 and
# the stack (1 MiB) after it, instead of the stack first and the data above
# 1 MiB. The code names a datum's address as an `i32.const`, whose signed
# LEB128 takes 4 bytes above 2^20 and 2 or 3 below: 3.4 KiB less raw, 0.6
# KiB less gzip (measured 2026-11-30). What is given up: a stack overflow no
# longer traps at address 0 but would write over the data below the stack.
# Nothing here recurses to a depth a user controls (parsers and the maths
# loop; Yew's recursion follows the page's fixed DOM depth), and the stack
# is the same 1 MiB.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Clink-arg=--no-stack-first"

exec trunk build --release --offline "$@"
