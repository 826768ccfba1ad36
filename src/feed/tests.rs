//! The parser's own cases: each a feed a publisher could send.

use super::model::MAX_SECTIONS;
use super::parser::known_version;
use super::*;
use crate::date;
use crate::text::MAX_TITLE_CHARS;

const FROM: &str = "https://news.example/en/feed.json";

fn feed(json: &str) -> Feed {
    let parsed = parse(json, FROM);
    assert!(parsed.is_ok(), "should parse: {parsed:?}");
    parsed.unwrap_or_default()
}

/// The sliced parser for `json`, checked to have started.
fn parser(json: &str) -> Option<Parser<'_>> {
    let parser = Parser::new(json, FROM);
    assert!(parser.is_ok(), "should start: {:?}", parser.as_ref().err());
    parser.ok()
}

#[test]
fn reads_a_minimal_locked_item() {
    let f = feed(
        r#"{"version":"https://jsonfeed.org/version/1.1","title":"T",
           "_om":{"tiers":[{"id":"plus","label":"POZIRK+"}]},
           "items":[{"id":"1","url":"https://news.example/a","title":"A","tags":["Politics","Security"],
                     "date_published":"2023-12-15T09:30:00+03:00","_om":{"access":"locked"}}]}"#,
    );
    assert_eq!(f.tier_label.as_deref(), Some("POZIRK+"));
    assert_eq!(f.items.len(), 1, "one item");
    let a = &f.items[0];
    assert_eq!(a.title, "A");
    assert_eq!(a.sections, ["Politics", "Security"]);
    assert!(a.locked);
    assert_eq!(a.date, date::parse("2023-12-15T06:30:00Z"));
    assert!(f.notes.is_empty(), "{:?}", f.notes);
}

#[test]
fn access_values() {
    let f = feed(
        r#"{"items":[
          {"id":"1","url":"https://x.example/1","title":"a","_om":{"access":"locked"}},
          {"id":"2","url":"https://x.example/2","title":"b","_om":{"access":" Members-Only "}},
          {"id":"3","url":"https://x.example/3","title":"c","_om":{"access":"preview"}},
          {"id":"4","url":"https://x.example/4","title":"d","_om":{"access":"open"}},
          {"id":"5","url":"https://x.example/5","title":"e","_om":"locked"},
          {"id":"6","url":"https://x.example/6","title":"f"}]}"#,
    );
    let locked: Vec<bool> = f.items.iter().map(|i| i.locked).collect();
    assert_eq!(locked, [true, true, false, false, false, false]);
}

#[test]
fn tags_as_a_comma_separated_string() {
    let f = feed(
        r#"{"items":[{"id":"1","url":"https://x.example/","title":"a","tags":"workflow, omnifocus,,Workflow"}]}"#,
    );
    assert_eq!(f.items[0].sections, ["workflow", "omnifocus"]);
}

#[test]
fn wrong_types_drop_a_field_not_the_feed() {
    let f = feed(
        r#"{"version":1.1,"title":{"x":1},"items":[
          {"id":7,"url":"https://x.example/7","title":"seven","tags":[1,{"a":[]},"ok",null],"date_published":false,"image":["x"]},
          "not an item", 42, null, [1,2],
          {"id":"t","url":"https://x.example/t","title":123}]}"#,
    );
    assert_eq!(f.items.len(), 2);
    assert_eq!(f.items[0].id, "7");
    assert_eq!(f.items[0].sections, ["1", "ok"]);
    assert_eq!(f.items[1].title, "123");
    assert_eq!(
        f.skipped
            .iter()
            .filter(|s| s.reason == SkipReason::NotAnObject)
            .count(),
        4
    );
}

#[test]
fn duplicate_keys_take_the_last() {
    let f = feed(
        r#"{"items":[{"id":"1","title":"first","title":"second","url":"https://x.example/"}]}"#,
    );
    assert_eq!(f.items[0].title, "second");
}

