//! The sliced parser: a document read except its items, then the items one
//! at a time as the caller asks for them.

use super::item;
use super::json;
use super::model::Feed;
use super::readers::{Document, MaybeItem, RawItem};
use super::report::{FeedError, Note, SkipReason, Skipped};
use super::scan::{items_span, skip_ws};
use crate::text::{self, MAX_SECTION_CHARS, MAX_TITLE_CHARS};
use crate::url;

/// The document without a leading byte-order mark or blank space; an HTML
/// page (an error page, a login wall) is refused before any JSON is read.
pub fn body(text: &str) -> Result<&str, FeedError> {
    let body = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if body.starts_with('<') {
        return Err(FeedError::Html);
    }
    Ok(body)
}

/// A feed parsed in slices. A large feed's items are read one at a time as
/// [`step`](Parser::step) asks for them, so a caller on the browser's main
/// thread can take a few hundred at a time and yield in between: no single
/// step scans the whole document.
pub struct Parser<'t> {
    feed: Feed,
    base: String,
    /// No usable `feed_url`: relative links resolve against where the feed was fetched.
    guessed_base: bool,
    pending: Pending<'t>,
    /// Position of the next item in the feed's `items` array.
    index: usize,
    fetched_from: String,
}

enum Pending<'t> {
    /// Items already read along with the rest of the document.
    Read(std::vec::IntoIter<Option<RawItem>>),
    /// Items still in the text: the next one starts at or after `at`, inside
    /// the `items` array.
    Unread {
        text: &'t str,
        at: usize,
    },
    Done,
}

impl<'t> Parser<'t> {
    /// Reads the document except its items; fails if it is not a feed at all.
    pub fn new(text: &'t str, fetched_from: &str) -> Result<Parser<'t>, FeedError> {
        let body = body(text)?;
        // Everything but the items, read at once: the items array's place
        // is found by a quick scan and read later, item by item. A document
        // the scan does not understand is read whole, which also gives a
        // broken one its exact error.
        let outline = items_span(body).and_then(|span| {
            let (before, after) = (body.get(..span.start)?, body.get(span.end..)?);
            let doc = json::from_str::<Document>(&[before, "[]", after].concat()).ok()?;
            Some((doc, span.start + 1))
        });
        match outline {
            Some((doc, at)) => {
                let pending = Pending::Unread { text: body, at };
                Parser::from_document(doc, pending, fetched_from)
            }
            None => Parser::whole(body, fetched_from),
        }
    }

    pub(super) fn whole(body: &str, fetched_from: &str) -> Result<Parser<'t>, FeedError> {
        let doc: Document = json::from_str(body).map_err(|e| FeedError::json(body, e))?;
        Parser::from_document(doc, Pending::Done, fetched_from)
    }

