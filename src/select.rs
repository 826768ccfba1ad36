//! Which stories to show, in which order: filter, rank, de-duplicate, limit.

use std::cmp::Ordering;

use crate::feed::{Feed, Item};
use crate::heap::Heap;
use crate::terms::{self, Weighed};
use crate::{text, url};

/// What to do with subscriber-only stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LockedPolicy {
    #[default]
    Show,
    Hide,
    /// Shown after every free story, each group in rank order.
    Last,
}

/// How stories are ordered once filtered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rank {
    /// By sections shared, then by how close their words are to the
    /// current article's, newer first among near ties.
    #[default]
    Related,
    /// By sections shared, then newest first.
    Newest,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// URL of the page the widget sits on; that story is never listed.
    pub article: Option<String>,
    /// `None`: take the current article's own sections from the feed.
    /// `Some(empty)`: no section filter.
    pub sections: Option<Vec<String>>,
    pub limit: usize,
    pub locked: LockedPolicy,
    /// A section chip the reader picked: only stories in it.
    pub chip: Option<String>,
    /// Leave out items whose headline was made from their text (`untitled="skip"`).
    pub skip_untitled: bool,
    pub rank: Rank,
    /// What the page says the current article is (its title and
    /// description), for when the feed has no item for it.
    pub context: Option<String>,
}

/// Closeness is compared in steps of this size: within one step, the newer
/// story comes first (measured over the tagged feeds, see BENCHMARKS.md).
const NEAR_TIE: f32 = 0.02;

/// A story as ranked, and why: for the feed checker.
#[derive(Debug, Clone, Copy)]
pub struct Scored<'f> {
    pub item: &'f Item,
    /// Wanted sections it shares.
    pub shared: usize,
    /// Its words' closeness to the current article's, 0 to 1.
    pub closeness: f32,
}

impl Scored<'_> {
    fn tie(&self) -> u32 {
        (self.closeness / NEAR_TIE) as u32
    }
}

/// The stories to show, best first.
pub fn select<'f>(feed: &'f Feed, query: &Query) -> Vec<&'f Item> {
    scored(feed, query).into_iter().map(|s| s.item).collect()
}

/// The stories to show, best first, each with its score.
pub fn scored<'f>(feed: &'f Feed, query: &Query) -> Vec<Scored<'f>> {
    let chip = query
        .chip
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let in_chip = |item: &Item| {
        chip.is_none_or(|c| {
            item.sections
                .iter()
                .any(|s| text::same_ignoring_case(s.trim(), c))
        })
    };
    let mut ranked: Vec<Scored> = candidates(feed, query)
        .into_iter()
        .filter(|s| in_chip(s.item))
        .collect();
    let order = by_rank(query.locked);

    // Ranking a long feed in full is wasted work for a short list: the heap
    // gives the best first and orders only as many as are taken.
    let mut best = Heap::new(&mut ranked, &order);
    let mut taken: Vec<(Scored, String)> = Vec::with_capacity(query.limit.min(64));
    while taken.len() < query.limit {
        let Some(scored) = best.pop() else { break };
        // Compared only against what is already taken (at most `limit`),
        // so no hash set is needed; a duplicate skipped here shadows nothing later.
        let link = url::normalize(&scored.item.url);
        if !taken
            .iter()
            .any(|(t, l)| t.item.id == scored.item.id || *l == link)
        {
            taken.push((scored, link));
        }
    }
    taken.into_iter().map(|(scored, _)| scored).collect()
}

/// Sections a reader can narrow the list to: those of the stories that pass
/// the widget's own filter, most frequent first, at most `max`.
pub fn chips<'f>(feed: &'f Feed, query: &Query, max: usize) -> Vec<String> {
    let order = by_rank(query.locked);
    // Where each section first appears in rank order is known from its
    // best-ranked story: ranking the whole feed to find it would be most of
    // the work on a long feed.
    let mut counts: Vec<Seen<'f>> = Vec::new();
    for story in candidates(feed, query) {
        for (place, section) in story.item.sections.iter().enumerate() {
            match counts
                .iter_mut()
                .find(|seen| text::same_ignoring_case(seen.spelled, section))
            {
                Some(seen) => {
                    seen.stories += 1;
                    if order(&story, &seen.first) == Ordering::Less {
                        (seen.spelled, seen.first, seen.place) = (section, story, place);
                    }
                }
                None => counts.push(Seen {
                    spelled: section,
                    stories: 1,
                    first: story,
                    place,
                }),
            }
        }
    }
    let earlier = |a: &Seen<'f>, b: &Seen<'f>| {
        order(&a.first, &b.first).then(a.place.cmp(&b.place)) == Ordering::Less
    };
    // Most frequent first; equally frequent ones in the order they first
    // appear. `max` is small: picking the next one each time is enough,
    // and spares the bundle a second sort.
    let mut offered = Vec::new();
    while offered.len() < max {
        let mut pick: Option<usize> = None;
        for (i, c) in counts.iter().enumerate() {
            let better =
                |p: &Seen<'f>| c.stories > p.stories || (c.stories == p.stories && earlier(c, p));
            if c.stories > 0 && pick.and_then(|p| counts.get(p)).is_none_or(better) {
                pick = Some(i);
            }
        }
        let Some(Seen {
            spelled, stories, ..
        }) = pick.and_then(|p| counts.get_mut(p))
        else {
            break;
        };
        *stories = 0;
        offered.push((*spelled).to_owned());
    }
    offered
}

