//! What one widget shows, decided without the DOM: the feed's state, what
//! the page says around the widget, and from those the [`Shown`] model the
//! views render. Pure, so it is tested natively; dates come in through a
//! formatter the browser half supplies.

use std::cell::RefCell;
use std::sync::Arc;

use crate::config::{Config, Layout};
use crate::feed::{Feed, Item};
use crate::i18n::{Lang, Texts};
use crate::select::{self, Query};

/// Where the feed is in its life.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    Loading,
    Ready(Arc<Feed>),
    Failed,
}

/// What the page around the widget tells it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// URL of the article the widget sits under; never listed.
    pub article: Option<String>,
    pub lang: Lang,
    /// The partner put fallback content inside the element.
    pub has_fallback: bool,
    /// What the page says its article is about (`og:title` or `<title>`,
    /// and its description), for ranking when the feed lacks the article.
    pub context: Option<String>,
}

/// At most this many section chips; more stop being a quick choice.
pub const MAX_CHIPS: usize = 8;

/// Everything the views need for one render, already decided.
pub struct Shown {
    pub state: State,
    pub layout: Layout,
    /// The visible heading; empty means none (the region keeps its name).
    pub heading: String,
    pub texts: &'static Texts,
}

pub enum State {
    /// `rows` placeholder rows.
    Loading {
        rows: usize,
    },
    /// The partner's fallback content, or our message (with a retry button).
    Failed {
        fallback: bool,
    },
    Empty,
    Ready {
        /// "All" first; empty when chips are off or nothing to choose.
        chips: Vec<Chip>,
        stories: Vec<Story>,
    },
}

pub struct Chip {
    /// `None` for "All".
    pub section: Option<String>,
    pub label: String,
    pub pressed: bool,
}

/// One story as shown: every string already cleaned, every link http(s).
pub struct Story {
    pub href: String,
    pub target: Option<String>,
    /// Screen-reader hint for a link that opens a new tab.
    pub new_tab: Option<&'static str>,
    pub title: String,
    pub sections: Vec<String>,
    /// `(ISO 8601 for <time datetime>, text for readers)`.
    pub date: Option<(String, String)>,
    pub badge: Option<Badge>,
    /// Cards only: the thumbnail, or `Some(None)` for the placeholder tile.
    pub image: Option<Option<String>>,
}

/// What a lock badge says. The visible label may be a brand ("POZIRK+"), so
/// the accessible name then also says, in words, that the story is for subscribers.
#[derive(Debug, Clone, PartialEq)]
pub struct Badge {
    pub label: String,
    pub hint: Option<&'static str>,
}

impl Badge {
    pub fn new(label: Option<String>, subscribers_only: &'static str) -> Badge {
        match label {
            Some(label) if label != subscribers_only => Badge {
                label,
                hint: Some(subscribers_only),
            },
            _ => Badge {
                label: subscribers_only.to_owned(),
                hint: None,
            },
        }
    }
}

/// Turns a date in ms since the epoch into `(ISO 8601, reader's text)`.
pub type DateText<'a> = &'a dyn Fn(f64) -> Option<(String, String)>;

/// The model for `load` under `config` on `page`, with the reader's `chip`,
/// and the items listed (for the events, in the same order).
pub fn shown(
    load: &Load,
    config: &Config,
    page: &Page,
    chip: Option<&str>,
    dates: DateText,
) -> (Shown, Vec<Item>) {
    let texts = page.lang.texts();
    let heading = config
        .heading
        .clone()
        .unwrap_or_else(|| texts.heading.to_owned());
    let mut listed = Vec::new();
    let state = match load {
        Load::Loading => State::Loading { rows: config.limit },
        Load::Failed => State::Failed {
            fallback: page.has_fallback,
        },
        Load::Ready(feed) => {
            let query = config.query(page.article.clone(), page.context.clone());
            let all = selection(feed, &query);
            if all.is_empty() {
                State::Empty
            } else {
                let offered = if config.chips {
                    select::chips(feed, &query, MAX_CHIPS)
                } else {
                    Vec::new()
                };
                // A chip the feed no longer offers falls back to "All".
                let chip = chip.filter(|c| offered.iter().any(|o| o == c));
                listed = match chip {
                    Some(c) => selection(
                        feed,
                        &Query {
                            chip: Some(c.to_owned()),
                            ..query
                        },
                    ),
                    None => all,
                };
                State::Ready {
                    chips: chips(offered, chip, texts),
                    stories: listed
                        .iter()
                        .map(|item| story(item, feed, config, texts, dates))
                        .collect(),
                }
            }
        }
    };
    let shown = Shown {
        state,
        layout: config.layout,
        heading,
        texts,
    };
    (shown, listed)
}