#[test]
fn items_without_title_or_link_are_skipped_alone() {
    let f = feed(
        r#"{"items":[
          {"id":"1","url":"https://x.example/1"},
          {"id":"2","url":"javascript:alert(1)","title":"evil"},
          {"id":"3","title":"no link"},
          {"id":"4","url":"https://x.example/4","title":"good"}]}"#,
    );
    assert_eq!(
        f.items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
        ["good"]
    );
    let reasons: Vec<_> = f.skipped.iter().map(|s| (s.index, s.reason)).collect();
    assert_eq!(
        reasons,
        [
            (0, SkipReason::NoTitle),
            (1, SkipReason::NoLink),
            (2, SkipReason::NoLink)
        ]
    );
}

#[test]
fn links_fall_back_from_url_to_external_url_to_id() {
    let f = feed(
        r#"{"items":[
          {"id":"a","external_url":"https://elsewhere.example/a","title":"linkblog"},
          {"id":"https://x.example/b","title":"id only"},
          {"url":"/c","title":"no id"}]}"#,
    );
    let urls: Vec<_> = f
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.url.as_str()))
        .collect();
    assert_eq!(
        urls,
        [
            ("a", "https://elsewhere.example/a"),
            ("https://x.example/b", "https://x.example/b"),
            ("https://news.example/c", "https://news.example/c"),
        ]
    );
    assert!(f.notes.contains(&Note::MissingId { index: 2 }));
}

#[test]
fn relative_urls_resolve_against_feed_url_else_the_fetch_url() {
    let with = feed(
        r#"{"feed_url":"https://other.example/blog/feed.json","items":[{"id":"1","url":"post/","title":"a","image":"/i.png"}]}"#,
    );
    assert_eq!(with.items[0].url, "https://other.example/blog/post/");
    assert_eq!(
        with.items[0].image.as_deref(),
        Some("https://other.example/i.png")
    );
    let without = feed(r#"{"items":[{"id":"1","url":"post/","title":"a"}]}"#);
    assert_eq!(without.items[0].url, "https://news.example/en/post/");
    assert!(without
        .notes
        .contains(&Note::RelativeUrlWithoutFeedUrl { index: 0 }));
    assert!(!with
        .notes
        .iter()
        .any(|n| matches!(n, Note::RelativeUrlWithoutFeedUrl { .. })));
    let relative_feed_url =
        feed(r#"{"feed_url":"/feed.json","items":[{"id":"1","url":"p","title":"a"}]}"#);
    assert_eq!(relative_feed_url.items[0].url, "https://news.example/p");
}

#[test]
fn hostile_urls_never_survive() {
    let f = feed(
        r#"{"items":[{"id":"1","url":"JaVaScRiPt:alert(1)","external_url":"data:text/html,x","title":"x","image":"vbscript:x"},
                     {"id":"2","url":"https://ok.example/","title":"ok","image":" javascript:alert(1)"}]}"#,
    );
    assert_eq!(f.items.len(), 1);
    assert_eq!(f.items[0].image, None);
}

#[test]
fn titles_are_plain_text_with_entities_decoded() {
    let f = feed(
        r#"{"items":[{"id":"1","url":"https://x.example/","title":"Q&amp;A: <script>alert(1)</script> \u0026#8211; ok"}]}"#,
    );
    assert_eq!(f.items[0].title, "Q&A: <script>alert(1)</script> – ok");
}

#[test]
fn date_modified_is_the_fallback() {
    let f = feed(
        r#"{"items":[{"id":"1","url":"https://x.example/","title":"a","date_published":"soon","date_modified":"2020-01-01T00:00:00Z"}]}"#,
    );
    assert_eq!(f.items[0].date, date::parse("2020-01-01T00:00:00Z"));
    assert_eq!(
        f.notes,
        [
            Note::NoVersion,
            Note::NonRfc3339Date {
                index: 0,
                value: "soon".into()
            }
        ]
    );
}