/// A section on offer as a chip, as counted over the candidates.
struct Seen<'f> {
    /// As its best-ranked story spells it.
    spelled: &'f str,
    /// How many stories use it; 0 once offered.
    stories: usize,
    /// Its best-ranked story, and its place in that story's sections.
    first: Scored<'f>,
    place: usize,
}

/// Every story the query allows, with how many wanted sections it shares
/// and how close its words are to the current article's; unordered (see
/// [`by_rank`]), before de-duplication and limit.
fn candidates<'f>(feed: &'f Feed, query: &Query) -> Vec<Scored<'f>> {
    let article = query.article.as_deref().map(url::SamePage::new);
    let is_article = |item: &Item| article.as_ref().is_some_and(|a| a.matches(&item.url));
    let current = feed.items.iter().find(|item| is_article(item));

    let wanted: Vec<String> = match &query.sections {
        Some(sections) => sections
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        None => current
            .map(|item| item.sections.clone())
            .unwrap_or_default(),
    };
    // What the current article says: its own item's words, else the page's.
    let page_terms = match (query.rank, current) {
        (Rank::Related, None) => query.context.as_deref().map(|c| terms::of(c, &[])),
        _ => None,
    };
    let about = match query.rank {
        Rank::Newest => None,
        Rank::Related => current.map(|item| &item.terms).or(page_terms.as_ref()),
    };
    let stories = feed.items.len();
    let about = about
        .filter(|t| !t.is_empty())
        .map(|t| Weighed::new(t, &feed.frequencies, stories));

    feed.items
        .iter()
        .filter(|item| !(query.locked == LockedPolicy::Hide && item.locked))
        .filter(|item| !(query.skip_untitled && item.untitled))
        .filter(|item| !is_article(item))
        .map(|item| (shared_sections(item, &wanted), item))
        .filter(|&(shared, _)| wanted.is_empty() || shared > 0)
        .map(|(shared, item)| Scored {
            item,
            shared,
            closeness: about.as_ref().map_or(0.0, |a| {
                a.closeness(&item.terms, &feed.frequencies, stories)
            }),
        })
        .collect()
}

/// Rank order: more shared sections first, then closer words (in steps of
/// [`NEAR_TIE`]), then newer, then feed order; with `locked="last"`, every
/// free story before every locked one.
fn by_rank<'f>(locked: LockedPolicy) -> impl Fn(&Scored<'f>, &Scored<'f>) -> Ordering {
    move |a, b| {
        let locked_last = match locked {
            LockedPolicy::Last => a.item.locked.cmp(&b.item.locked),
            _ => Ordering::Equal,
        };
        locked_last
            .then(b.shared.cmp(&a.shared))
            .then(b.tie().cmp(&a.tie()))
            .then_with(|| newer_first(a.item.date, b.item.date))
            .then(a.item.index.cmp(&b.item.index))
    }
}

/// Section names compare case-insensitively; `wanted` is already trimmed.
fn shared_sections(item: &Item, wanted: &[String]) -> usize {
    item.sections
        .iter()
        .filter(|s| wanted.iter().any(|w| text::same_ignoring_case(s.trim(), w)))
        .count()
}