    fn from_document(
        doc: Document,
        pending: Pending<'t>,
        fetched_from: &str,
    ) -> Result<Parser<'t>, FeedError> {
        let raw = doc
            .0
            .ok_or(FeedError::NotAFeed("the top level is not an object"))?;
        let raw_items = raw
            .items
            .ok_or(FeedError::NotAFeed("it has no \"items\" array"))?;
        let pending = match pending {
            Pending::Done => Pending::Read(raw_items.into_iter()),
            lazy => lazy,
        };
        let mut notes = Vec::new();
        match raw.version.as_deref().map(str::trim) {
            None => notes.push(Note::NoVersion),
            Some(v) if !known_version(v) => notes.push(Note::UnknownVersion(v.to_owned())),
            Some(_) => {}
        }
        let declared_base = raw
            .feed_url
            .as_deref()
            .and_then(|f| url::resolve(fetched_from, f));
        let guessed_base = declared_base.is_none();
        let base = declared_base.unwrap_or_else(|| fetched_from.to_owned());
        let feed = Feed {
            title: raw
                .title
                .map(|t| text::clean(&t, MAX_TITLE_CHARS))
                .unwrap_or_default(),
            tier_label: raw
                .tier_label
                .map(|l| text::clean(&l, MAX_SECTION_CHARS))
                .filter(|l| !l.is_empty()),
            notes,
            ..Feed::default()
        };
        Ok(Parser {
            feed,
            base,
            guessed_base,
            pending,
            index: 0,
            fetched_from: fetched_from.to_owned(),
        })
    }

    /// Builds up to `count` more items; `Ok(false)` once every item is done.
    /// An item that is not valid JSON fails the whole feed, as it would have
    /// had the document been read at once.
    pub fn step(&mut self, count: usize) -> Result<bool, FeedError> {
        for _ in 0..count {
            let raw_item = match self.next_raw() {
                Next::Item(raw_item) => raw_item,
                Next::End => {
                    self.pending = Pending::Done;
                    return Ok(false);
                }
                Next::Broken => {
                    // Start again from the whole text: the exact error, or
                    // (should the scan have misjudged) the right items.
                    let Pending::Unread { text, .. } =
                        std::mem::replace(&mut self.pending, Pending::Done)
                    else {
                        return Ok(false);
                    };
                    *self = Parser::whole(text, &self.fetched_from)?;
                    continue;
                }
            };
            let index = self.index;
            self.index += 1;
            let outcome = match raw_item {
                Some(raw_item) => {
                    let relative = || {
                        raw_item
                            .url
                            .as_deref()
                            .is_some_and(|u| !u.trim().is_empty() && !url::is_http(u))
                    };
                    if self.guessed_base && relative() {
                        self.feed
                            .notes
                            .push(Note::RelativeUrlWithoutFeedUrl { index });
                    }
                    item::build(raw_item, index, &self.base, &mut self.feed.notes)
                }
                None => Err(SkipReason::NotAnObject),
            };
            match outcome {
                Ok(it) => {
                    self.feed.frequencies.add_story(&it.terms);
                    self.feed.items.push(it);
                }
                Err(reason) => self.feed.skipped.push(Skipped { index, reason }),
            }
        }
        Ok(match &self.pending {
            Pending::Read(items) => items.len() > 0,
            Pending::Unread { text, at } => {
                let b = text.as_bytes();
                b.get(skip_ws(b, *at)) != Some(&b']')
            }
            Pending::Done => false,
        })
    }

    fn next_raw(&mut self) -> Next {
        match &mut self.pending {
            Pending::Read(items) => items.next().map_or(Next::End, Next::Item),
            Pending::Unread { text, at } => {
                let b = text.as_bytes();
                let mut start = skip_ws(b, *at);
                match b.get(start) {
                    Some(b']') => return Next::End,
                    Some(b',') if self.index > 0 => start = skip_ws(b, start + 1),
                    _ if self.index > 0 => return Next::Broken,
                    _ => {}
                }
                // Reads one value and stops before what follows it.
                match json::one_at::<MaybeItem>(text, start) {
                    Ok((MaybeItem(item), end)) => {
                        *at = end;
                        Next::Item(item)
                    }
                    Err(_) => Next::Broken,
                }
            }
            Pending::Done => Next::End,
        }
    }

    pub fn finish(self) -> Feed {
        self.feed
    }

    /// Whether the items are still in the text, to be read as asked for.
    #[cfg(test)]
    pub(super) fn reads_in_slices(&self) -> bool {
        matches!(self.pending, Pending::Unread { .. })
    }

    pub(super) fn read_all(mut self) -> Result<Feed, FeedError> {
        while self.step(usize::MAX)? {}
        Ok(self.finish())
    }
}

// Returned, matched and gone at once: boxing the item would cost an allocation each.
#[allow(clippy::large_enum_variant)]
enum Next {
    Item(Option<RawItem>),
    End,
    Broken,
}

/// `https://jsonfeed.org/version/1.1`, its http and trailing-slash forms, and
/// the bare numbers some generators write.
pub(super) fn known_version(v: &str) -> bool {
    let v = v.trim_end_matches('/');
    let bare = v
        .strip_prefix("https://jsonfeed.org/version/")
        .or_else(|| v.strip_prefix("http://jsonfeed.org/version/"))
        .unwrap_or(v);
    matches!(bare, "1" | "1.0" | "1.1")
}
