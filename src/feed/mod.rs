//! JSON Feed 1.0 / 1.1 into the items a widget can show.
//!
//! Strict about safety, lenient about shape. Every field is read by a reader
//! that accepts any JSON type and keeps the value only when it makes sense, so a
//! wrong type drops one field (or one item), never the whole feed. Only a
//! document that is not a feed at all (HTML, broken JSON, no `items` array) is
//! an error.
//!
//! ```text
//! text -> parser (the document but its items; then item by item) -> Feed
//!           |- scan     where the items array is, without reading it
//!           |- readers  lenient serde readers, keys declared once
//!           |- json     the JSON reader they read through
//!           `- item     a raw item into an Item, or why it is skipped
//! model: Feed, Item        report: FeedError, Skipped, SkipReason, Note
//! ```

mod item;
mod json;
mod model;
mod parser;
mod readers;
mod report;
mod scan;
#[cfg(test)]
mod tests;

pub use model::{Feed, Item};
pub use parser::Parser;
pub use report::{FeedError, Note, SkipReason, Skipped};

/// Parses a feed fetched from `fetched_from` (the base for relative URLs when the
/// feed has no usable `feed_url`).
pub fn parse(text: &str, fetched_from: &str) -> Result<Feed, FeedError> {
    Parser::new(text, fetched_from)?.read_all()
}

/// The same feed as [`parse`], read in one pass without the quick scan: the
/// reference the sliced reader is tested and fuzzed against.
#[doc(hidden)]
pub fn parse_at_once(text: &str, fetched_from: &str) -> Result<Feed, FeedError> {
    Parser::whole(parser::body(text)?, fetched_from)?.read_all()
}

/// Items that repeat an earlier item's id. Only the feed checker asks: the
/// widget de-duplicates while selecting and need not pay for this pass.
pub fn duplicate_ids(feed: &Feed) -> Vec<Note> {
    let mut seen = std::collections::HashSet::new();
    feed.items
        .iter()
        .filter(|item| !seen.insert(item.id.as_str()))
        .map(|item| Note::DuplicateId {
            index: item.index,
            id: item.id.clone(),
        })
        .collect()
}
