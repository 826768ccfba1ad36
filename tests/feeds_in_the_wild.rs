//! Every file of the real-feed corpus (`../shared/feeds-in-the-wild`) ends in the
//! state a reader would expect. The corpus sits beside the repository on
//! developer machines and in CI (`FEEDS_IN_THE_WILD` points elsewhere); a
//! plain clone without it skips these tests and says so in one line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use related_stories::feed::{self, Feed, FeedError, Note, SkipReason};
use related_stories::select::{self, Query};

#[path = "support/corpus.rs"]
mod support;
use support::{corpus, present};

const FETCHED_FROM: &str = "https://feeds.example/feed.json";

fn load(name: &str) -> Result<Feed, FeedError> {
    let text =
        std::fs::read_to_string(corpus().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    feed::parse(&text, FETCHED_FROM)
}

fn shown(f: &Feed) -> usize {
    select::select(
        f,
        &Query {
            limit: usize::MAX,
            sections: Some(vec![]),
            ..Query::default()
        },
    )
    .len()
}

/// (file, items parsed, items skipped, items shown after de-duplication)
const RENDERS: &[(&str, usize, usize, usize)] = &[
    ("admataz_v1_dateonly_no_homepage.json", 10, 0, 10),
    ("brunow_v1.1_huge_651items.json", 651, 0, 651),
    ("curtclifton_v1_nonrfc3339_dates.json", 26, 0, 26),
    ("daringfireball_v1.1_authors.json", 48, 0, 48),
    ("fboes_de_v1.1_extensions_banner.json", 20, 0, 20),
    (
        "jsonfeed-to-rss_extended_v1_missing_url_itunes.json",
        7,
        1,
        6,
    ),
    ("jsonfeed_org_v1.json", 1, 0, 1),
    ("korepi_ru_v1.1_cyrillic.json", 9, 0, 9),
    ("pixelenvy_v1_http_version_url.json", 20, 0, 20),
    ("racca_v1.1_relative_image_urls.json", 4, 0, 4),
    ("rosemaryorchard_v1_large_tags.json", 84, 0, 84),
    ("timetable_podcast_v1_attachments.json", 45, 0, 45),
    ("wizardcm_v1_summary_only_no_content.json", 2, 0, 2),
    // Spec breaks a reader can live with: bare versions, no ids, a pagination loop.
    ("invalid/gofeed_version_bare_1.0.json", 1, 0, 1),
    ("invalid/gofeed_version_bare_1.1.json", 1, 0, 1),
    (
        "invalid/influxdata_v1.1_no_item_ids_rfc822_dates.json",
        3,
        0,
        3,
    ),
    // No titles, which JSON Feed allows: headlines made from their text.
    ("invalid/validator_duplicate_ids.json", 2, 0, 1),
    ("invalid/validator_missing_item_id.json", 2, 0, 2),
    ("invalid/validator_next_url_equals_feed_url.json", 1, 0, 1),
];

/// Feeds whose items have no title: with `untitled="skip"` the widget has
/// nothing to show and hides itself.
const UNTITLED: &[&str] = &[
    "invalid/validator_duplicate_ids.json",
    "invalid/validator_missing_item_id.json",
    "invalid/validator_next_url_equals_feed_url.json",
];

#[test]
fn every_file_in_the_corpus_has_an_expectation() {
    if !present("every_file_in_the_corpus_has_an_expectation") {
        return;
    }
    let mut files = Vec::new();
    for sub in ["", "invalid/"] {
        for entry in std::fs::read_dir(corpus().join(sub)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".json") {
                files.push(format!("{sub}{name}"));
            }
        }
    }
    let errors = [
        "invalid/allthis_partial_truncated.json",
        "invalid/gofeed_invalid_truncated.json",
        "invalid/thedojomx_html_wrapped_feed.json",
    ];
    let known = RENDERS.iter().map(|r| r.0).chain(errors);
    let mut known: Vec<String> = known.map(str::to_owned).collect();
    files.sort();
    known.sort();
    assert_eq!(files, known);
    assert_eq!(files.len(), 22);
}

#[test]
fn valid_feeds_render_their_items() {
    if !present("valid_feeds_render_their_items") {
        return;
    }
    for &(name, items, skipped, visible) in RENDERS {
        let f = load(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            (f.items.len(), f.skipped.len(), shown(&f)),
            (items, skipped, visible),
            "{name}"
        );
        for item in &f.items {
            assert!(!item.title.is_empty(), "{name}: empty title");
            assert!(
                item.url.starts_with("https://") || item.url.starts_with("http://"),
                "{name}: {}",
                item.url
            );
            assert!(
                item.image.as_deref().is_none_or(|i| i.starts_with("http")),
                "{name}: image {:?}",
                item.image
            );
        }
    }
}

