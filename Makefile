# related-stories: every command a developer or CI needs.
#   make demo    build, then serve the demo article page on 127.0.0.1
#   make test    all tests: native, wasm in headless Chromium, end-to-end
#   make dist    build the release bundle into dist/
#   make contract  regenerate what src/contract.json states (types, manifest, tables...)
#   make size    bytes on the wire of what the widget loads
#   make bench   size and speed against a hand-written vanilla-JS element
#   make fuzz    fuzz the feed parser and selection (FUZZ_SECONDS, default 60)

SHELL := /bin/bash
PORT ?= 8080
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_OFFLINE := true
# Browser tests: headless Chromium from Debian, driven by wasm-bindgen-test-runner.
WASM_TEST_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver

.PHONY: tools contract dist demo test test-native test-build test-types test-wasm test-e2e lint size bench screenshots fuzz clean

tools:
	@tools/install.sh

# The shipped build rebuilds std for size: panics abort without core's
# formatting machinery, Debug output and panic locations, std's sorts and
# fmt in their small forms, and wasm-streams' unused exports left unlinked
# (tools/wasm-ld). -Z flags need RUSTC_BOOTSTRAP on the machines' stable
# toolchain (README, "How the bundle is built"). Its own target directory
# keeps these flags from rebuilding the test builds' artefacts.
DIST_ENV := RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=$(CURDIR)/target/dist \
	CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
	RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none -Clinker=$(CURDIR)/tools/wasm-ld"

dist: tools
	$(DIST_ENV) trunk build --release

demo: dist
	node tools/server.mjs --port $(PORT) --mount /=demo --mount /dist/=dist

# The files src/contract.json states the element's contract in (see tools/contract.mjs).
contract:
	node tools/contract.mjs

lint: tools
	node tools/contract.mjs --check
	node tools/module-cycles.mjs
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

test-native: tools
	cargo test --workspace

# The build's own tests: the contract's generated files, the wasm section
# rewriter, the glue edits and the loader's bundle.
test-build: tools
	node --test tools/contract.test.mjs tools/wasm.test.mjs tools/shrink.test.mjs tools/loader.test.mjs

# README's framework recipes type-check against src/package's typings (tsc,
# vue-tsc, svelte-check), and each refusal in tests/types' errors files bites.
test-types: tools
	node --test tests/types/

test-wasm: tools
	$(WASM_TEST_ENV) cargo test --target wasm32-unknown-unknown --test web --test url_whatwg

test-e2e: dist
	node --test --test-concurrency=1 tests/e2e/

test: lint test-native test-build test-types test-wasm test-e2e

size: dist
	node tools/size.mjs dist

# A benchmark, not a test: how related rank="related" is over ../shared/feeds-tagged
# (examples/relevance.rs), what ranking costs in Chromium (tests/ranking_cost.rs),
# then medians of RUNS page loads per case (7 per mobile
# cell, 2*RUNS+1 = 15 per desktop cell by default), printed as tables; record
# them in BENCHMARKS.md with date and machine.
bench: dist
	cargo run --quiet --release --example relevance
	$(WASM_TEST_ENV) cargo test --release --target wasm32-unknown-unknown --test ranking_cost -- --nocapture
	node bench/run.mjs

# The README's pictures, made from the demo pages so they never go stale.
screenshots: dist
	node tools/screenshots.mjs docs/screenshots

# Needs the nightly toolchain these machines carry; cargo-fuzz comes from crates.io.
FUZZ_SECONDS ?= 60
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	mkdir -p fuzz/corpus/feed
	cargo +nightly fuzz run feed fuzz/corpus/feed fuzz/seeds -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1

clean:
	rm -rf dist target/screenshots
