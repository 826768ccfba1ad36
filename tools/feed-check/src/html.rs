//! `--html`: the selection as plain HTML, to paste (or render on the server)
//! as the element's fallback content. Readers without JavaScript, crawlers
//! and link previews then get the same related links the widget shows.
//! Every string from the feed is escaped; links are the widget's own, so
//! only http(s) ones ever reach an `href`.

use related_stories::feed::Item;
use related_stories::i18n::Lang;
use related_stories::url;

/// The options that shape the markup as they shape the widget.
pub struct Fallback<'a> {
    pub lang: Lang,
    /// The lock badge's text: `lock-label`, else the feed's tier label.
    pub lock_label: Option<&'a str>,
    pub utm: Option<&'a str>,
}

/// A labelled list of links, each with its sections and lock text.
pub fn render(shown: &[&Item], options: &Fallback) -> String {
    let texts = options.lang.texts();
    let lock = options.lock_label.unwrap_or(texts.subscribers_only);
    let mut out = format!(
        "<nav aria-label=\"{}\" lang=\"{}\">\n  <ul>\n",
        escape(texts.heading),
        options.lang.tag()
    );
    for item in shown {
        // The widget's links are http(s) already; checked again, as the widget does.
        if !url::is_http(&item.url) {
            continue;
        }
        let href = match options.utm {
            Some(utm) => url::merge_query(&item.url, utm),
            None => item.url.clone(),
        };
        out.push_str("    <li><a href=\"");
        out.push_str(&escape(&href));
        out.push_str("\">");
        out.push_str(&escape(&item.title));
        out.push_str("</a>");
        if !item.sections.is_empty() {
            out.push_str(" <small>");
            out.push_str(&escape(&item.sections.join(", ")));
            out.push_str("</small>");
        }
        if item.locked {
            out.push_str(" <small>");
            out.push_str(&escape(lock));
            out.push_str("</small>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("  </ul>\n</nav>\n");
    out
}

/// Text as HTML text or a quoted attribute value.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use related_stories::feed;
    use related_stories::select::{self, Query};

    #[test]
    fn every_feed_string_is_escaped_and_only_http_links_are_kept() {
        let f = feed::parse(
            r#"{"_om":{"tiers":[{"label":"<b>PLUS</b>"}]},"items":[
              {"id":"1","url":"https://x.example/a?b=1&c=\"2\"","title":"<img src=x onerror=alert(1)> & co","tags":["<i>Politics</i>"],"_om":{"access":"locked"}},
              {"id":"2","url":"javascript:alert(1)","title":"Evil"},
              {"id":"3","url":"https://x.example/b","title":"Plain 'quotes'"}]}"#,
            "https://x.example/feed.json",
        )
        .unwrap();
        let q = Query {
            limit: 5,
            sections: Some(vec![]),
            ..Query::default()
        };
        let shown = select::select(&f, &q);
        let html = render(
            &shown,
            &Fallback {
                lang: Lang::En,
                lock_label: f.tier_label.as_deref(),
                utm: Some("utm_source=p"),
            },
        );
        assert_eq!(
            html,
            "<nav aria-label=\"Related stories\" lang=\"en\">\n  <ul>\n\
             \x20   <li><a href=\"https://x.example/a?b=1&amp;c=%222%22&amp;utm_source=p\">&lt;img src=x onerror=alert(1)&gt; &amp; co</a> <small>&lt;i&gt;Politics&lt;/i&gt;</small> <small>&lt;b&gt;PLUS&lt;/b&gt;</small></li>\n\
             \x20   <li><a href=\"https://x.example/b?utm_source=p\">Plain &#39;quotes&#39;</a></li>\n\
             \x20 </ul>\n</nav>\n"
        );
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn the_words_follow_the_language() {
        let html = render(
            &[],
            &Fallback {
                lang: Lang::Be,
                lock_label: None,
                utm: None,
            },
        );
        assert!(
            html.starts_with("<nav aria-label=\"Звязаныя матэрыялы\" lang=\"be\">"),
            "{html}"
        );
    }
}
