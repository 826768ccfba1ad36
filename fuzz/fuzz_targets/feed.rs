//! Any bytes through everything that reads untrusted input: the feed parser,
//! selection, and the helpers they use. No input may panic, and whatever is
//! selected must be safe to render.
#![no_main]

use libfuzzer_sys::fuzz_target;
use related_stories::select::{self, LockedPolicy, Query};
use related_stories::{date, feed, saved_copy, text, url};

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    // The first byte steers the query; the rest is the document.
    let steer = data.first().copied().unwrap_or(0);
    let limit = usize::from(steer % 8);
    let locked = [LockedPolicy::Show, LockedPolicy::Hide, LockedPolicy::Last][usize::from(steer % 3)];

    let parsed = feed::parse(input, "https://news.example/en/feed.json");
    // Read item by item, the feed is the one a single pass reads.
    assert_eq!(parsed, feed::parse_at_once(input, "https://news.example/en/feed.json"));
    if let Ok(parsed) = parsed {
        for sections in [None, Some(vec![]), Some(vec!["Politics".to_owned(), "tag1".to_owned()])] {
            let query = Query {
                article: parsed.items.first().map(|i| i.url.clone()),
                sections,
                limit,
                locked,
                chip: parsed.items.get(1).and_then(|i| i.sections.first().cloned()),
                skip_untitled: limit % 2 == 0,
                rank: if limit % 3 == 0 { select::Rank::Newest } else { select::Rank::Related },
                context: None,
            };
            let shown = select::select(&parsed, &query);
            assert!(shown.len() <= limit);
            for item in shown {
                assert!(item.url.starts_with("https://") || item.url.starts_with("http://"), "{}", item.url);
                assert!(item.image.as_deref().is_none_or(|i| i.starts_with("http")));
                assert!(!item.title.is_empty());
            }
            let _ = select::chips(&parsed, &query, 8);
        }
    }
    let _ = date::parse(input);
    let _ = url::resolve("https://news.example/a/b", input);
    let _ = url::normalize(input);
    let _ = url::merge_query("https://news.example/a?b=1#c", input);
    let _ = text::clean(input, 40);
    let _ = saved_copy::unpack(input, 1.0e12);
});
