//! Where the real-feed corpus is, for each test crate that reads it (the
//! widget's and feed-check's): `FEEDS_IN_THE_WILD`, else `shared/` beside
//! the repository. A plain clone has none; its tests then skip, saying so.

use std::path::{Path, PathBuf};

pub fn corpus() -> PathBuf {
    std::env::var_os("FEEDS_IN_THE_WILD")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared/feeds-in-the-wild"))
}

/// The repository's root: the nearest folder up from this crate that holds
/// the workspace's Cargo.lock.
fn workspace() -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .unwrap_or(crate_dir)
        .to_path_buf()
}

/// Whether the corpus is there; if not, one line says which test skips and
/// where it looked (straight to stderr: the test harness hides `eprintln!`).
pub fn present(test: &str) -> bool {
    let dir = corpus();
    let found = dir.join("INDEX.md").is_file();
    if !found {
        use std::io::Write;
        let line = format!(
            "skipped {test}: no real-feed corpus at {} (set FEEDS_IN_THE_WILD to point elsewhere)\n",
            dir.display()
        );
        let _ = std::io::stderr().write_all(line.as_bytes());
    }
    found
}
