//! feed-check, run as a publisher would run it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

#[path = "../../../tests/support/corpus.rs"]
mod support;
use support::{corpus, present};

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_feed-check"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn every_feed_in_the_corpus_gets_a_verdict() {
    if !present("every_feed_in_the_corpus_gets_a_verdict") {
        return;
    }
    let nothing_to_show = [
        "invalid/allthis_partial_truncated.json",
        "invalid/gofeed_invalid_truncated.json",
        "invalid/thedojomx_html_wrapped_feed.json",
    ];
    let mut checked = 0;
    for sub in ["", "invalid/"] {
        for entry in std::fs::read_dir(corpus().join(sub)).unwrap() {
            let name = format!("{sub}{}", entry.unwrap().file_name().to_string_lossy());
            if !name.ends_with(".json") {
                continue;
            }
            let path = corpus().join(&name);
            let (code, out) = run(&[path.to_str().unwrap()]);
            let expected = if nothing_to_show.contains(&name.as_str()) {
                1
            } else {
                0
            };
            assert_eq!(code, expected, "{name}:\n{out}");
            assert!(out.contains("The widget would"), "{name}:\n{out}");
            checked += 1;
        }
    }
    assert_eq!(checked, 22);
}

#[test]
fn publishers_are_told_what_to_fix() {
    let dir = std::env::temp_dir().join(format!("feed-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let feed = dir.join("feed.json");
    std::fs::write(
        &feed,
        r#"{"version":"https://jsonfeed.org/version/1.1","title":"T","_om":{"tiers":[{"label":"PLUS"}]},"items":[
            {"id":"1","url":"/a","title":"Relative","tags":["Politics"],"date_published":"2023-12-15T10:00"},
            {"id":"1","url":"https://news.example/b","title":"Same id","tags":["Politics"]},
            {"id":"3","url":"https://news.example/c"},
            {"id":"4","url":"javascript:alert(1)","title":"Evil"},
            {"id":"5","url":"https://news.example/e","tags":["Politics"],"content_text":"Made from the text. Not this."}]}"#,
    )
    .unwrap();
    // The feed as fetched from the publisher's site, with these options.
    let check = |options: &[&str]| {
        let mut args = vec![
            feed.to_str().unwrap(),
            "--base",
            "https://news.example/feed.json",
        ];
        args.extend_from_slice(options);
        run(&args)
    };
    let (code, out) = check(&["--sections", "Politics", "--limit", "3"]);
    assert_eq!(code, 0, "{out}");
    for expected in [
        "1. [Politics] Relative",
        "score: 1 sections shared, text closeness 0.00, undated",
        "[Politics] Made from the text.",
        "item 4: no title (its headline is made from its summary or content)",
        "https://news.example/a",
        "item 2: no title",
        "item 3: no usable http(s) link",
        "item 0: relative url and no feed_url",
        "item 0: date \"2023-12-15T10:00\" is not RFC 3339",
        "item 1: duplicate id \"1\"",
        "the feed names a tier (\"PLUS\") but no item is locked",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    let (code, out) = check(&["--sections", "Weather"]);
    assert_eq!(code, 1, "nothing would show:\n{out}");
    let (_, out) = check(&["--untitled", "skip"]);
    assert!(!out.contains("Made from the text."), "{out}");
    let (code, out) = check(&["--sections", "Politics", "--html"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("<nav aria-label=\"Related stories\""),
        "{out}"
    );
    assert!(
        out.contains("<a href=\"https://news.example/a\">Relative</a>"),
        "{out}"
    );
    assert!(
        !out.contains("Warnings") && !out.contains("javascript:"),
        "{out}"
    );
    let (code, out) = run(&[feed.to_str().unwrap(), "--sections", "Weather", "--html"]);
    assert_eq!(
        (code, out.as_str()),
        (1, ""),
        "nothing to list, nothing printed"
    );
    let (code, _) = run(&["--limit"]);
    assert_eq!(code, 2);
}
