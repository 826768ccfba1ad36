#!/usr/bin/env bash
# Installs what building and testing need, only where missing: quick and
# idempotent when everything is present. Nothing here downloads a prebuilt
# binary from outside the package registries (crates.io, npm, Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf 'tools: %s\n' "$*"; }
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
lock_version() { awk -v n="$1" '$0 == "name = \"" n "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock; }
[ -f Cargo.lock ] || cargo generate-lockfile -q
WBG=$(lock_version wasm-bindgen)
TRUNK=0.21.14   # 0.22 needs a newer rustc than these machines have

rustup target list --installed | grep -qx wasm32-unknown-unknown || { say "adding wasm32 target"; rustup target add wasm32-unknown-unknown; }
# The release build rebuilds std from its source, for size (Makefile: DIST_ENV).
rustup component list --installed | grep -q '^rust-src' || { say "adding rust-src"; rustup component add rust-src; }
# Trunk builds offline (Trunk.toml), so std's own dependencies, pinned by
# the Cargo.lock that rust-src ships, must already be in cargo's cache.
STD_LIB="$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
RUSTC_BOOTSTRAP=1 cargo fetch -q --offline --manifest-path "$STD_LIB" 2>/dev/null ||
  { say "fetching std's dependencies (source crates)"; RUSTC_BOOTSTRAP=1 cargo fetch -q --manifest-path "$STD_LIB"; }

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK" ]; then
  say "installing trunk $TRUNK (about 13 minutes, once)"
  cargo install trunk --version "$TRUNK" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG" ]; then
  say "installing wasm-bindgen-cli $WBG (about 7 minutes, once)"
  # Without --locked: one of its locked dependencies is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$WBG" --force
fi

command -v node >/dev/null && command -v npm >/dev/null || { say "installing node"; apt_install nodejs npm; }

# node_modules holds wasm-opt (npm binaryen: Debian's binaryen breaks the
# wasm-bindgen output), esbuild and playwright-core, all pinned by package-lock.json.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing node packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing chromium and chromium-driver"
  apt_install chromium chromium-driver
fi

# The widget's font stacks name Arial and Times New Roman; Liberation's
# fonts have their metrics. Without them Chromium falls back on DejaVu, whose
# wider text wraps headlines the reservation was measured without (the
# no-shift tests and screenshots assume these metrics).
if ! dpkg -s fonts-liberation >/dev/null 2>&1; then
  say "installing fonts-liberation"
  apt_install fonts-liberation
fi

# Trunk must find the tools it is told to expect, never download its own.
grep -q "wasm_bindgen = \"$WBG\"" Trunk.toml || { say "Trunk.toml [tools] wasm_bindgen is not $WBG (Cargo.lock)"; exit 1; }
[ "$(wasm-opt --version)" = "wasm-opt version 132 (version_132)" ] || { say "unexpected wasm-opt: $(wasm-opt --version)"; exit 1; }
