//! The pieces outside Rust that must agree with the Rust code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use related_stories::config::ATTRIBUTES;

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn the_loader_observes_exactly_the_attributes_the_widget_reads() {
    let loader = read("src/loader.js");
    let line = loader
        .lines()
        .find(|l| l.contains("static observedAttributes"))
        .unwrap();
    let listed: Vec<&str> = line.split('\'').skip(1).step_by(2).collect();
    assert_eq!(listed, ATTRIBUTES);
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
