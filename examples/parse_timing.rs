//! Rough native timing of parse and select on a large feed:
//! `cargo run --release --example parse_timing -- FEED.json`.
use std::time::Instant;

use related_stories::{feed, select};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_timing FEED.json");
        return;
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let t = Instant::now();
    let parsed = feed::parse(&text, "https://news.example/feed.json");
    let parse_ms = t.elapsed().as_secs_f64() * 1e3;
    let Ok(f) = parsed else {
        eprintln!("not a feed");
        return;
    };
    let t = Instant::now();
    let query = select::Query {
        article: Some("https://news.example/en/politics/story-1/".into()),
        sections: Some(vec!["Politics".into(), "Security".into()]),
        limit: 5,
        locked: select::LockedPolicy::Show,
        chip: None,
        skip_untitled: false,
        ..select::Query::default()
    };
    let shown = select::select(&f, &query).len();
    let select_ms = t.elapsed().as_secs_f64() * 1e3;
    println!("{} items: parse {parse_ms:.1} ms (JSON scan alone {:.1} ms), select {select_ms:.1} ms ({shown} shown)", f.items.len(), scan_only(&text));
}

#[allow(dead_code)]
fn scan_only(text: &str) -> f64 {
    let t = Instant::now();
    let _: Result<serde::de::IgnoredAny, _> = serde_json::from_str(text);
    t.elapsed().as_secs_f64() * 1e3
}