fn chips(offered: Vec<String>, chip: Option<&str>, texts: &Texts) -> Vec<Chip> {
    if offered.is_empty() {
        return Vec::new();
    }
    let all = Chip {
        section: None,
        label: texts.all.to_owned(),
        pressed: chip.is_none(),
    };
    let sections = offered.into_iter().map(|s| Chip {
        pressed: chip == Some(s.as_str()),
        label: s.clone(),
        section: Some(s),
    });
    std::iter::once(all).chain(sections).collect()
}

fn story(
    item: &Item,
    feed: &Feed,
    config: &Config,
    texts: &'static Texts,
    dates: DateText,
) -> Story {
    let badge = item.locked.then(|| {
        let label = config
            .lock_label
            .clone()
            .or_else(|| feed.tier_label.clone());
        Badge::new(label, texts.subscribers_only)
    });
    Story {
        href: match &config.utm {
            Some(utm) => crate::url::merge_query(&item.url, utm),
            None => item.url.clone(),
        },
        target: config.target.clone(),
        new_tab: (config.target.as_deref() == Some("_blank")).then_some(texts.new_tab),
        title: item.title.clone(),
        sections: item.sections.clone(),
        date: item.date.and_then(dates),
        badge,
        image: (config.layout == Layout::Cards).then(|| item.image.clone()),
    }
}

thread_local! {
    // Widgets on one page often share a feed and a query; on a long feed,
    // selecting again for each would be felt.
    static SELECTIONS: RefCell<Vec<Selection>> = const { RefCell::new(Vec::new()) };
}

type Selection = (Arc<Feed>, Query, Vec<Item>);

