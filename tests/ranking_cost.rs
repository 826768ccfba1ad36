//! What ranking costs in the browser (`make bench`, not `make test`): a
//! generated feed of 1,000 and 10,000 stories, parsed, then selected with
//! `rank="newest"` and `rank="related"`, timed with `performance.now()` in
//! headless Chromium. Prints a markdown table; asserts nothing about time.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use related_stories::select::{self, Query, Rank};
use related_stories::{feed, terms, text};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const WORDS: &str = "sanctions potash exports border guards checkpoint nuclear plant expansion \
    military exercises grain transit visa travel prisoners release electricity prices media law \
    election observers football stadium renovation teachers salaries railway budget parliament \
    minister opposition protest court ruling energy regulator trade unions farmers harvest bank \
    inflation currency reserves summit talks ceasefire refugees migration drought storm weather \
    hospital doctors vaccine school exams university students startup software exodus museum \
    theatre festival concert film director novel prize olympic coach league transfer derby";

const SECTIONS: [&str; 8] = [
    "Politics",
    "Security",
    "Economy",
    "Society",
    "World",
    "Culture",
    "Sport",
    "Technology",
];

/// A deterministic JSON Feed of `n` stories: titles, summaries and HTML
/// content drawn from the word list, one to three sections each; and each
/// story's title, summary and content.
fn feed_json(n: usize) -> (String, Vec<[String; 3]>) {
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut seed = 2024u32 + n as u32;
    let mut next = |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed as usize % m
    };
    let mut items = Vec::with_capacity(n);
    let mut texts = Vec::with_capacity(n);
    for i in 0..n {
        let mut phrase = |k: usize| {
            (0..k)
                .map(|_| words[next(words.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (title, summary, body) = (phrase(8), phrase(25), phrase(80));
        let tags: Vec<String> = (0..1 + next(3))
            .map(|_| format!("\"{}\"", SECTIONS[next(8)]))
            .collect();
        items.push(format!(
            r#"{{"id":"{i}","url":"https://news.example/en/story-{i}/","title":"{title}","summary":"{summary}","content_html":"<p>{body}</p>","date_published":"2023-12-{:02}T10:00:00Z","tags":[{}]}}"#,
            1 + i % 28,
            tags.join(",")
        ));
        texts.push([title, summary, format!("<p>{body}</p>")]);
    }
    let json = format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":"Bench","feed_url":"https://news.example/en/feed.json","items":[{}]}}"#,
        items.join(",")
    );
    (json, texts)
}

fn now() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap();
    let now: js_sys::Function = js_sys::Reflect::get(&performance, &"now".into())
        .unwrap()
        .unchecked_into();
    now.call0(&performance).unwrap().as_f64().unwrap()
}

/// The median time of `runs` calls of `f`, after one to warm up, in ms.
fn median(runs: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = now();
            f();
            now() - t
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

#[wasm_bindgen_test]
fn ranking_cost() {
    let mut rows = vec![
        "| stories | parse, whole feed (ms) | of which terms (ms) | select, rank=newest (ms) | select, rank=related (ms) |".to_owned(),
        "| ---: | ---: | ---: | ---: | ---: |".to_owned(),
    ];
    for n in [1_000, 10_000] {
        let (json, texts) = feed_json(n);
        let from = "https://news.example/en/feed.json";
        let parse = median(9, || {
            feed::parse(&json, from).unwrap();
        });
        let parsed = feed::parse(&json, from).unwrap();
        assert_eq!(parsed.items.len(), n);
        // The terms' share of the parse: the same calls item building makes.
        let terms = median(9, || {
            for [title, summary, html] in &texts {
                let body = text::html_text(html);
                terms::of(title, &[summary, text::prefix(&body, 600)]);
            }
        });
        let query = |rank| Query {
            article: Some(parsed.items[0].url.clone()),
            sections: Some(vec!["Politics".into(), "Security".into()]),
            limit: 5,
            rank,
            ..Query::default()
        };
        let (newest, related) = (query(Rank::Newest), query(Rank::Related));
        let select_newest = median(21, || {
            select::select(&parsed, &newest);
        });
        let select_related = median(21, || {
            select::select(&parsed, &related);
        });
        assert_eq!(select::select(&parsed, &related).len(), 5);
        rows.push(format!(
            "| {n} | {parse:.1} | {terms:.1} | {select_newest:.2} | {select_related:.2} |"
        ));
    }
    web_sys::console::log_1(&rows.join("\n").into());
}
