//! The element's attributes, read into a typed configuration.
//!
//! An attribute a partner mistypes gets its default and one warning naming it;
//! it never stops the widget.

use crate::contract::{Choice, LAYOUT, LOADING, LOCKED, RANK, THEME, UNTITLED};
use crate::select::{LockedPolicy, Query, Rank};
use crate::text::decimal;

pub use crate::contract::{ATTRIBUTES, DEFAULT_LIMIT, MAX_LIMIT, MIN_LIMIT};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// Feed URL as written; the page resolves it against its own URL.
    pub feed: Option<String>,
    /// `None` when the attribute is absent (use the article's own sections).
    pub sections: Option<Vec<String>>,
    pub article: Option<String>,
    pub limit: usize,
    pub locked: LockedPolicy,
    /// `untitled="skip"`: items without a title are left out.
    pub skip_untitled: bool,
    pub rank: Rank,
    /// `None`: the localized default; `Some("")`: no heading.
    pub heading: Option<String>,
    pub lock_label: Option<String>,
    pub lang: Option<String>,
    /// Where story links open (`_blank`...); `None`: the same tab.
    pub target: Option<String>,
    /// Query string merged into every story link.
    pub utm: Option<String>,
    pub layout: Layout,
    /// Show section chips the reader can filter by.
    pub chips: bool,
}

/// How the stories are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    #[default]
    List,
    /// Headlines only, one line each.
    Compact,
    /// A grid of cards with thumbnails.
    Cards,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::List => "list",
            Layout::Compact => "compact",
            Layout::Cards => "cards",
        }
    }
}

impl Config {
    /// What to select for the page whose article is `article`; `context`
    /// is what the page says the article is about.
    pub fn query(&self, article: Option<String>, context: Option<String>) -> Query {
        Query {
            article,
            context,
            rank: self.rank,
            sections: self.sections.clone(),
            limit: self.limit,
            locked: self.locked,
            chip: None,
            skip_untitled: self.skip_untitled,
        }
    }

    /// Reads attributes through `get` (name to value, `None` when absent).
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
        let mut warnings = Vec::new();
        let non_empty = |name: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };

        let feed = non_empty("feed");
        if feed.is_none() {
            warnings.push("the \"feed\" attribute is missing or empty".to_owned());
        }
        let limit = match get("limit") {
            None => DEFAULT_LIMIT,
            Some(raw) => match raw.trim().parse::<usize>() {
                Ok(n) if (MIN_LIMIT..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    warnings.push(mistake(
                        "limit",
                        &raw,
                        &[
                            "is not a whole number from ",
                            &decimal(MIN_LIMIT as u64),
                            " to ",
                            &decimal(MAX_LIMIT as u64),
                            "; using ",
                            &decimal(DEFAULT_LIMIT as u64),
                        ],
                    ));
                    DEFAULT_LIMIT
                }
            },
        };
        let mut choose = |choice: &Choice| choose(choice, get(choice.name), &mut warnings);
        let locked = [LockedPolicy::Show, LockedPolicy::Hide, LockedPolicy::Last];
        let locked = locked.get(choose(&LOCKED)).copied().unwrap_or_default();
        let rank = [Rank::Related, Rank::Newest];
        let rank = rank.get(choose(&RANK)).copied().unwrap_or_default();
        // `headline` (0) or `skip` (1).
        let skip_untitled = choose(&UNTITLED) == 1;
        let layout = [Layout::List, Layout::Compact, Layout::Cards];
        let layout = layout.get(choose(&LAYOUT)).copied().unwrap_or_default();
        // `loading` is read by the loader (it decides when to start us), and
        // the theme is pure CSS (`:host([theme=...])`): checked here only to
        // tell the partner about a value that does nothing.
        choose(&LOADING);
        choose(&THEME);
        let config = Config {
            feed,
            sections: get("sections").map(|s| parse_sections(&s)),
            article: non_empty("article"),
            limit,
            locked,
            skip_untitled,
            rank,
            heading: get("heading").map(|h| h.trim().to_owned()),
            lock_label: non_empty("lock-label"),
            lang: non_empty("lang"),
            target: non_empty("target").filter(|t| t != "_self"),
            utm: non_empty("utm"),
            layout,
            // A boolean attribute: present means on, as in HTML.
            chips: get("chips").is_some_and(|v| v.trim() != "false"),
        };
        (config, warnings)
    }
}

/// The position of the attribute's value among `choice.values`: 0, the
/// default, when it is absent or blank; for any other value, 0 and a warning.
fn choose(choice: &Choice, raw: Option<String>, warnings: &mut Vec<String>) -> usize {
    let Some(raw) = raw else { return 0 };
    let value = raw.trim();
    let found = choice
        .values
        .iter()
        .position(|v| *v == value || (choice.fold_case && v.eq_ignore_ascii_case(value)));
    match found {
        Some(i) => i,
        None if value.is_empty() => 0,
        None => {
            warnings.push(mistake(choice.name, value, &[choice.hint]));
            0
        }
    }
}

/// `name="value" ` and the rest of the sentence, without `format!`.
fn mistake(name: &str, value: &str, rest: &[&str]) -> String {
    let mut line = [name, "=\"", value, "\" "].concat();
    for part in rest {
        line.push_str(part);
    }
    line
}

