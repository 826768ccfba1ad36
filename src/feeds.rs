//! One fetch and one parse per feed URL for the whole page.
//!
//! Ten widgets on a page usually name the same feed; they share the request
//! while it is in flight and the parsed feed after. A failure is reported to
//! everyone waiting, warned about once, and forgotten, so a later widget (or
//! `refresh`) tries again.

use std::cell::RefCell;
use std::sync::Arc;

use wasm_bindgen::JsCast;

use crate::cache;
use crate::feed::{self, Feed};
use crate::fetch;

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
pub fn load(url: &str, fresh: bool, done: impl FnOnce(Outcome) + 'static) {
    let mut done: Option<Waiter> = Some(Box::new(done));
    let ready = FEEDS.with_borrow_mut(|feeds| {
        match feeds
            .iter_mut()
            .find(|(u, _)| u == url)
            .map(|(_, entry)| entry)
        {
            Some(Entry::Ready(feed)) if !fresh => return Some(Ok(feed.clone())),
            Some(Entry::Loading(waiters)) => waiters.extend(done.take()),
            _ => {
                feeds.retain(|(u, _)| u != url);
                feeds.push((
                    url.to_owned(),
                    Entry::Loading(done.take().into_iter().collect()),
                ));
                let url = url.to_owned();
                wasm_bindgen_futures::spawn_local(async move {
                    let (outcome, keep) = fetch_and_parse(&url, fresh).await;
                    settle(&url, outcome).await;
                    // Saved once every widget has rendered: writing storage
                    // takes a while, and readers wait for the list, not for it.
                    if let Some(text) = keep {
                        yield_to_browser().await;
                        remember(&url, &text);
                    }
                });
            }
        }
        None
    });
    // Called outside the borrow: `done` may well ask for another feed.
    if let (Some(outcome), Some(done)) = (ready, done) {
        done(outcome);
    }
}

/// How long one slice of item building may hold the main thread, in ms. Well
/// under the 50 ms at which browsers call a task long and input feels late.
pub const SLICE_MS: f64 = 8.0;

/// The feed, and its text when it is worth saving for a later failure.
async fn fetch_and_parse(url: &str, fresh: bool) -> (Outcome, Option<String>) {
    let fetched = match fetch::text(url, fresh).await {
        Ok(text) => parse(&text, url).await.map(|feed| (feed, text)),
        Err(reason) => Err(reason),
    };
    let reason = match fetched {
        Ok((feed, text)) => {
            let keep = (!feed.items.is_empty()).then_some(text);
            return (Ok(Arc::new(feed)), keep);
        }
        Err(reason) => reason,
    };
    // Stale-while-error: the reader still gets stories, the partner one warning.
    if let Some((feed, age_ms)) = saved(url).await {
        let minutes = (age_ms / 60_000.0).round() as u64;
        crate::element::warn(&format!(
            "{reason}; showing the copy saved {minutes} min ago"
        ));
        return (Ok(Arc::new(feed)), None);
    }
    (Err(Arc::from(reason.as_str())), None)
}

/// Parses in slices, yielding to the browser between them.
async fn parse(text: &str, url: &str) -> Result<Feed, String> {
    // Reading the body was work of its own; the parse starts a new task.
    yield_to_browser().await;
    let mut parser = feed::Parser::new(text, url).map_err(|e| format!("{url}: {e}"))?;
    let mut started = js_sys::Date::now();
    while parser.step(64).map_err(|e| format!("{url}: {e}"))? {
        if js_sys::Date::now() - started > SLICE_MS {
            yield_to_browser().await;
            started = js_sys::Date::now();
        }
    }
    let feed = parser.finish();
    if feed.items.is_empty() && !feed.skipped.is_empty() {
        crate::element::warn(&format!(
            "{url}: no item has both a title and an http(s) link"
        ));
    }
    Ok(feed)
}

fn session() -> Option<web_sys::Storage> {
    // Storage can be switched off or forbidden (sandboxed frames): then we simply keep nothing.
    web_sys::window()?.session_storage().ok().flatten()
}

fn remember(url: &str, text: &str) {
    if let (Some(storage), Some(entry)) = (session(), cache::entry(js_sys::Date::now(), text)) {
        // A full storage is the host page's business, not an error of ours.
        let _ = storage.set_item(&cache::key(url), &entry);
    }
}

async fn saved(url: &str) -> Option<(Feed, f64)> {
    let storage = session()?;
    let key = cache::key(url);
    let entry = storage.get_item(&key).ok().flatten()?;
    let parsed = cache::read(&entry, js_sys::Date::now()).map(|(text, age)| (text.to_owned(), age));
    let Some((text, age)) = parsed else {
        let _ = storage.remove_item(&key);
        return None;
    };
    match parse(&text, url).await {
        Ok(feed) if !feed.items.is_empty() => Some((feed, age)),
        _ => {
            let _ = storage.remove_item(&key);
            None
        }
    }
}

async fn settle(url: &str, outcome: Outcome) {
    let waiters = FEEDS.with_borrow_mut(|feeds| {
        let i = feeds.iter().position(|(u, _)| u == url)?;
        let (_, waiters) = match &outcome {
            Ok(feed) => {
                let entry = &mut feeds.get_mut(i)?.1;
                (url, std::mem::replace(entry, Entry::Ready(feed.clone())))
            }
            Err(_) => {
                let (_, entry) = feeds.swap_remove(i);
                (url, entry)
            }
        };
        match waiters {
            Entry::Loading(waiters) => Some(waiters),
            Entry::Ready(_) => None,
        }
    });
    if let Err(reason) = &outcome {
        crate::element::warn(reason);
    }
    // Each widget renders in a task of its own, the first after the parse's
    // last slice: ten widgets are ten short tasks, not one long one.
    for done in waiters.into_iter().flatten() {
        yield_to_browser().await;
        done(outcome.clone());
    }
}

/// Lets the browser handle input, and now and then paint, before the next
/// slice of work. `scheduler.yield()` (where it exists) keeps our place in
/// the queue, but its continuations outrank rendering: back to back they
/// hold a frame for up to 100 ms. So after [`FRAME_MS`] of slices without a
/// painted frame, wait for one.
pub async fn yield_to_browser() {
    let now = js_sys::Date::now();
    if now - LAST_FRAME.get() > FRAME_MS {
        next_frame().await;
        LAST_FRAME.set(js_sys::Date::now());
        return;
    }
    let global = js_sys::global();
    let scheduler = js_sys::Reflect::get(&global, &"scheduler".into()).unwrap_or_default();
    let yield_fn = js_sys::Reflect::get(&scheduler, &"yield".into()).unwrap_or_default();
    let promise = match yield_fn
        .dyn_ref::<js_sys::Function>()
        .map(|f| f.call0(&scheduler))
    {
        Some(Ok(promise)) => js_sys::Promise::resolve(&promise),
        _ => js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        }),
    };
    // A rejected yield only means we go on without having yielded.
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Work between painted frames, in ms: well under the 50 ms at which a frame
/// counts as long.
const FRAME_MS: f64 = 30.0;

thread_local! {
    static LAST_FRAME: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Resolves once the next frame has been painted (a task queued from
/// `requestAnimationFrame` runs after it), or after 50 ms where no frame
/// comes: a hidden tab paints none, and the work must still finish.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
        let after_paint = {
            let window = window.clone();
            wasm_bindgen::closure::Closure::once_into_js(move || {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            })
        };
        let _ = window.request_animation_frame(after_paint.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
