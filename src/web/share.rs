//! One fetch and one parse per feed URL for the whole page.
//!
//! Ten widgets on a page usually name the same feed; they share the request
//! while it is in flight and the parsed feed after. A failure is reported to
//! everyone waiting, warned about once, and forgotten, so a later widget (or
//! `refresh`) tries again.

use std::cell::RefCell;
use std::sync::Arc;

use super::console::warn;
use super::schedule::{yield_now, Slices};
use super::{fetch, saved};
use crate::feed::{self, Feed};
use crate::text::decimal;

pub type Outcome = Result<Arc<Feed>, Arc<str>>;
type Waiter = Box<dyn FnOnce(Outcome)>;

enum Entry {
    Loading(Vec<Waiter>),
    Ready(Arc<Feed>),
}

thread_local! {
    // A page has a handful of feeds at most: a list beats a hash map here.
    static FEEDS: RefCell<Vec<(String, Entry)>> = const { RefCell::new(Vec::new()) };
}

/// Calls `done` with the feed at `url`, fetching it only if no widget has yet.
/// With `fresh`, a feed already loaded is fetched again.
pub fn load(url: &str, fresh: bool, done: Waiter) {
    let mut done = Some(done);
    let ready = FEEDS.with_borrow_mut(|feeds| {
        let entry = feeds.iter_mut().find(|(u, _)| u == url).map(|(_, e)| e);
        match entry {
            Some(Entry::Ready(feed)) if !fresh => return Some(feed.clone()),
            Some(Entry::Loading(waiters)) => waiters.extend(done.take()),
            _ => {
                feeds.retain(|(u, _)| u != url);
                let waiters = done.take().into_iter().collect();
                feeds.push((url.to_owned(), Entry::Loading(waiters)));
                wasm_bindgen_futures::spawn_local(run(url.to_owned(), fresh));
            }
        }
        None
    });
    // Called outside the borrow: `done` may well ask for another feed.
    if let (Some(feed), Some(done)) = (ready, done) {
        done(Ok(feed));
    }
}

/// Fetches and parses `url`, falling back on the saved copy, then tells
/// every widget waiting for it, each in a task of its own.
async fn run(url: String, fresh: bool) {
    // The widget's mount (its shadow root and stylesheet, first calls
    // compiled) is one task already; the request starts in the next.
    yield_now().await;
    let (outcome, keep) = match fetch::text(&url, fresh).await {
        Ok(text) => match parse(&text, &url).await {
            Ok(feed) => {
                let keep = !feed.items.is_empty();
                (Ok(Arc::new(feed)), keep.then_some(text))
            }
            Err(reason) => (stand_in(&url, reason).await, None),
        },
        Err(reason) => (stand_in(&url, reason).await, None),
    };
    let waiters = FEEDS.with_borrow_mut(|feeds| {
        let i = feeds.iter().position(|(u, _)| *u == url)?;
        let entry = match &outcome {
            Ok(feed) => std::mem::replace(&mut feeds.get_mut(i)?.1, Entry::Ready(feed.clone())),
            Err(_) => feeds.swap_remove(i).1,
        };
        match entry {
            Entry::Loading(waiters) => Some(waiters),
            Entry::Ready(_) => None,
        }
    });
    if let Err(reason) = &outcome {
        warn(&[reason]);
    }
    // Ten widgets are ten short tasks, not one long one.
    for done in waiters.into_iter().flatten() {
        yield_now().await;
        done(outcome.clone());
    }
    // Saved once every widget has rendered: writing storage takes a while,
    // and readers wait for the list, not for it.
    if let Some(text) = keep {
        yield_now().await;
        saved::keep(&url, &text);
    }
}

/// Stale-while-error: the copy saved earlier in the session, if any, with
/// one warning saying so; else the failure.
async fn stand_in(url: &str, reason: String) -> Outcome {
    if let Some((text, age_ms)) = saved::take(url) {
        if let Ok(feed) = parse(&text, url).await {
            if !feed.items.is_empty() {
                let minutes = decimal((age_ms / 60_000.0).round() as u64);
                warn(&[&reason, "; showing the copy saved ", &minutes, " min ago"]);
                return Ok(Arc::new(feed));
            }
        }
        saved::forget(url);
    }
    Err(Arc::from(reason.as_str()))
}

/// Parses in slices, yielding to the browser between them.
async fn parse(text: &str, url: &str) -> Result<Feed, String> {
    let failed = |e: feed::FeedError| [url, ": ", &e.describe()].concat();
    // Reading the body was work of its own; the parse starts a new task.
    yield_now().await;
    // Reading the document around its items (a scan of the whole text)
    // is a slice of its own on a long feed: the items wait for the next.
    let mut slices = Slices::start();
    let mut parser = feed::Parser::new(text, url).map_err(failed)?;
    loop {
        slices.pause().await;
        if !parser.step(64).map_err(failed)? {
            break;
        }
    }
    let feed = parser.finish();
    if feed.items.is_empty() && !feed.skipped.is_empty() {
        warn(&[url, ": no item has both a title and an http(s) link"]);
    }
    Ok(feed)
}