/// `"Politics, Security"` into its names; blanks are dropped.
pub fn parse_sections(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(attrs: &[(&str, &str)]) -> (Config, Vec<String>) {
        Config::from_attributes(|name| {
            attrs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn defaults() {
        let (c, w) = read(&[("feed", "/feed.json")]);
        assert_eq!(c.feed.as_deref(), Some("/feed.json"));
        assert_eq!(c.limit, DEFAULT_LIMIT);
        assert_eq!(c.locked, LockedPolicy::Show);
        assert_eq!(
            (c.sections, c.heading, c.article, c.lock_label, c.lang),
            (None, None, None, None, None)
        );
        assert!(w.is_empty());
    }

    #[test]
    fn all_attributes() {
        let (c, w) = read(&[
            ("feed", " https://x.example/f.json "),
            ("sections", "Politics, Security,, "),
            ("article", "https://x.example/a"),
            ("limit", "3"),
            ("locked", "LAST"),
            ("heading", ""),
            ("lock-label", "POZIRK+"),
            ("lang", "be"),
        ]);
        assert_eq!(c.feed.as_deref(), Some("https://x.example/f.json"));
        assert_eq!(
            c.sections,
            Some(vec!["Politics".to_owned(), "Security".to_owned()])
        );
        assert_eq!(c.limit, 3);
        assert_eq!(c.locked, LockedPolicy::Last);
        assert_eq!(c.heading.as_deref(), Some(""));
        assert_eq!(c.lock_label.as_deref(), Some("POZIRK+"));
        assert!(w.is_empty());
    }

    #[test]
    fn bad_values_warn_and_fall_back() {
        for limit in ["0", "-1", "many", "51", "2.5"] {
            let (c, w) = read(&[("feed", "f"), ("limit", limit)]);
            assert_eq!(c.limit, DEFAULT_LIMIT);
            assert_eq!(w.len(), 1, "{limit}");
            assert!(w[0].contains("limit"));
        }
        let (c, w) = read(&[("feed", "f"), ("locked", "maybe")]);
        assert_eq!(c.locked, LockedPolicy::Show);
        assert!(w[0].contains("locked=\"maybe\""));
        let (c, w) = read(&[("feed", "  ")]);
        assert_eq!(c.feed, None);
        assert!(w[0].contains("feed"));
    }

    #[test]
    fn link_options() {
        let (c, w) = read(&[
            ("feed", "f"),
            ("target", "_blank"),
            ("utm", "utm_source=x"),
            ("theme", "dark"),
        ]);
        assert_eq!(
            (c.target.as_deref(), c.utm.as_deref()),
            (Some("_blank"), Some("utm_source=x"))
        );
        assert!(w.is_empty());
        let (c, w) = read(&[("feed", "f"), ("target", "_self"), ("theme", "neon")]);
        assert_eq!(c.target, None);
        assert!(w[0].contains("theme=\"neon\""));
    }

    #[test]
    fn layout_chips_and_loading() {
        let (c, w) = read(&[
            ("feed", "f"),
            ("layout", "Cards"),
            ("chips", ""),
            ("loading", "eager"),
        ]);
        assert_eq!((c.layout, c.chips), (Layout::Cards, true));
        assert!(w.is_empty());
        let (c, w) = read(&[
            ("feed", "f"),
            ("layout", "grid"),
            ("chips", "false"),
            ("loading", "soon"),
        ]);
        assert_eq!((c.layout, c.chips), (Layout::List, false));
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w.contains(&"loading=\"soon\" is not lazy, near or eager; using lazy".to_owned()),
            "{w:?}"
        );
        assert_eq!(read(&[("feed", "f")]).0.layout, Layout::List);
        for loading in ["lazy", "near", "eager", " near ", ""] {
            assert!(
                read(&[("feed", "f"), ("loading", loading)]).1.is_empty(),
                "{loading:?}"
            );
        }
    }

    #[test]
    fn empty_sections_attribute_is_no_filter_not_absent() {
        let (c, _) = read(&[("feed", "f"), ("sections", " ")]);
        assert_eq!(c.sections, Some(vec![]));
    }

    #[test]
    fn each_value_the_contract_lists_means_what_it_says() {
        let locked = [
            ("show", LockedPolicy::Show),
            ("hide", LockedPolicy::Hide),
            ("last", LockedPolicy::Last),
        ];
        for (value, policy) in locked {
            assert_eq!(read(&[("feed", "f"), ("locked", value)]).0.locked, policy);
        }
        let layouts = [
            ("list", Layout::List),
            ("compact", Layout::Compact),
            ("cards", Layout::Cards),
        ];
        for (value, layout) in layouts {
            assert_eq!(read(&[("feed", "f"), ("layout", value)]).0.layout, layout);
            assert_eq!(layout.name(), value);
        }
        assert!(!read(&[("feed", "f")]).0.skip_untitled);
        assert!(read(&[("feed", "f"), ("untitled", "skip")]).0.skip_untitled);
        assert!(
            !read(&[("feed", "f"), ("untitled", "headline")])
                .0
                .skip_untitled
        );
        assert_eq!(read(&[("feed", "f")]).0.rank, Rank::Related);
        assert_eq!(
            read(&[("feed", "f"), ("rank", "newest")]).0.rank,
            Rank::Newest
        );
        for choice in [&LOCKED, &LAYOUT, &LOADING, &THEME, &UNTITLED, &RANK] {
            for value in choice.values {
                let (_, w) = read(&[("feed", "f"), (choice.name, value)]);
                assert!(w.is_empty(), "{}={value}: {w:?}", choice.name);
            }
            let (_, w) = read(&[("feed", "f"), (choice.name, "nonsense")]);
            let default = choice.values[0];
            assert_eq!(w, [format!("{}=\"nonsense\" {}", choice.name, choice.hint)]);
            assert!(choice.hint.ends_with(&format!("using {default}")));
        }
    }
}
