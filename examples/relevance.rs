//! `make bench`'s relevance table: how related `rank="related"` really is.
//!
//! Over the real tagged feeds in `../shared/feeds-tagged` (`FEEDS_TAGGED`
//! points elsewhere), served to the ranker without their tags and with no
//! section filter, articles spread over each feed take turns as the current
//! article. precision@5 is the share of the top five that share at least one
//! topic tag with it (a tag on more than half the items, like "News", is no
//! topic). `related`, `newest` and random order side by side.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use related_stories::feed;
use related_stories::select::{self, Query, Rank};

const ARTICLES: usize = 15;
const TOP: usize = 5;
const SHUFFLES: u64 = 50;

fn main() {
    let dir = std::env::var("FEEDS_TAGGED").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/feeds-tagged").to_owned()
    });
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("relevance: skipped, no tagged feeds at {dir} (set FEEDS_TAGGED)");
        return;
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    println!("#### Relevance: precision@{TOP} over {ARTICLES} articles a feed, tags hidden, no section filter\n");
    println!("| feed | items | related | newest | random | related / newest | related / random | ranking time (native, whole feed x {ARTICLES}) |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut sums = [0.0f64; 3];
    let mut worst_ratio = f64::INFINITY;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let (untagged, tags) = hide_tags(&text);
        let f = feed::parse(&untagged, "https://feeds.example/feed.json").unwrap();
        // Tags on more than half the items are no topic.
        let mut counts: std::collections::HashMap<&str, usize> = Default::default();
        for t in tags.iter().flatten() {
            *counts.entry(t.as_str()).or_default() += 1;
        }
        let topics = |i: usize| -> Vec<&str> {
            tags.get(i)
                .map(|ts| {
                    ts.iter()
                        .map(String::as_str)
                        .filter(|t| counts.get(t).copied().unwrap_or(0) * 2 <= tags.len())
                        .collect()
                })
                .unwrap_or_default()
        };
        let tagged: Vec<&feed::Item> = f
            .items
            .iter()
            .filter(|i| !topics(i.index).is_empty())
            .collect();
        let articles: Vec<&feed::Item> = (0..ARTICLES)
            .map(|k| tagged[k * tagged.len() / ARTICLES])
            .collect();
        let precision = |article: &feed::Item, picked: &[&feed::Item]| {
            let mine = topics(article.index);
            let hits = picked
                .iter()
                .filter(|p| topics(p.index).iter().any(|t| mine.contains(t)))
                .count();
            hits as f64 / TOP as f64
        };
        let mut p = [0.0f64; 3];
        let started = std::time::Instant::now();
        for article in &articles {
            for (slot, rank) in [(0, Rank::Related), (1, Rank::Newest)] {
                let q = Query {
                    article: Some(article.url.clone()),
                    sections: Some(vec![]),
                    limit: TOP,
                    rank,
                    ..Query::default()
                };
                p[slot] += precision(article, &select::select(&f, &q));
            }
        }
        let elapsed = started.elapsed().as_secs_f64() * 1e3 / 2.0;
        for article in &articles {
            let others: Vec<&feed::Item> =
                f.items.iter().filter(|i| i.url != article.url).collect();
            let mut sum = 0.0;
            for seed in 0..SHUFFLES {
                sum += precision(
                    article,
                    &shuffled(&others, seed + 1)[..TOP.min(others.len())],
                );
            }
            p[2] += sum / SHUFFLES as f64;
        }
        for (s, v) in sums.iter_mut().zip(p) {
            *s += v / ARTICLES as f64;
        }
        let [related, newest, random] = p.map(|v| v / ARTICLES as f64);
        worst_ratio = worst_ratio
            .min(related / newest.max(1e-9))
            .min(related / random.max(1e-9));
        println!(
            "| {name} | {} | {related:.2} | {newest:.2} | {random:.2} | {} | {} | {elapsed:.1} ms |",
            f.items.len(),
            ratio(related, newest),
            ratio(related, random)
        );
    }
    let n = files.len().max(1) as f64;
    let [related, newest, random] = sums.map(|s| s / n);
    println!(
        "| **mean** | | **{related:.2}** | {newest:.2} | {random:.2} | **{}** | **{}** | |",
        ratio(related, newest),
        ratio(related, random)
    );
    let goal = related >= 3.0 * newest && related >= 1.5 * random && worst_ratio >= 1.0;
    println!(
        "\nGoal (issue 14): mean >= 3x newest and >= 1.5x random, below neither on any feed: {}",
        if goal { "met" } else { "NOT met" }
    );
}

fn ratio(a: f64, b: f64) -> String {
    if b == 0.0 {
        "∞".to_owned()
    } else {
        format!("{:.1}x", a / b)
    }
}

/// The feed without its tags, and each item's tags (by position).
fn hide_tags(text: &str) -> (String, Vec<Vec<String>>) {
    let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let mut tags = Vec::new();
    for item in doc["items"].as_array_mut().unwrap() {
        let t = match item.get("tags") {
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            Some(serde_json::Value::String(s)) => {
                s.split(',').map(|t| t.trim().to_owned()).collect()
            }
            _ => Vec::new(),
        };
        tags.push(t);
        if let Some(o) = item.as_object_mut() {
            o.remove("tags");
        }
    }
    (doc.to_string(), tags)
}

/// A deterministic shuffle (xorshift), so the random baseline is the same each run.
fn shuffled<'a>(items: &[&'a feed::Item], seed: u64) -> Vec<&'a feed::Item> {
    let mut v = items.to_vec();
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    for i in (1..v.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.swap(i, (x % (i as u64 + 1)) as usize);
    }
    v
}