#[test]
fn untitled_feeds_show_made_up_headlines_or_nothing() {
    if !present("untitled_feeds_show_made_up_headlines_or_nothing") {
        return;
    }
    for name in UNTITLED {
        let f = load(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(f.items.iter().all(|i| i.untitled), "{name}");
        assert!(shown(&f) > 0, "{name}");
        let skipping = Query {
            limit: usize::MAX,
            sections: Some(vec![]),
            skip_untitled: true,
            ..Query::default()
        };
        assert_eq!(select::select(&f, &skipping).len(), 0, "{name}");
    }
}

#[test]
fn documents_that_are_not_feeds_are_errors() {
    if !present("documents_that_are_not_feeds_are_errors") {
        return;
    }
    assert_eq!(
        load("invalid/thedojomx_html_wrapped_feed.json"),
        Err(FeedError::Html)
    );
    assert!(matches!(
        load("invalid/allthis_partial_truncated.json"),
        Err(FeedError::Json(_))
    ));
    assert!(matches!(
        load("invalid/gofeed_invalid_truncated.json"),
        Err(FeedError::Json(_))
    ));
}

#[test]
fn quirks_are_read_leniently() {
    if !present("quirks_are_read_leniently") {
        return;
    }
    // Tags as a comma-separated string, titles with HTML entities.
    let rose = load("rosemaryorchard_v1_large_tags.json").unwrap();
    assert_eq!(rose.items[0].sections, ["workflow", "omnifocus"]);
    assert_eq!(
        rose.items[0].title,
        "Workflow: Add Task & Sub Tasks To OmniFocus"
    );
    assert!(rose.items.iter().all(|i| !i.title.contains("&amp;")));

    // Dates without seconds or zone; date-only dates; RFC 822; only date_modified.
    for name in [
        "curtclifton_v1_nonrfc3339_dates.json",
        "admataz_v1_dateonly_no_homepage.json",
        "wizardcm_v1_summary_only_no_content.json",
    ] {
        let f = load(name).unwrap();
        assert!(
            f.items.iter().all(|i| i.date.is_some()),
            "{name}: an undated item"
        );
    }
    let curt = load("curtclifton_v1_nonrfc3339_dates.json").unwrap();
    assert!(curt
        .notes
        .iter()
        .any(|n| matches!(n, Note::NonRfc3339Date { .. })));

    // No ids: the url stands in, and the feed checker is told.
    let influx = load("invalid/influxdata_v1.1_no_item_ids_rfc822_dates.json").unwrap();
    assert!(influx.items.iter().all(|i| i.id == i.url));
    assert_eq!(
        influx
            .notes
            .iter()
            .filter(|n| matches!(n, Note::MissingId { .. }))
            .count(),
        3
    );
    assert_eq!(influx.title, "Blog – InfluxData");
    let rfc822: Vec<_> = influx.items.iter().map(|i| i.date).collect();
    assert_eq!(
        rfc822,
        [
            related_stories::date::parse("2019-05-31T19:17:58Z"),
            related_stories::date::parse("2018-02-06T13:34:12Z"),
            None
        ]
    );

    // Relative image URLs resolve against feed_url.
    let racca = load("racca_v1.1_relative_image_urls.json").unwrap();
    assert_eq!(
        racca.items[0].image.as_deref(),
        Some("https://blog.racca.me/custom-email-with-cloudflare-and-gmail/cover.jpg")
    );

    // Cyrillic and other scripts are kept as written.
    let korepi = load("korepi_ru_v1.1_cyrillic.json").unwrap();
    assert_eq!(korepi.items[0].title, "Гайды");
    assert_eq!(korepi.items[0].sections, ["Гайд"]);
    let df = load("daringfireball_v1.1_authors.json").unwrap();
    assert!(df.items.iter().filter(|i| !i.title.is_ascii()).count() >= 29);

    // http version URL and bare versions are recognised, not flagged.
    for name in [
        "pixelenvy_v1_http_version_url.json",
        "invalid/gofeed_version_bare_1.1.json",
        "invalid/gofeed_version_bare_1.0.json",
    ] {
        let f = load(name).unwrap();
        assert!(
            !f.notes
                .iter()
                .any(|n| matches!(n, Note::UnknownVersion(_) | Note::NoVersion)),
            "{name}"
        );
    }

    // No url: a linkblog item goes to its external_url; one with neither (and a
    // non-URL id) is skipped alone; two items sharing a url are shown once.
    let itunes = load("jsonfeed-to-rss_extended_v1_missing_url_itunes.json").unwrap();
    let no_url = itunes
        .items
        .iter()
        .find(|i| i.title == "A post with no URL!!")
        .unwrap();
    assert_eq!(no_url.url, "https://example.com/some-external-link2");
    assert_eq!(
        (itunes.skipped[0].index, itunes.skipped[0].reason),
        (0, SkipReason::NoLink)
    );
}

#[test]
fn the_huge_feed_ranks_newest_first() {
    if !present("the_huge_feed_ranks_newest_first") {
        return;
    }
    let f = load("brunow_v1.1_huge_651items.json").unwrap();
    let top = select::select(
        &f,
        &Query {
            limit: 5,
            sections: Some(vec![]),
            ..Query::default()
        },
    );
    assert_eq!(top.len(), 5);
    assert!(top.windows(2).all(|w| w[0].date >= w[1].date));
    let newest = f
        .items
        .iter()
        .filter_map(|i| i.date)
        .fold(f64::MIN, f64::max);
    assert_eq!(top[0].date, Some(newest));
}
