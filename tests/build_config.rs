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

fn manifest() -> serde_json::Value {
    serde_json::from_str(&read("src/package/custom-elements.json")).unwrap()
}

fn names(list: &serde_json::Value) -> Vec<String> {
    let mut names: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

#[test]
fn the_custom_elements_manifest_lists_what_the_element_supports() {
    let m = manifest();
    let decl = &m["modules"][0]["declarations"][0];
    assert_eq!(decl["tagName"], "related-stories");

    let attributes: Vec<String> = decl["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(attributes, ATTRIBUTES);

    let css = read("style/related-stories.css");
    let tokens: Vec<String> = css
        .split("var(--rs-")
        .skip(1)
        .map(|t| format!("--rs-{}", t.split([',', ')']).next().unwrap()))
        .collect();
    assert_eq!(names(&decl["cssProperties"]), sorted(tokens));

    let mut parts = Vec::new();
    for file in ["mod.rs", "story.rs", "skeleton.rs"] {
        let source = read(&format!("src/components/{file}"));
        for chunk in source.split("part=").skip(1) {
            // `part="a b"`, or `part=if c { "a b" } else { "a" }` (up to its second `}`).
            let value = match chunk.strip_prefix("if ") {
                Some(choice) => choice.splitn(3, '}').take(2).collect::<Vec<_>>().join("}"),
                None => chunk.split('"').nth(1).unwrap().to_owned(),
            };
            let literals: Vec<&str> = if chunk.starts_with("if ") {
                value.split('"').skip(1).step_by(2).collect()
            } else {
                vec![value.as_str()]
            };
            for literal in literals {
                parts.extend(literal.split(' ').map(str::to_owned));
            }
        }
    }
    assert_eq!(names(&decl["cssParts"]), sorted(parts));

    let element = read("src/web/element.rs");
    // Events go out through `emit(host, "name", …)` or, deferred, `announce(…)`.
    let emitted: Vec<String> = element
        .split("emit(")
        .skip(1)
        .chain(element.split("announce(").skip(1))
        .filter_map(|call| call.lines().next()?.split('"').nth(1))
        // `emit`'s own definition builds the full name; calls pass the short one.
        .filter(|name| !name.contains(':'))
        .map(|name| format!("related-stories:{name}"))
        .collect();
    assert_eq!(names(&decl["events"]), sorted(emitted));
}

#[test]
fn the_typescript_declarations_cover_every_attribute_and_event() {
    let types = read("src/package/related-stories.d.ts");
    for attribute in ATTRIBUTES.iter().filter(|a| **a != "lang") {
        let property = attribute.replace("-label", "Label");
        assert!(
            types.contains(&format!("  {property}: ")),
            "{property} missing from the .d.ts"
        );
    }
    for event in ["load", "error", "select"] {
        assert!(
            types.contains(&format!("'related-stories:{event}'")),
            "{event}"
        );
    }
    assert!(types.contains("'related-stories': RelatedStoriesElement;"));
}

/// The CSS line partners add to hold the widget's room before its script runs
/// must reserve exactly what the loader then holds: any difference is a layout
/// shift the moment the element is defined.
#[test]
fn the_pre_script_reservation_matches_the_loaders() {
    let loader = read("src/loader.js");
    for held in [
        "return 1.955 + rows * (narrow ? 8.344 : 6.86)",
        "const em = size.endsWith('px') ? parseFloat(size) || 16 : 16",
    ] {
        assert!(
            loader.contains(held),
            "the loader's reserve changed: update README, demo and this test"
        );
    }
    // 16 px x (1.955 + 5 x 6.86) = 580 px; under 480 px, 16 x (1.955 + 5 x 8.344) = 699 px.
    let line = "related-stories:not(:defined) { display: block; min-height: 580px } @media (max-width: 480px) { related-stories:not(:defined) { min-height: 699px } }";
    for page in [
        "README.md",
        "demo/index.html",
        "demo/be.html",
        "demo/ru.html",
    ] {
        assert!(
            read(page).contains(line),
            "{page} lacks the pre-script reservation line"
        );
    }
}
