//! What a feed is reduced to: the few fields the widget shows.

use super::report::{Note, Skipped};
use crate::terms::{Frequencies, Terms};

/// At most this many sections are kept per item; more is noise, or an attack.
pub const MAX_SECTIONS: usize = 20;

/// A feed reduced to what the widget shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Feed {
    pub title: String,
    /// First `label` of the top-level Open Membership `_om.tiers`.
    pub tier_label: Option<String>,
    pub items: Vec<Item>,
    pub skipped: Vec<Skipped>,
    pub notes: Vec<Note>,
    /// How many items use each term: what makes a shared word telling.
    pub frequencies: Frequencies,
}

/// One story that can be shown: it has a title and an http(s) link.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub url: String,
    pub title: String,
    /// Section labels as the feed writes them (its `tags`), cleaned.
    pub sections: Vec<String>,
    /// `date_published`, else `date_modified`, in ms since the epoch.
    pub date: Option<f64>,
    /// Open Membership `access` is `locked` or `members-only`.
    pub locked: bool,
    pub image: Option<String>,
    /// Position in the feed, for stable ordering.
    pub index: usize,
    /// The item had no title: `title` was made from its summary or content.
    pub untitled: bool,
    /// What it is about: the terms of its title, summary and first words.
    pub terms: Terms,
}
