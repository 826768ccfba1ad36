//! What the parser tells the publisher: why a document is not a feed, which
//! items were left out and why, and what is odd about a feed that still renders.

use std::fmt;

use super::json;
use crate::text;

/// An item left out, and why (for `console.warn` and the feed checker).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub index: usize,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    NotAnObject,
    /// No title, and no summary or content to make a headline from.
    NoTitle,
    NoLink,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SkipReason::NotAnObject => "not a JSON object",
            SkipReason::NoTitle => "no title",
            SkipReason::NoLink => "no usable http(s) link",
        })
    }
}

/// Something odd about a feed that still renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    UnknownVersion(String),
    NoVersion,
    NonRfc3339Date {
        index: usize,
        value: String,
    },
    MissingId {
        index: usize,
    },
    DuplicateId {
        index: usize,
        id: String,
    },
    RelativeUrlWithoutFeedUrl {
        index: usize,
    },
    /// No title: the headline shown is made from the item's text.
    MadeUpHeadline {
        index: usize,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::UnknownVersion(v) => write!(f, "unrecognised version {v:?}"),
            Note::NoVersion => f.write_str("no \"version\""),
            Note::NonRfc3339Date { index, value } => {
                write!(f, "item {index}: date {value:?} is not RFC 3339")
            }
            Note::MissingId { index } => {
                write!(f, "item {index}: no \"id\" (its url is used instead)")
            }
            Note::DuplicateId { index, id } => write!(f, "item {index}: duplicate id {id:?}"),
            Note::MadeUpHeadline { index } => {
                write!(
                    f,
                    "item {index}: no title (its headline is made from its summary or content)"
                )
            }
            Note::RelativeUrlWithoutFeedUrl { index } => {
                write!(f, "item {index}: relative url and no feed_url (resolved against where the feed was fetched)")
            }
        }
    }
}

/// Why a document is not a feed we can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedError {
    Html,
    Json(String),
    NotAFeed(&'static str),
}

impl FeedError {
    /// One sentence for the console, built without `format!`.
    pub fn describe(&self) -> String {
        match self {
            FeedError::Html => "the response is an HTML page, not a JSON feed".to_owned(),
            FeedError::Json(e) => ["the response is not valid JSON (", e, ")"].concat(),
            FeedError::NotAFeed(why) => ["the JSON is not a feed (", why, ")"].concat(),
        }
    }

    /// Where reading stopped, in words: the place, counted in `text`, is
    /// what a publisher needs to find the fault.
    pub(super) fn json(text: &str, e: json::Error) -> FeedError {
        let (line, column) = json::place(text, e);
        let what = if e.eof {
            "it ends too early"
        } else {
            "unexpected text"
        };
        FeedError::Json(
            [
                what,
                " at line ",
                &text::decimal(line as u64),
                ", column ",
                &text::decimal(column as u64),
            ]
            .concat(),
        )
    }
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}
