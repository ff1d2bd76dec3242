#!/usr/bin/env bash
# Installs everything `make test`, `make serve` and `make bench` need, skipping
# whatever is already present at the right version, so a second run takes
# seconds. Versions are pinned here and in Cargo.toml, package-lock.json and
# Trunk.toml. Safe to run without a terminal (CI). As root it also installs
# Debian's chromium and chromium-driver; as another user it says what to do.
#
#   WANT_BROWSER=0 scripts/setup.sh   # skip Chromium (build only)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14          # 0.22 needs rustc >= 1.96.1
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen pin in Cargo.toml
WANT_BROWSER="${WANT_BROWSER:-1}"
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

command -v cargo >/dev/null && command -v rustup >/dev/null \
  || die "Rust (rustup + cargo) is required: see https://rustup.rs"

# --- Rust target and components -------------------------------------------
installed_targets="$(rustup target list --installed)"
if ! grep -qx wasm32-unknown-unknown <<<"$installed_targets"; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
installed_components="$(rustup component list --installed)"
# rust-src: the release build rebuilds the standard library (scripts/build-release.sh).
for comp in rustfmt clippy rust-src; do
  if ! grep -q "^$comp" <<<"$installed_components"; then
    say "adding rust component $comp"
    rustup component add "$comp"
  fi
done

# --- Trunk ------------------------------------------------------------------
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (takes about 8 minutes on 2 cores)"
  cargo install --locked --quiet trunk --version "$TRUNK_VERSION"
fi

# --- wasm-bindgen-cli (wasm-bindgen, wasm-bindgen-test-runner) ---------------
# Must match the wasm-bindgen crate exactly. Its own lock file names a crate
# version the registry lacks, hence no --locked.
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION" \
   || ! wasm-bindgen-test-runner --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  cargo install --quiet --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# --- Node packages: binaryen (wasm-opt 132), terser, @gfx/zopfli (the .gz copies), playwright-core, axe-core
command -v node >/dev/null && command -v npm >/dev/null \
  || die "Node.js >= 20 and npm are required (Debian 12's own nodejs 18 is too old for playwright-core)"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || die "Node.js >= 20 is required, found $(node --version)"
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.convt-lock.sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ] || [ ! -x node_modules/.bin/wasm-opt ] \
   || [ ! -f node_modules/terser/package.json ] || [ ! -f node_modules/@gfx/zopfli/package.json ]; then
  say "installing npm packages from package-lock.json"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > "$stamp"
fi

# --- Chromium + ChromeDriver (Debian) for browser and end-to-end tests ------
# With a font for each language the page is in: DejaVu for the Latin text and
# WenQuanYi Micro Hei (4.5 MB) for the Chinese, as a reader's system has one.
# Without it the Chinese page and the "中文" button render as empty boxes,
# and its screenshots, layout and timings are not a reader's.
BROWSER_PACKAGES="chromium chromium-driver fonts-dejavu-core fonts-wqy-microhei"
if [ "$WANT_BROWSER" = 1 ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] \
     || ! dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q 'ok installed'; then
    if is_root; then
      say "installing $BROWSER_PACKAGES from Debian"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends $BROWSER_PACKAGES >/dev/null
    else
      die "the browser tests need Debian's packages $BROWSER_PACKAGES:
        sudo apt-get update && sudo apt-get install $BROWSER_PACKAGES
        (or run with WANT_BROWSER=0 to build without them)"
    fi
  fi
fi

# --- Rust dependencies (so later offline builds find every crate) -----------
cargo fetch --quiet
# and the standard library's own, for the release build's rebuilt std
RUSTC_BOOTSTRAP=1 cargo fetch --quiet -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown

say "ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | cut -d' ' -f1-3), node $(node --version)"