/// The stories `query` selects from `feed`, remembered for the widgets on the page.
pub fn selection(feed: &Arc<Feed>, query: &Query) -> Vec<Item> {
    SELECTIONS.with_borrow_mut(|memo| {
        if let Some((_, _, items)) = memo
            .iter()
            .find(|(f, q, _)| Arc::ptr_eq(f, feed) && q == query)
        {
            return items.clone();
        }
        let items: Vec<Item> = select::select(feed, query).into_iter().cloned().collect();
        // Feeds only the memo still holds (refreshed, or their widgets gone) go.
        memo.retain(|(f, _, _)| Arc::strong_count(f) > 1);
        if memo.len() >= 16 {
            memo.remove(0);
        }
        memo.push((feed.clone(), query.clone(), items.clone()));
        items
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = r#"{"version":"https://jsonfeed.org/version/1.1",
      "_om":{"tiers":[{"label":"POZIRK+"}]},
      "items":[
        {"id":"a","url":"https://n.example/a","title":"Current","tags":["Politics"]},
        {"id":"b","url":"https://n.example/b","title":"Both","tags":["Politics","Security"],"date_published":"2023-12-10T10:00:00Z","_om":{"access":"locked"}},
        {"id":"c","url":"https://n.example/c","title":"Security only","tags":["Security"],"image":"/c.jpg"},
        {"id":"d","url":"https://n.example/d","title":"Economy","tags":["Economy"]}]}"#;

    fn ready() -> Load {
        let parsed = crate::feed::parse(FEED, "https://n.example/feed.json");
        assert!(parsed.is_ok(), "{parsed:?}");
        parsed.map_or(Load::Failed, |f| Load::Ready(Arc::new(f)))
    }

    /// The stories and chips of a ready view; a view that is not ready fails here.
    fn ready_parts(shown: &Shown) -> (&[Story], &[Chip]) {
        assert!(matches!(shown.state, State::Ready { .. }), "not ready");
        match &shown.state {
            State::Ready { stories, chips } => (stories, chips),
            _ => (&[], &[]),
        }
    }

    fn config(attrs: &[(&str, &str)]) -> Config {
        Config::from_attributes(|name| {
            attrs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
        .0
    }

    fn page() -> Page {
        Page {
            article: Some("https://n.example/a".into()),
            ..Page::default()
        }
    }

    fn no_dates(_: f64) -> Option<(String, String)> {
        None
    }

    fn titles(shown: &Shown) -> Vec<&str> {
        match &shown.state {
            State::Ready { stories, .. } => stories.iter().map(|s| s.title.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn ready_lists_the_selection_with_badges_from_the_tier() {
        let c = config(&[("feed", "/f"), ("sections", "Politics, Security")]);
        let (shown, listed) = shown(&ready(), &c, &page(), None, &no_dates);
        assert_eq!(titles(&shown), ["Both", "Security only"]);
        assert_eq!(listed.len(), 2);
        let (stories, chips) = ready_parts(&shown);
        assert!(chips.is_empty(), "chips are off by default");
        assert_eq!(
            stories[0].badge,
            Some(Badge {
                label: "POZIRK+".into(),
                hint: Some("Subscribers only")
            })
        );
        assert_eq!(stories[1].badge, None);
        assert_eq!(stories[0].image, None, "no thumbnails outside cards");
        assert_eq!(shown.heading, "Related stories");
    }

    #[test]
    fn a_chip_narrows_the_list_and_an_unknown_one_is_all() {
        let c = config(&[("feed", "/f"), ("sections", ""), ("chips", "")]);
        let (shown, _) = shown(&ready(), &c, &page(), Some("Economy"), &no_dates);
        assert_eq!(titles(&shown), ["Economy"]);
        let (_, chips) = ready_parts(&shown);
        assert_eq!(chips[0].label, "All");
        assert!(!chips[0].pressed);
        assert!(chips.iter().any(|c| c.pressed && c.label == "Economy"));
        let (shown, _) = super::shown(&ready(), &c, &page(), Some("Sport"), &no_dates);
        assert_eq!(titles(&shown).len(), 3);
    }

    #[test]
    fn links_carry_utm_target_and_hint() {
        let c = config(&[
            ("feed", "/f"),
            ("sections", "Security"),
            ("utm", "utm_source=partner"),
            ("target", "_blank"),
            ("layout", "cards"),
        ]);
        let dates = |ms: f64| Some(("iso".to_owned(), ms.to_string()));
        let (shown, _) = shown(&ready(), &c, &page(), None, &dates);
        let (stories, _) = ready_parts(&shown);
        assert_eq!(stories[0].href, "https://n.example/b?utm_source=partner");
        assert_eq!(stories[0].target.as_deref(), Some("_blank"));
        assert_eq!(stories[0].new_tab, Some("opens in a new tab"));
        assert!(stories[0].date.is_some());
        assert_eq!(stories[1].date, None, "undated");
        assert_eq!(stories[0].image, Some(None), "placeholder tile");
        assert_eq!(
            stories[1].image,
            Some(Some("https://n.example/c.jpg".into()))
        );
    }

    #[test]
    fn loading_failed_and_empty() {
        let c = config(&[("feed", "/f"), ("limit", "3"), ("sections", "Sport")]);
        let (s, _) = shown(&Load::Loading, &c, &page(), None, &no_dates);
        assert!(matches!(s.state, State::Loading { rows: 3 }));
        let with_fallback = Page {
            has_fallback: true,
            ..page()
        };
        let (s, _) = shown(&Load::Failed, &c, &with_fallback, None, &no_dates);
        assert!(matches!(s.state, State::Failed { fallback: true }));
        let (s, listed) = shown(&ready(), &c, &page(), None, &no_dates);
        assert!(matches!(s.state, State::Empty));
        assert!(listed.is_empty());
    }

    #[test]
    fn a_brand_label_keeps_subscribers_only_for_screen_readers() {
        assert_eq!(Badge::new(None, "Subscribers only").hint, None);
        assert_eq!(
            Badge::new(Some("Subscribers only".into()), "Subscribers only").hint,
            None
        );
        let brand = Badge::new(Some("PLUS".into()), "Subscribers only");
        assert_eq!(
            (brand.label.as_str(), brand.hint),
            ("PLUS", Some("Subscribers only"))
        );
    }
}
