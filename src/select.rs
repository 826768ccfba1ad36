//! Which stories to show, in which order: filter, rank, de-duplicate, limit.

use std::cmp::Ordering;

use crate::feed::{Feed, Item};
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
}

/// The stories to show, best first.
pub fn select<'f>(feed: &'f Feed, query: &Query) -> Vec<&'f Item> {
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
    let mut ranked: Vec<(usize, &Item)> = candidates(feed, query)
        .into_iter()
        .filter(|(_, item)| in_chip(item))
        .collect();
    let order = by_rank(query.locked);

    // Ranking a long feed in full is wasted work for a short list: the heap
    // gives the best first and orders only as many as are taken.
    let mut best = Heap::new(&mut ranked, &order);
    let mut taken: Vec<(&Item, String)> = Vec::with_capacity(query.limit.min(64));
    while taken.len() < query.limit {
        let Some((_, item)) = best.pop() else { break };
        // Compared only against what is already taken (at most `limit`),
        // so no hash set is needed; a duplicate skipped here shadows nothing later.
        let link = url::normalize(&item.url);
        if !taken.iter().any(|(t, l)| t.id == item.id || *l == link) {
            taken.push((item, link));
        }
    }
    taken.into_iter().map(|(item, _)| item).collect()
}

/// Sections a reader can narrow the list to: those of the stories that pass
/// the widget's own filter, most frequent first, at most `max`.
pub fn chips(feed: &Feed, query: &Query, max: usize) -> Vec<String> {
    let mut ranked = candidates(feed, query);
    let order = by_rank(query.locked);
    let mut best = Heap::new(&mut ranked, &order);
    let mut counts: Vec<(&str, usize)> = Vec::new();
    while let Some((_, item)) = best.pop() {
        for section in &item.sections {
            match counts
                .iter_mut()
                .find(|(s, _)| text::same_ignoring_case(s, section))
            {
                Some((_, n)) => *n += 1,
                None => counts.push((section, 1)),
            }
        }
    }
    // Most frequent first; equally frequent ones in the order they first
    // appeared. `max` is small: picking the next one each time is enough,
    // and spares the bundle a second sort.
    let mut offered = Vec::new();
    while offered.len() < max {
        let mut pick: Option<usize> = None;
        for (i, &(_, n)) in counts.iter().enumerate() {
            if n > 0 && pick.and_then(|p| counts.get(p)).is_none_or(|&(_, m)| n > m) {
                pick = Some(i);
            }
        }
        let Some((section, n)) = pick.and_then(|p| counts.get_mut(p)) else {
            break;
        };
        *n = 0;
        offered.push((*section).to_owned());
    }
    offered
}

type Order<'o, T> = &'o dyn Fn(&T, &T) -> Ordering;

/// A binary heap over a slice, best (by `order`, `Less` first) on top: made
/// in linear time, each [`pop`](Heap::pop) costs a logarithm. Core's sorts
/// would bring three quicksort copies into the bundle; this is one small loop.
struct Heap<'a, 'o, T> {
    items: &'a mut [T],
    len: usize,
    order: Order<'o, T>,
}

impl<'a, 'o, T: Copy> Heap<'a, 'o, T> {
    fn new(items: &'a mut [T], order: Order<'o, T>) -> Self {
        let len = items.len();
        let mut heap = Heap { items, len, order };
        for i in (0..len / 2).rev() {
            heap.sift_down(i);
        }
        heap
    }

    fn pop(&mut self) -> Option<T> {
        let top = *self.items.first()?;
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        self.items.swap(0, self.len);
        self.sift_down(0);
        Some(top)
    }

    fn sift_down(&mut self, mut i: usize) {
        loop {
            let mut best = i;
            for child in [2 * i + 1, 2 * i + 2] {
                if child < self.len && self.first(child, best) {
                    best = child;
                }
            }
            if best == i {
                return;
            }
            self.items.swap(i, best);
            i = best;
        }
    }

    /// Whether the item at `a` comes before the one at `b`.
    fn first(&self, a: usize, b: usize) -> bool {
        match (self.items.get(a), self.items.get(b)) {
            (Some(a), Some(b)) => (self.order)(a, b) == Ordering::Less,
            _ => false,
        }
    }
}

/// Every story the query allows, with how many wanted sections it shares;
/// unordered (see [`by_rank`]), before de-duplication and limit.
fn candidates<'f>(feed: &'f Feed, query: &Query) -> Vec<(usize, &'f Item)> {
    let article = query.article.as_deref().map(url::SamePage::new);
    let is_article = |item: &Item| article.as_ref().is_some_and(|a| a.matches(&item.url));

    let wanted: Vec<String> = match &query.sections {
        Some(sections) => sections
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        None => feed
            .items
            .iter()
            .find(|item| is_article(item))
            .map(|item| item.sections.clone())
            .unwrap_or_default(),
    };

    feed.items
        .iter()
        .filter(|item| !(query.locked == LockedPolicy::Hide && item.locked))
        .filter(|item| !(query.skip_untitled && item.untitled))
        .map(|item| (shared_sections(item, &wanted), item))
        .filter(|&(shared, _)| wanted.is_empty() || shared > 0)
        .filter(|(_, item)| !is_article(item))
        .collect()
}

/// Rank order: more shared sections first, then newer, then feed order;
/// with `locked="last"`, every free story before every locked one.
fn by_rank<'f>(
    locked: LockedPolicy,
) -> impl Fn(&(usize, &'f Item), &(usize, &'f Item)) -> Ordering {
    move |(shared_a, a), (shared_b, b)| {
        let locked_last = match locked {
            LockedPolicy::Last => a.locked.cmp(&b.locked),
            _ => Ordering::Equal,
        };
        locked_last
            .then(shared_b.cmp(shared_a))
            .then_with(|| newer_first(a.date, b.date))
            .then(a.index.cmp(&b.index))
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
                let tags: Vec<&str> = SECTIONS
                    .iter()
                    .copied()
                    .filter(|_| rng.next(3) == 0)
                    .collect();
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
        }
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
}
