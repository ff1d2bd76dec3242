#!/usr/bin/env bash
# `make bench` (after `make setup`): the release site, the native core
# benchmarks and the browser benchmark. Prints the tables and writes
# bench/results.json. Timings are reported, never judged.
#
#   BENCH_DIST=DIR   benchmark an existing build instead of building dist/
#   BENCH_ARGS=…     extra arguments for bench/run.mjs (e.g. "--sizes 4,16")
#   BENCH_CORE=0     skip the native Criterion benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
t0=$SECONDS

if [ -n "${BENCH_DIST:-}" ]; then
  [ -f "$BENCH_DIST/index.html" ] || { echo "bench: BENCH_DIST=$BENCH_DIST has no index.html" >&2; exit 1; }
  dist="$BENCH_DIST"
  echo "== bench: using the build in $dist"
else
  echo "== bench: scripts/build-release.sh"
  bash scripts/build-release.sh
  dist=dist
fi

if [ "${BENCH_CORE:-1}" != 0 ]; then
  # The compute core alone (no Yew): the quickest build of these benches.
  echo "== bench: cargo bench --no-default-features --bench core (Criterion)"
  cargo bench --offline --no-default-features --bench core
fi

echo "== bench: node bench/run.mjs (headless Chromium)"
# shellcheck disable=SC2086  # BENCH_ARGS is split on purpose
node bench/run.mjs --dist "$dist" ${BENCH_ARGS:-}
echo "bench: done in $((SECONDS - t0)) s"