#[test]
fn fractional_numbers_are_values_of_the_wrong_type_not_objects() {
    // serde_json reads them as text (no float tables in the bundle), which
    // reaches our readers as a one-key map: still not an item, nor a feed.
    let f = feed(
        r#"{"items":[1.5,-2e3,{"id":0.5,"url":"https://x.example/1","title":2.5},
          {"id":"2","url":"https://x.example/2","title":"ok","tags":[1.5,"A"],"_om":1.5}]}"#,
    );
    let reasons: Vec<_> = f.skipped.iter().map(|s| (s.index, s.reason)).collect();
    assert_eq!(
        reasons,
        [
            (0, SkipReason::NotAnObject),
            (1, SkipReason::NotAnObject),
            (2, SkipReason::NoTitle)
        ]
    );
    assert_eq!(f.items[0].sections, ["A"]);
    assert_eq!(
        parse("1.5", FROM),
        Err(FeedError::NotAFeed("the top level is not an object"))
    );
}

#[test]
fn documents_that_are_not_feeds() {
    assert_eq!(parse("<!doctype html><html>", FROM), Err(FeedError::Html));
    assert_eq!(parse("\u{FEFF}  <html>", FROM), Err(FeedError::Html));
    assert!(matches!(
        parse("{\"items\": [", FROM),
        Err(FeedError::Json(_))
    ));
    assert!(matches!(parse("", FROM), Err(FeedError::Json(_))));
    assert_eq!(
        parse("[1,2]", FROM),
        Err(FeedError::NotAFeed("the top level is not an object"))
    );
    assert_eq!(
        parse("\"feed\"", FROM),
        Err(FeedError::NotAFeed("the top level is not an object"))
    );
    assert_eq!(
        parse(r#"{"version":"1.1"}"#, FROM),
        Err(FeedError::NotAFeed("it has no \"items\" array"))
    );
    assert_eq!(
        parse(r#"{"items":{}}"#, FROM),
        Err(FeedError::NotAFeed("it has no \"items\" array"))
    );
}

#[test]
fn deep_nesting_is_skipped_without_recursion() {
    // The JSON reader skips unwanted values iteratively, so depth cannot overflow the stack.
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let json = format!(
        r#"{{"x":{d},"items":[{d},{{"id":"1","url":"https://x.example/","title":{d},"tags":{d}}},{{"id":"2","url":"https://x.example/2","title":"ok","_om":{d}}}]}}"#,
        d = deep(10_000)
    );
    let f = feed(&json);
    assert_eq!(
        f.items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
        ["ok"]
    );
    assert!(parse(&deep(10_000), FROM).is_err());
}

#[test]
fn duplicate_ids_are_reported_for_the_checker() {
    let f = feed(
        r#"{"items":[{"id":"1","url":"https://x.example/a","title":"a"},{"id":"1","url":"https://x.example/b","title":"b"}]}"#,
    );
    assert_eq!(
        duplicate_ids(&f),
        [Note::DuplicateId {
            index: 1,
            id: "1".into()
        }]
    );
    assert_eq!(f.items.len(), 2, "both are kept; selection shows one");
}

#[test]
fn parsing_in_slices_gives_the_same_feed() {
    let items: Vec<String> = (0..25)
        .map(|i| {
            format!(
                r#"{{"id":"{i}","url":"https://x.example/{i}","title":"Story {i}","tags":["A"]}}"#
            )
        })
        .collect();
    let json = format!(r#"{{"items":[{}, 7, {{"id":"x"}}]}}"#, items.join(","));
    let whole = feed(&json);
    let Some(mut parser) = parser(&json) else {
        return;
    };
    let mut steps = 1;
    let last = loop {
        match parser.step(4) {
            Ok(true) => steps += 1,
            done => break done,
        }
    };
    assert_eq!(last, Ok(false), "every step reads");
    assert_eq!(steps, 7, "27 entries in slices of 4");
    assert_eq!(parser.finish(), whole);
    assert_eq!(whole.items.len(), 25);
    assert_eq!(whole.skipped.len(), 2);
}

#[test]
fn reading_items_one_by_one_agrees_with_reading_the_document_at_once() {
    let it = |i: u32| format!(r#"{{"id":"{i}","url":"https://x.example/{i}","title":"S{i}"}}"#);
    let (a, b) = (it(1), it(2));
    let cases = [
        format!(r#"{{"items":[{a},{b}]}}"#),
        format!(
            r#"{{"items":[{a},{b}],"_om":{{"tiers":[{{"label":"PLUS"}}]}},"version":"https://jsonfeed.org/version/1.1"}}"#
        ),
        format!(" \u{FEFF}\n {{ \"title\" : \"T\" , \"items\" : [ \n {a} , \t {b} \r\n ] \n }} \n"),
        r#"{"items":[]}"#.to_string(),
        r#"{"items":[ ]}"#.to_string(),
        format!(r#"{{"items":[7,"x",null,true,[1,[2]],{{}},-1.5e3,{a}]}}"#),
        r#"{"items":[{"id":"1","url":"https://x.example/]}\"","title":"a ] } [ { \\ \" ,"}]}"#
            .to_string(),
        r#"{"items":[{"id":"1","url":"https://x.example/","title":"t","x":{"y":[{"z":[]}]}}]}"#
            .to_string(),
        // Broken, each in its own way: the same error either way.
        format!(r#"{{"items":[{a},]}}"#),
        format!(r#"{{"items":[{a} {b}]}}"#),
        format!(r#"{{"items":[{a}}}}}"#),
        format!(r#"{{"items":[{a},{{"title":tru}}]}}"#),
        format!(r#"{{"items":[{a},{b}"#),
        format!(r#"{{"items":[{a}]}} trailing"#),
        format!(r#"{{"items":[{a}],}}"#),
        format!(r#"{{"items":[{a}] "title":"x"}}"#),
        r#"{"items":[{"title":"\ud800"}]}"#.to_string(),
        // Read whole: the scan leaves these to serde_json.
        format!(r#"{{"items":[{a}],"items":[{b}]}}"#),
        format!(r#"{{"\u0069tems":[{a}],"items":[{b}]}}"#),
        format!(r#"{{"items":{{"0":{a}}}}}"#),
        format!(r#"[{a}]"#),
    ];
    for case in &cases {
        assert_eq!(parse(case, FROM), parse_at_once(case, FROM), "{case}");
    }
    assert_eq!(feed(&cases[0]).items.len(), 2);
    for lazy in &cases[..8] {
        let reads_in_slices = parser(lazy).is_some_and(|p| p.reads_in_slices());
        assert!(reads_in_slices, "read whole: {lazy}");
    }
    assert!(matches!(parse(&cases[8], FROM), Err(FeedError::Json(_))));
}

#[test]
fn a_100_kb_title_is_cut_to_a_headline() {
    let title = "Ł".repeat(100 * 1024);
    let f = feed(&format!(
        r#"{{"items":[{{"id":"1","url":"https://x.example/","title":"{title}"}}]}}"#
    ));
    assert!(f.items[0].title.chars().count() <= MAX_TITLE_CHARS);
    assert!(f.items[0].title.ends_with('…'));
}

#[test]
fn invalid_utf16_escapes_are_an_error_not_a_crash() {
    // A lone surrogate cannot become a Rust string: the document is refused as JSON.
    for bad in [
        r#"{"items":[{"title":"\ud800"}]}"#,
        r#"{"items":[{"title":"\udc00x"}]}"#,
        r#"{"items":[{"title":"\uZZZZ"}]}"#,
    ] {
        assert!(matches!(parse(bad, FROM), Err(FeedError::Json(_))), "{bad}");
    }
    // A valid pair is fine.
    let f =
        feed(r#"{"items":[{"id":"1","url":"https://x.example/","title":"\ud83d\udcf0 news"}]}"#);
    assert_eq!(f.items[0].title, "📰 news");
}

#[test]
fn markup_in_every_text_field_stays_text() {
    let evil = r#"<img src=x onerror=alert(1)></template><script>alert(2)</script>"#;
    let f = feed(&format!(
        r#"{{"title":"{evil}","_om":{{"tiers":[{{"label":"{evil}"}}]}},"items":[{{"id":"{evil}","url":"https://x.example/","title":"{evil}","tags":["{evil}"]}}]}}"#
    ));
    // Kept as the literal characters (labels cut to their length limit).
    assert_eq!(f.items[0].title, evil);
    assert_eq!(f.title, evil);
    assert!(f.tier_label.is_some());
    for label in [&f.items[0].sections[0]].into_iter().chain(&f.tier_label) {
        assert!(
            label.starts_with("<img src=x onerror=alert(1)></template>"),
            "{label}"
        );
    }
}

#[test]
fn versions() {
    for v in [
        "https://jsonfeed.org/version/1.1",
        "http://jsonfeed.org/version/1",
        "1.0",
        "1.1",
        "https://jsonfeed.org/version/1/",
    ] {
        assert!(known_version(v), "{v}");
    }
    assert!(!known_version("2.0"));
    let f = feed(r#"{"version":"https://example.org/rss","items":[]}"#);
    assert_eq!(
        f.notes,
        [Note::UnknownVersion("https://example.org/rss".into())]
    );
}

#[test]
fn sections_are_capped_and_deduplicated() {
    let tags: Vec<String> = (0..10_000).map(|i| format!("\"t{}\"", i % 50)).collect();
    let json = format!(
        r#"{{"items":[{{"id":"1","url":"https://x.example/","title":"a","tags":[{}]}}]}}"#,
        tags.join(",")
    );
    let f = feed(&json);
    assert_eq!(f.items[0].sections.len(), MAX_SECTIONS);
}

#[test]
fn only_a_tier_names_the_subscriber_tier() {
    // A `label` beside `tiers`, or in an item's `_om`, is no tier's label.
    let f = feed(
        r#"{"_om":{"label":"Not a tier","tiers":"none"},
            "items":[{"id":"1","url":"https://x.example/1","title":"a","_om":{"label":"Nor this","access":"locked"}}]}"#,
    );
    assert_eq!(f.tier_label, None);
    assert!(f.items[0].locked);
    let f = feed(
        r#"{"_om":{"label":"Not a tier","tiers":[{"label":" "},{"id":"x"},{"label":"PLUS"},{"label":"Later"}]},"items":[]}"#,
    );
    assert_eq!(f.tier_label.as_deref(), Some("PLUS"));
}

#[test]
fn raw_control_characters_in_strings_are_read_as_text() {
    // A literal tab and newline in a title, a CR in a tag, a raw U+0001 in an id:
    // JSON.parse refuses them; feed readers and browsers show the feed.
    let json = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[\
        {\"id\":\"1\u{1}\",\"url\":\"https://x.example/1\",\"title\":\"Tabs\there,\nand a line\",\"tags\":[\"Po\rlitics\"]},\
        {\"id\":\"2\",\"url\":\"https://x.example/2\",\"title\":\"Escaped \\\" quote\tstill fine\"}]}";
    let f = feed(json);
    let titles: Vec<&str> = f.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Tabs here, and a line", "Escaped \" quote still fine"]
    );
    assert_eq!(f.items[0].id, "1\u{1}");
    assert_eq!(f.items[0].sections, ["Po litics"]);
    assert_eq!(parse(json, FROM), parse_at_once(json, FROM));
    // Outside strings the grammar is as strict as ever; truncated is still broken.
    for broken in [
        "{\"items\":[]\u{1}}",
        "{\"items\":[{\"title\":\"cut\tin the middle",
        "{\"items\":[{\"title\":\"a\"}\n",
    ] {
        assert!(
            matches!(parse(broken, FROM), Err(FeedError::Json(_))),
            "{broken:?}"
        );
    }
    // A feed cut inside a string says so, even when a newline ends it.
    let cut = parse("{\"items\":[{\"title\":\"cut\nhere\n", FROM);
    assert!(
        matches!(&cut, Err(FeedError::Json(e)) if e.starts_with("it ends too early")),
        "{cut:?}"
    );
}
