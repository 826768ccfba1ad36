//! The build's configuration files agree with the lock file. What the
//! element's contract states is generated from src/contract.json and checked
//! for staleness by tools/contract.test.mjs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn trunk_expects_the_wasm_bindgen_version_in_cargo_lock() {
    let lock = read("Cargo.lock");
    let at = lock.find("name = \"wasm-bindgen\"\n").unwrap();
    let version = lock[at..]
        .lines()
        .nth(1)
        .unwrap()
        .trim_start_matches("version = ")
        .trim_matches('"');
    assert!(
        read("Trunk.toml").contains(&format!("wasm_bindgen = \"{version}\"")),
        "Trunk.toml should pin {version}"
    );
    assert!(read("Cargo.toml").contains(&format!("wasm-bindgen = \"={version}\"")));
}