/// Dated stories before undated ones; among dated, newer first.
fn newer_first(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.total_cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn item(index: usize, sections: &[&str], date: Option<f64>, locked: bool) -> Item {
        Item {
            id: format!("id{index}"),
            url: format!("https://news.example/story/{index}/"),
            title: format!("Story {index}"),
            sections: sections.iter().map(|s| s.to_string()).collect(),
            date,
            locked,
            image: None,
            index,
            untitled: false,
            terms: Vec::new(),
        }
    }

    fn feed(items: Vec<Item>) -> Feed {
        Feed {
            items,
            ..Feed::default()
        }
    }

    fn query(sections: &[&str]) -> Query {
        Query {
            sections: Some(sections.iter().map(|s| s.to_string()).collect()),
            limit: 5,
            ..Query::default()
        }
    }

    fn indexes(items: &[&Item]) -> Vec<usize> {
        items.iter().map(|i| i.index).collect()
    }

    #[test]
    fn more_shared_sections_first_then_newer() {
        let f = feed(vec![
            item(0, &["Politics"], Some(5.0), false),
            item(1, &["Politics", "Security"], Some(1.0), false),
            item(2, &["Economy"], Some(9.0), false),
            item(3, &["security", "POLITICS"], Some(3.0), false),
            item(4, &["Security"], Some(7.0), false),
        ]);
        let got = select(&f, &query(&[" politics", "Security "]));
        assert_eq!(indexes(&got), [3, 1, 4, 0]);
    }

    #[test]
    fn duplicates_filling_the_front_of_a_long_feed_do_not_shorten_the_list() {
        // The 40 newest are one story under 40 ids: only the front of the
        // ranking is ordered at first, and it must reach past all of them.
        let mut items: Vec<Item> = (0..40)
            .map(|i| Item {
                url: "https://news.example/story/same/".into(),
                ..item(i, &["Politics"], Some(1000.0 - i as f64), false)
            })
            .collect();
        items.extend((40..200).map(|i| item(i, &["Politics"], Some(500.0 - i as f64), false)));
        let f = feed(items);
        let got = select(&f, &query(&["Politics"]));
        assert_eq!(indexes(&got), [0, 40, 41, 42, 43]);
    }

    #[test]
    fn undated_after_dated_then_feed_order() {
        let f = feed(vec![
            item(0, &[], None, false),
            item(1, &[], Some(1.0), false),
            item(2, &[], None, false),
        ]);
        assert_eq!(indexes(&select(&f, &query(&[]))), [1, 0, 2]);
    }

    #[test]
    fn the_current_article_is_never_listed() {
        let f = feed(vec![
            item(0, &["A"], Some(2.0), false),
            item(1, &["A"], Some(1.0), false),
        ]);
        let q = Query {
            article: Some("HTTPS://News.Example/story/0#top".into()),
            ..query(&["a"])
        };
        assert_eq!(indexes(&select(&f, &q)), [1]);
    }

    #[test]
    fn sections_default_to_the_current_articles_own() {
        let f = feed(vec![
            item(0, &["Society"], Some(9.0), false),
            item(1, &["Economy"], Some(8.0), false),
            item(2, &["society"], Some(7.0), false),
        ]);
        let q = Query {
            article: Some("https://news.example/story/0".into()),
            sections: None,
            ..query(&[])
        };
        assert_eq!(indexes(&select(&f, &q)), [2]);
        // An article the feed does not know: no filter.
        let unknown = Query {
            article: Some("https://elsewhere.example/".into()),
            sections: None,
            ..query(&[])
        };
        assert_eq!(indexes(&select(&f, &unknown)), [0, 1, 2]);
    }

    #[test]
    fn empty_sections_mean_no_filter() {
        let f = feed(vec![
            item(0, &["X"], None, false),
            item(1, &[], None, false),
        ]);
        assert_eq!(indexes(&select(&f, &query(&["", " "]))), [0, 1]);
    }

    #[test]
    fn locked_policies() {
        let f = feed(vec![
            item(0, &[], Some(4.0), true),
            item(1, &[], Some(3.0), false),
            item(2, &[], Some(2.0), true),
            item(3, &[], Some(1.0), false),
        ]);
        let with = |locked| Query {
            locked,
            ..query(&[])
        };
        assert_eq!(
            indexes(&select(&f, &with(LockedPolicy::Show))),
            [0, 1, 2, 3]
        );
        assert_eq!(indexes(&select(&f, &with(LockedPolicy::Hide))), [1, 3]);
        assert_eq!(
            indexes(&select(&f, &with(LockedPolicy::Last))),
            [1, 3, 0, 2]
        );
    }

    #[test]
    fn duplicates_by_id_or_url_are_shown_once() {
        let mut same_id = item(1, &[], Some(2.0), false);
        same_id.id = "id0".into();
        let mut same_url = item(2, &[], Some(1.0), false);
        same_url.url = "https://NEWS.example/story/0".into();
        let f = feed(vec![
            item(0, &[], Some(3.0), false),
            same_id,
            same_url,
            item(3, &[], None, false),
        ]);
        assert_eq!(indexes(&select(&f, &query(&[]))), [0, 3]);
    }

    #[test]
    fn chips_offer_the_candidates_sections_and_narrow_the_list() {
        let f = feed(vec![
            item(0, &["Politics", "Economy"], Some(5.0), false),
            item(1, &["politics"], Some(4.0), false),
            item(2, &["Economy"], Some(3.0), false),
            item(3, &["Sport"], Some(2.0), false),
            item(4, &["Society", "Politics"], Some(1.0), false),
        ]);
        let q = query(&["Politics", "Economy"]);
        assert_eq!(chips(&f, &q, 8), ["Politics", "Economy", "Society"]);
        assert_eq!(chips(&f, &q, 1), ["Politics"]);
        let economy = Query {
            chip: Some(" economy ".into()),
            ..q.clone()
        };
        assert_eq!(indexes(&select(&f, &economy)), [0, 2]);
        let none = Query {
            chip: Some("Weather".into()),
            ..q
        };
        assert!(select(&f, &none).is_empty());
    }

    #[test]
    fn limit_zero_shows_nothing() {
        let f = feed(vec![item(0, &[], None, false)]);
        assert!(select(
            &f,
            &Query {
                limit: 0,
                ..query(&[])
            }
        )
        .is_empty());
    }

    /// Tiny deterministic generator, so property-style cases need no extra crate.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n.max(1)
        }
    }

    fn random_feed(rng: &mut Rng) -> Feed {
        const SECTIONS: [&str; 5] = ["Politics", "Security", "Economy", "Society", "Sport"];
        let n = rng.next(40) as usize;
        let items = (0..n)
            .map(|i| {
                let mut tags: Vec<&str> = SECTIONS
                    .iter()
                    .copied()
                    .filter(|_| rng.next(3) == 0)
                    .collect();
                // The same section spelled another way.
                if rng.next(6) == 0 {
                    tags.push("POLITICS");
                }
                let date = (rng.next(4) != 0).then(|| rng.next(10) as f64);
                let mut it = item(i, &tags, date, rng.next(2) == 0);
                // Some duplicates by id and by URL.
                if rng.next(8) == 0 {
                    it.id = format!("id{}", rng.next(n as u64));
                }
                if rng.next(8) == 0 {
                    it.url = format!("https://news.example/story/{}", rng.next(n as u64));
                }
                it
            })
            .collect();
        feed(items)
    }

    #[test]
    fn properties_hold_for_random_feeds() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2_000 {
            let f = random_feed(&mut rng);
            let sections: Vec<String> = ["politics", "security", "economy"]
                .iter()
                .filter(|_| rng.next(2) == 0)
                .map(|s| s.to_string())
                .collect();
            let article = (!f.items.is_empty()).then(|| {
                format!(
                    "https://news.example/story/{}/",
                    rng.next(f.items.len() as u64)
                )
            });
            let locked =
                [LockedPolicy::Show, LockedPolicy::Hide, LockedPolicy::Last][rng.next(3) as usize];
            let q = Query {
                article: article.clone(),
                sections: Some(sections.clone()),
                limit: rng.next(8) as usize,
                locked,
                chip: None,
                skip_untitled: false,
                rank: if rng.next(2) == 0 {
                    Rank::Related
                } else {
                    Rank::Newest
                },
                context: None,
            };
            let got = select(&f, &q);

            assert!(got.len() <= q.limit);
            if let Some(a) = &article {
                assert!(got
                    .iter()
                    .all(|i| url::normalize(&i.url) != url::normalize(a)));
            }
            if !sections.is_empty() {
                assert!(got.iter().all(|i| shared_sections(i, &sections) > 0));
            }
            if locked == LockedPolicy::Hide {
                assert!(got.iter().all(|i| !i.locked));
            }
            if locked == LockedPolicy::Last {
                assert!(got.windows(2).all(|w| w[0].locked <= w[1].locked));
            }
            let ids: HashSet<_> = got.iter().map(|i| &i.id).collect();
            let urls: HashSet<_> = got.iter().map(|i| url::normalize(&i.url)).collect();
            assert_eq!(ids.len(), got.len());
            assert_eq!(urls.len(), got.len());
            // Ranking is stable: the same query gives the same answer, and a
            // larger limit extends the list without reordering it.
            assert_eq!(indexes(&select(&f, &q)), indexes(&got));
            let longer = select(
                &f,
                &Query {
                    limit: q.limit + 3,
                    ..q.clone()
                },
            );
            assert_eq!(indexes(&longer[..got.len()]), indexes(&got));
            assert_eq!(chips(&f, &q, 3), chips_by_ranking_everything(&f, &q, 3));
        }
    }

    /// What `chips` must give: sections counted over every candidate in
    /// rank order, the most used first, equal counts as they first appear.
    fn chips_by_ranking_everything(f: &Feed, q: &Query, max: usize) -> Vec<String> {
        let mut all = candidates(f, q);
        all.sort_by(by_rank(q.locked));
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for s in &all {
            for section in &s.item.sections {
                match counts
                    .iter_mut()
                    .find(|(c, _)| text::same_ignoring_case(c, section))
                {
                    Some((_, n)) => *n += 1,
                    None => counts.push((section, 1)),
                }
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        counts
            .iter()
            .take(max)
            .map(|(s, _)| s.to_string())
            .collect()
    }

    #[test]
    fn untitled_items_are_shown_unless_the_partner_skips_them() {
        let mut made_up = item(1, &["Politics"], Some(2.0), false);
        made_up.untitled = true;
        let f = feed(vec![made_up, item(2, &["Politics"], Some(1.0), false)]);
        let ids = |skip_untitled| {
            let q = Query {
                limit: 5,
                sections: Some(vec![]),
                skip_untitled,
                ..Query::default()
            };
            select(&f, &q).iter().map(|i| i.index).collect::<Vec<_>>()
        };
        assert_eq!(ids(false), [1, 2]);
        assert_eq!(ids(true), [2]);
    }

    fn story(index: usize, title: &str, text: &str, sections: &[&str], day: f64) -> Item {
        Item {
            terms: terms::of(title, &[text]),
            title: title.to_owned(),
            ..item(index, sections, Some(day * 86_400_000.0), false)
        }
    }

    fn ranked_feed() -> Feed {
        let items = vec![
            story(
                0,
                "Potash exports fall as sanctions bite",
                "Belaruskali potash shipments through Lithuania stopped",
                &["Economy"],
                10.0,
            ),
            story(
                1,
                "New football stadium opens in Minsk",
                "The stadium seats thirty thousand fans",
                &["Economy"],
                9.0,
            ),
            story(
                2,
                "Potash prices rise on the world market",
                "Fertiliser buyers look for potash elsewhere",
                &["Economy"],
                5.0,
            ),
            story(
                3,
                "Minsk budget for the stadium approved",
                "The city council approved the budget",
                &["Economy", "Politics"],
                3.0,
            ),
            story(
                4,
                "Lithuania keeps its sanctions on potash transit",
                "Klaipeda port closed to Belaruskali",
                &["Economy"],
                1.0,
            ),
        ];
        let mut f = feed(items);
        for item in &f.items {
            f.frequencies.add_story(&item.terms);
        }
        f
    }

    fn order(f: &Feed, query: Query) -> Vec<usize> {
        indexes(&select(f, &Query { limit: 10, ..query }))
    }

    #[test]
    fn related_ranks_by_what_stories_say_within_the_sections() {
        let f = ranked_feed();
        let about_potash = Query {
            article: Some(f.items[0].url.clone()),
            sections: Some(vec!["Economy".into()]),
            ..Query::default()
        };
        // The potash stories first, though the stadium ones are newer.
        assert_eq!(order(&f, about_potash.clone())[..2], [4, 2]);
        // Today's order, kept as it was: newest first.
        assert_eq!(
            order(
                &f,
                Query {
                    rank: Rank::Newest,
                    ..about_potash.clone()
                }
            ),
            [1, 2, 3, 4]
        );
        // More shared sections still come first: the budget story shares two.
        let two = Query {
            sections: Some(vec!["Economy".into(), "Politics".into()]),
            ..about_potash
        };
        assert_eq!(order(&f, two)[0], 3);
    }

    #[test]
    fn without_its_own_item_the_article_is_what_the_page_says() {
        let f = ranked_feed();
        let q = |context: Option<&str>| Query {
            article: Some("https://news.example/not-in-the-feed/".into()),
            sections: Some(vec![]),
            context: context.map(str::to_owned),
            ..Query::default()
        };
        assert_eq!(
            order(&f, q(Some("Stadium plans for Minsk football")))[..2],
            [1, 3]
        );
        let mut potash = order(&f, q(Some("Potash sanctions")))[..2].to_vec();
        potash.sort_unstable();
        assert_eq!(potash, [0, 4]);
        // Nothing to compare with: newest first.
        assert_eq!(order(&f, q(None)), [0, 1, 2, 3, 4]);
        let scored = scored(
            &f,
            &Query {
                limit: 5,
                ..q(Some("Potash sanctions"))
            },
        );
        assert!(scored[0].closeness > 0.0 && scored.iter().all(|s| s.closeness <= 1.0));
        assert!(
            scored.iter().any(|s| s.closeness == 0.0),
            "the stadium shares no word"
        );
    }
}
