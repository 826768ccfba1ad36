//! JSON Feed 1.0 / 1.1 into the items a widget can show.
//!
//! Strict about safety, lenient about shape. Every field is read by a visitor
//! that accepts any JSON type and keeps the value only when it makes sense, so a
//! wrong type drops one field (or one item), never the whole feed. Only a
//! document that is not a feed at all (HTML, broken JSON, no `items` array) is
//! an error.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::text::{self, MAX_SECTION_CHARS, MAX_TITLE_CHARS};
use crate::{date, url};

/// At most this many sections are kept per item; more is noise, or an attack.
const MAX_SECTIONS: usize = 20;

/// A feed reduced to what the widget shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Feed {
    pub title: String,
    /// First `label` of the top-level Open Membership `_om.tiers`.
    pub tier_label: Option<String>,
    pub language: Option<String>,
    pub items: Vec<Item>,
    pub skipped: Vec<Skipped>,
    pub notes: Vec<Note>,
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
}

/// An item left out, and why (for `console.warn` and the feed checker).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub index: usize,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    NotAnObject,
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
    NonRfc3339Date { index: usize, value: String },
    MissingId { index: usize },
    DuplicateId { index: usize, id: String },
    RelativeUrlWithoutFeedUrl { index: usize },
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
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Where serde_json stopped, in words: its own message would bring in core's
/// formatting machinery.
fn json_error(e: &serde_json::Error) -> FeedError {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "it ends too early",
        _ => "unexpected text",
    };
    FeedError::Json(
        [
            what,
            " at line ",
            &text::decimal(e.line() as u64),
            ", column ",
            &text::decimal(e.column() as u64),
        ]
        .concat(),
    )
}

/// Parses a feed fetched from `fetched_from` (the base for relative URLs when the
/// feed has no usable `feed_url`).
pub fn parse(text: &str, fetched_from: &str) -> Result<Feed, FeedError> {
    Parser::new(text, fetched_from)?.read_all()
}

/// The same feed as [`parse`], read in one pass without the quick scan: the
/// reference the sliced reader is tested and fuzzed against.
#[doc(hidden)]
pub fn parse_at_once(text: &str, fetched_from: &str) -> Result<Feed, FeedError> {
    Parser::whole(body(text)?, fetched_from)?.read_all()
}

/// The document without a leading byte-order mark or blank space; an HTML
/// page (an error page, a login wall) is refused before any JSON is read.
fn body(text: &str) -> Result<&str, FeedError> {
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
pub struct Parser {
    feed: Feed,
    base: String,
    /// No usable `feed_url`: relative links resolve against where the feed was fetched.
    guessed_base: bool,
    pending: Pending,
    /// Position of the next item in the feed's `items` array.
    index: usize,
    fetched_from: String,
}

enum Pending {
    /// Items already read along with the rest of the document.
    Read(std::vec::IntoIter<Option<RawItem>>),
    /// Items still in the text: the next one starts at or after `at`, inside
    /// the `items` array.
    Unread {
        text: String,
        at: usize,
    },
    Done,
}

impl Parser {
    /// Reads the document except its items; fails if it is not a feed at all.
    pub fn new(text: &str, fetched_from: &str) -> Result<Parser, FeedError> {
        let body = body(text)?;
        // Everything but the items, read at once: the items array's place
        // is found by a quick scan and read later, item by item. A document
        // the scan does not understand is read whole, which also gives a
        // broken one its exact error.
        let outline = items_span(body).and_then(|span| {
            let (before, after) = (body.get(..span.start)?, body.get(span.end..)?);
            let doc = serde_json::from_str::<Document>(&[before, "[]", after].concat()).ok()?;
            Some((doc, span.start + 1))
        });
        match outline {
            Some((doc, at)) => {
                let pending = Pending::Unread {
                    text: body.to_owned(),
                    at,
                };
                Parser::from_document(doc, pending, fetched_from)
            }
            None => Parser::whole(body, fetched_from),
        }
    }

    fn whole(body: &str, fetched_from: &str) -> Result<Parser, FeedError> {
        let doc: Document = serde_json::from_str(body).map_err(|e| json_error(&e))?;
        Parser::from_document(doc, Pending::Done, fetched_from)
    }

    fn from_document(
        doc: Document,
        pending: Pending,
        fetched_from: &str,
    ) -> Result<Parser, FeedError> {
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
                .om
                .tier_label
                .map(|l| text::clean(&l, MAX_SECTION_CHARS))
                .filter(|l| !l.is_empty()),
            language: raw.language.filter(|l| !l.trim().is_empty()),
            items: Vec::new(),
            skipped: Vec::new(),
            notes,
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
                    *self = Parser::whole(&text, &self.fetched_from)?;
                    continue;
                }
            };
            let index = self.index;
            self.index += 1;
            let outcome = match raw_item {
                Some(raw_item) => {
                    let relative = raw_item
                        .url
                        .as_deref()
                        .is_some_and(|u| !u.trim().is_empty() && !url::is_http(u));
                    if relative && self.guessed_base {
                        self.feed
                            .notes
                            .push(Note::RelativeUrlWithoutFeedUrl { index });
                    }
                    item(raw_item, index, &self.base, &mut self.feed.notes)
                }
                None => Err(SkipReason::NotAnObject),
            };
            match outcome {
                Ok(it) => self.feed.items.push(it),
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
                let mut one = serde_json::Deserializer::from_str(text.get(start..).unwrap_or(""))
                    .into_iter::<MaybeItem>();
                match one.next() {
                    Some(Ok(MaybeItem(item))) => {
                        *at = start + one.byte_offset();
                        Next::Item(item)
                    }
                    _ => Next::Broken,
                }
            }
            Pending::Done => Next::End,
        }
    }

    pub fn finish(self) -> Feed {
        self.feed
    }

    fn read_all(mut self) -> Result<Feed, FeedError> {
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

// ---- Finding the items without reading them ------------------------------
// Only brackets and strings are tracked; serde_json still reads every byte
// that becomes data, and refuses what is not JSON.

/// Where the top-level `"items": [...]` array is, when the document is an
/// object with exactly one such key spelled plainly.
fn items_span(body: &str) -> Option<std::ops::Range<usize>> {
    let b = body.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    let mut found = None;
    loop {
        i = skip_ws(b, i);
        match b.get(i)? {
            b'}' => return found,
            b'"' => {}
            _ => return None,
        }
        let key_end = skip_string(b, i)?;
        let key = b.get(i + 1..key_end - 1)?;
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(b, i + 1);
        let value_end = skip_value(b, i)?;
        if key.contains(&b'\\') {
            return None; // an escaped key might spell "items" too
        }
        if key == b"items" {
            if found.is_some() || b.get(i) != Some(&b'[') {
                return None;
            }
            found = Some(i..value_end);
        }
        i = skip_ws(b, value_end);
        match b.get(i)? {
            b',' => i += 1,
            b'}' => return found,
            _ => return None,
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        i += 1;
    }
    i
}

/// `b[i]` is an opening quote; returns the index after the closing one.
fn skip_string(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        match b.get(j)? {
            b'"' => return Some(j + 1),
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
}

/// The end of the value starting at `b[i]`: after its closing bracket, or at
/// the comma or bracket that ends a bare number, `true`, `false` or `null`.
fn skip_value(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match b.get(i)? {
            b'"' => {
                i = skip_string(b, i)?;
                if depth == 0 {
                    return Some(i);
                }
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                if depth <= 1 {
                    return Some(if depth == 0 { i } else { i + 1 });
                }
                depth -= 1;
            }
            b',' if depth == 0 => return Some(i),
            _ => {}
        }
        i += 1;
    }
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

/// `https://jsonfeed.org/version/1.1`, its http and trailing-slash forms, and
/// the bare numbers some generators write.
fn known_version(v: &str) -> bool {
    let v = v.trim_end_matches('/');
    let bare = v
        .strip_prefix("https://jsonfeed.org/version/")
        .or_else(|| v.strip_prefix("http://jsonfeed.org/version/"))
        .unwrap_or(v);
    matches!(bare, "1" | "1.0" | "1.1")
}

fn item(raw: RawItem, index: usize, base: &str, notes: &mut Vec<Note>) -> Result<Item, SkipReason> {
    let title = raw
        .title
        .map(|t| text::clean(&t, MAX_TITLE_CHARS))
        .unwrap_or_default();
    if title.is_empty() {
        return Err(SkipReason::NoTitle);
    }
    // The spec says readers open `url`; a linkblog item without one still has
    // somewhere to go, and an id is "ideally the full URL".
    // The id is often the url itself; then it offers no second chance.
    let id_link = raw
        .id
        .as_ref()
        .filter(|id| raw.url.as_ref() != Some(id) && url::is_http(id));
    let link = [raw.url.as_ref(), raw.external_url.as_ref(), id_link]
        .into_iter()
        .flatten()
        .find_map(|candidate| url::resolve(base, candidate))
        .ok_or(SkipReason::NoLink)?;
    let id = match raw
        .id
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty())
    {
        Some(id) => id,
        None => {
            notes.push(Note::MissingId { index });
            link.clone()
        }
    };
    let mut date = None;
    for value in [&raw.date_published, &raw.date_modified]
        .into_iter()
        .flatten()
    {
        // Read leniently, but tell the publisher (feed checker) what is off.
        if !is_rfc3339(value) {
            notes.push(Note::NonRfc3339Date {
                index,
                value: value.clone(),
            });
        }
        date = date.or_else(|| date::parse(value));
    }
    let locked = raw.access.as_deref().map(str::trim).is_some_and(|a| {
        a.eq_ignore_ascii_case("locked") || a.eq_ignore_ascii_case("members-only")
    });
    Ok(Item {
        id,
        url: link,
        title,
        sections: sections(raw.tags),
        date,
        locked,
        image: raw.image.as_deref().and_then(|i| url::resolve(base, i)),
        index,
    })
}

/// Strict RFC 3339 shape: `YYYY-MM-DDTHH:MM:SS` plus a zone.
fn is_rfc3339(v: &str) -> bool {
    let v = v.trim();
    v.len() >= 20
        && v.get(10..11).is_some_and(|t| t.eq_ignore_ascii_case("T"))
        && v.get(16..17) == Some(":")
        && {
            let zone = v.get(19..).unwrap_or_default();
            let zone = zone.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
            zone.eq_ignore_ascii_case("z") || (zone.len() == 6 && zone.starts_with(['+', '-']))
        }
}

fn sections(tags: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = text::clean(&tag, MAX_SECTION_CHARS);
        if tag.is_empty() || out.iter().any(|t| text::same_ignoring_case(t, &tag)) {
            continue;
        }
        out.push(tag);
        if out.len() == MAX_SECTIONS {
            break;
        }
    }
    out
}

// ---- Lenient readers -------------------------------------------------------
// Each accepts any JSON value and consumes it fully, so a surprise type never
// aborts the surrounding parse.

#[derive(Default)]
struct RawFeed {
    version: Option<String>,
    title: Option<String>,
    feed_url: Option<String>,
    language: Option<String>,
    items: Option<Vec<Option<RawItem>>>,
    om: Om,
}

#[derive(Default)]
struct RawItem {
    id: Option<String>,
    url: Option<String>,
    external_url: Option<String>,
    title: Option<String>,
    tags: Vec<String>,
    date_published: Option<String>,
    date_modified: Option<String>,
    image: Option<String>,
    access: Option<String>,
}

/// The Open Membership extension, at feed level (`tiers`) or item level (`access`).
#[derive(Default)]
struct Om {
    access: Option<String>,
    tier_label: Option<String>,
}

/// Drains whatever value a visitor did not want, so the parse goes on.
macro_rules! ignore_the_rest {
    ($value:ty) => {
        fn visit_bool<E>(self, _: bool) -> Result<$value, E> {
            Ok(Default::default())
        }
        fn visit_i64<E>(self, _: i64) -> Result<$value, E> {
            Ok(Default::default())
        }
        fn visit_u64<E>(self, _: u64) -> Result<$value, E> {
            Ok(Default::default())
        }
        fn visit_f64<E>(self, _: f64) -> Result<$value, E> {
            Ok(Default::default())
        }
        fn visit_unit<E>(self) -> Result<$value, E> {
            Ok(Default::default())
        }
    };
}

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A map key, matched against the names a reader wants without allocating.
struct Key(&'static [&'static str]);

/// What [`Key`] answers for the key serde_json wraps a non-integer number
/// in: without parsing floats (its `arbitrary_precision` setting spares the
/// bundle the float tables), a number like `1.5` reaches a visitor as a map
/// with this one key.
const NUMBER: usize = usize::MAX;
const NUMBER_KEY: &str = "$serde_json::private::Number";

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E>(self, v: &str) -> Result<Option<usize>, E> {
        if v == NUMBER_KEY {
            return Ok(Some(NUMBER));
        }
        Ok(self.0.iter().position(|k| *k == v))
    }
}

/// A string, or a number written as one (ids); anything else is dropped.
struct Text(Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_str<E>(self, v: &str) -> Result<Text, E> {
        Ok(Text(Some(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Text, E> {
        Ok(Text(Some(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Text, E> {
        let sign = if v < 0 { "-" } else { "" };
        Ok(Text(Some(
            [sign, &text::decimal(v.unsigned_abs())].concat(),
        )))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Text, E> {
        Ok(Text(Some(text::decimal(v))))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Text, E> {
        Ok(Text(None))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Text, E> {
        Ok(Text(None))
    }
    fn visit_unit<E>(self) -> Result<Text, E> {
        Ok(Text(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Text, A::Error> {
        drain_seq(seq).map(|()| Text(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
        drain_map(map).map(|()| Text(None))
    }
}

/// `tags`: an array of strings, or (as real feeds write it) one comma-separated string.
#[derive(Default)]
struct Tags(Vec<String>);

impl<'de> Deserialize<'de> for Tags {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TagsVisitor)
    }
}

struct TagsVisitor;

impl<'de> Visitor<'de> for TagsVisitor {
    type Value = Tags;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("tags")
    }
    ignore_the_rest!(Tags);
    fn visit_str<E>(self, v: &str) -> Result<Tags, E> {
        Ok(Tags(v.split(',').map(str::to_owned).collect()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tags, A::Error> {
        let mut tags = Vec::new();
        while let Some(Text(tag)) = seq.next_element()? {
            // Keep reading past the cap so the parse stays in step, but store no more.
            if tags.len() < MAX_SECTIONS * 4 {
                tags.extend(tag);
            }
        }
        Ok(Tags(tags))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Tags, A::Error> {
        drain_map(map).map(|()| Tags(Vec::new()))
    }
}

/// The whole document: an object, or something that is not a feed.
#[derive(Default)]
struct Document(Option<RawFeed>);

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DocumentVisitor)
    }
}

struct DocumentVisitor;

const FEED_KEYS: &[&str] = &["version", "title", "feed_url", "language", "items", "_om"];

impl<'de> Visitor<'de> for DocumentVisitor {
    type Value = Document;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON Feed object")
    }
    ignore_the_rest!(Document);
    fn visit_str<E>(self, _: &str) -> Result<Document, E> {
        Ok(Document(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Document, A::Error> {
        drain_seq(seq).map(|()| Document(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut feed = RawFeed::default();
        while let Some(key) = map.next_key_seed(Key(FEED_KEYS))? {
            match key {
                Some(0) => feed.version = map.next_value::<Text>()?.0,
                Some(1) => feed.title = map.next_value::<Text>()?.0,
                Some(2) => feed.feed_url = map.next_value::<Text>()?.0,
                Some(3) => feed.language = map.next_value::<Text>()?.0,
                Some(4) => feed.items = map.next_value::<Items>()?.0,
                Some(5) => feed.om = map.next_value::<Om>()?,
                Some(NUMBER) => return drain_map(map).map(|()| Document(None)),
                _ => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(Document(Some(feed)))
    }
}

/// `items`: an array whose entries are objects (kept) or anything else (marked).
#[derive(Default)]
struct Items(Option<Vec<Option<RawItem>>>);

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ItemsVisitor)
    }
}

struct ItemsVisitor;

impl<'de> Visitor<'de> for ItemsVisitor {
    type Value = Items;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of items")
    }
    ignore_the_rest!(Items);
    fn visit_str<E>(self, _: &str) -> Result<Items, E> {
        Ok(Items(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Items, A::Error> {
        drain_map(map).map(|()| Items(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(MaybeItem(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Items(Some(items)))
    }
}

#[derive(Default)]
struct MaybeItem(Option<RawItem>);

impl<'de> Deserialize<'de> for MaybeItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ItemVisitor)
    }
}

struct ItemVisitor;

const ITEM_KEYS: &[&str] = &[
    "id",
    "url",
    "external_url",
    "title",
    "tags",
    "date_published",
    "date_modified",
    "image",
    "_om",
];

impl<'de> Visitor<'de> for ItemVisitor {
    type Value = MaybeItem;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an item object")
    }
    ignore_the_rest!(MaybeItem);
    fn visit_str<E>(self, _: &str) -> Result<MaybeItem, E> {
        Ok(MaybeItem(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<MaybeItem, A::Error> {
        drain_seq(seq).map(|()| MaybeItem(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MaybeItem, A::Error> {
        let mut item = RawItem::default();
        while let Some(key) = map.next_key_seed(Key(ITEM_KEYS))? {
            match key {
                Some(0) => item.id = map.next_value::<Text>()?.0,
                Some(1) => item.url = map.next_value::<Text>()?.0,
                Some(2) => item.external_url = map.next_value::<Text>()?.0,
                Some(3) => item.title = map.next_value::<Text>()?.0,
                Some(4) => item.tags = map.next_value::<Tags>()?.0,
                Some(5) => item.date_published = map.next_value::<Text>()?.0,
                Some(6) => item.date_modified = map.next_value::<Text>()?.0,
                Some(7) => item.image = map.next_value::<Text>()?.0,
                Some(8) => item.access = map.next_value::<Om>()?.access,
                Some(NUMBER) => return drain_map(map).map(|()| MaybeItem(None)),
                _ => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(MaybeItem(Some(item)))
    }
}

impl<'de> Deserialize<'de> for Om {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OmVisitor)
    }
}

struct OmVisitor;

impl<'de> Visitor<'de> for OmVisitor {
    type Value = Om;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an _om object")
    }
    ignore_the_rest!(Om);
    fn visit_str<E>(self, _: &str) -> Result<Om, E> {
        Ok(Om::default())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Om, A::Error> {
        drain_seq(seq).map(|()| Om::default())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Om, A::Error> {
        let mut om = Om::default();
        while let Some(key) = map.next_key_seed(Key(&["access", "tiers", "label"]))? {
            match key {
                Some(0) => om.access = map.next_value::<Text>()?.0,
                Some(1) => om.tier_label = map.next_value::<Tiers>()?.0,
                // A tier object is read with this same visitor: its `label`.
                Some(2) => om.tier_label = map.next_value::<Text>()?.0,
                _ => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(om)
    }
}

/// `_om.tiers`: the first tier that has a string `label`.
#[derive(Default)]
struct Tiers(Option<String>);

impl<'de> Deserialize<'de> for Tiers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TiersVisitor)
    }
}

struct TiersVisitor;

impl<'de> Visitor<'de> for TiersVisitor {
    type Value = Tiers;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of tiers")
    }
    ignore_the_rest!(Tiers);
    fn visit_str<E>(self, _: &str) -> Result<Tiers, E> {
        Ok(Tiers(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Tiers, A::Error> {
        drain_map(map).map(|()| Tiers(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tiers, A::Error> {
        let mut label = None;
        while let Some(tier) = seq.next_element::<Om>()? {
            label = label.or(tier.tier_label.filter(|l| !l.trim().is_empty()));
        }
        Ok(Tiers(label))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FROM: &str = "https://news.example/en/feed.json";

    fn feed(json: &str) -> Feed {
        parse(json, FROM).unwrap_or_else(|e| panic!("should parse: {e}"))
    }

    #[test]
    fn reads_a_minimal_locked_item() {
        let f = feed(
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"T",
               "_om":{"tiers":[{"id":"plus","label":"POZIRK+"}]},
               "items":[{"id":"1","url":"https://news.example/a","title":"A","tags":["Politics","Security"],
                         "date_published":"2023-12-15T09:30:00+03:00","_om":{"access":"locked"}}]}"#,
        );
        assert_eq!(f.tier_label.as_deref(), Some("POZIRK+"));
        let [a] = f.items.as_slice() else {
            panic!("one item")
        };
        assert_eq!(a.title, "A");
        assert_eq!(a.sections, ["Politics", "Security"]);
        assert!(a.locked);
        assert_eq!(a.date, date::parse("2023-12-15T06:30:00Z"));
        assert!(f.notes.is_empty(), "{:?}", f.notes);
    }

    #[test]
    fn access_values() {
        let f = feed(
            r#"{"items":[
              {"id":"1","url":"https://x.example/1","title":"a","_om":{"access":"locked"}},
              {"id":"2","url":"https://x.example/2","title":"b","_om":{"access":" Members-Only "}},
              {"id":"3","url":"https://x.example/3","title":"c","_om":{"access":"preview"}},
              {"id":"4","url":"https://x.example/4","title":"d","_om":{"access":"open"}},
              {"id":"5","url":"https://x.example/5","title":"e","_om":"locked"},
              {"id":"6","url":"https://x.example/6","title":"f"}]}"#,
        );
        let locked: Vec<bool> = f.items.iter().map(|i| i.locked).collect();
        assert_eq!(locked, [true, true, false, false, false, false]);
    }

    #[test]
    fn tags_as_a_comma_separated_string() {
        let f = feed(
            r#"{"items":[{"id":"1","url":"https://x.example/","title":"a","tags":"workflow, omnifocus,,Workflow"}]}"#,
        );
        assert_eq!(f.items[0].sections, ["workflow", "omnifocus"]);
    }

    #[test]
    fn wrong_types_drop_a_field_not_the_feed() {
        let f = feed(
            r#"{"version":1.1,"title":{"x":1},"items":[
              {"id":7,"url":"https://x.example/7","title":"seven","tags":[1,{"a":[]},"ok",null],"date_published":false,"image":["x"]},
              "not an item", 42, null, [1,2],
              {"id":"t","url":"https://x.example/t","title":123}]}"#,
        );
        assert_eq!(f.items.len(), 2);
        assert_eq!(f.items[0].id, "7");
        assert_eq!(f.items[0].sections, ["1", "ok"]);
        assert_eq!(f.items[1].title, "123");
        assert_eq!(
            f.skipped
                .iter()
                .filter(|s| s.reason == SkipReason::NotAnObject)
                .count(),
            4
        );
    }

    #[test]
    fn duplicate_keys_take_the_last() {
        let f = feed(
            r#"{"items":[{"id":"1","title":"first","title":"second","url":"https://x.example/"}]}"#,
        );
        assert_eq!(f.items[0].title, "second");
    }

    #[test]
    fn items_without_title_or_link_are_skipped_alone() {
        let f = feed(
            r#"{"items":[
              {"id":"1","url":"https://x.example/1"},
              {"id":"2","url":"javascript:alert(1)","title":"evil"},
              {"id":"3","title":"no link"},
              {"id":"4","url":"https://x.example/4","title":"good"}]}"#,
        );
        assert_eq!(
            f.items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
            ["good"]
        );
        let reasons: Vec<_> = f.skipped.iter().map(|s| (s.index, s.reason)).collect();
        assert_eq!(
            reasons,
            [
                (0, SkipReason::NoTitle),
                (1, SkipReason::NoLink),
                (2, SkipReason::NoLink)
            ]
        );
    }

    #[test]
    fn links_fall_back_from_url_to_external_url_to_id() {
        let f = feed(
            r#"{"items":[
              {"id":"a","external_url":"https://elsewhere.example/a","title":"linkblog"},
              {"id":"https://x.example/b","title":"id only"},
              {"url":"/c","title":"no id"}]}"#,
        );
        let urls: Vec<_> = f
            .items
            .iter()
            .map(|i| (i.id.as_str(), i.url.as_str()))
            .collect();
        assert_eq!(
            urls,
            [
                ("a", "https://elsewhere.example/a"),
                ("https://x.example/b", "https://x.example/b"),
                ("https://news.example/c", "https://news.example/c"),
            ]
        );
        assert!(f.notes.contains(&Note::MissingId { index: 2 }));
    }

    #[test]
    fn relative_urls_resolve_against_feed_url_else_the_fetch_url() {
        let with = feed(
            r#"{"feed_url":"https://other.example/blog/feed.json","items":[{"id":"1","url":"post/","title":"a","image":"/i.png"}]}"#,
        );
        assert_eq!(with.items[0].url, "https://other.example/blog/post/");
        assert_eq!(
            with.items[0].image.as_deref(),
            Some("https://other.example/i.png")
        );
        let without = feed(r#"{"items":[{"id":"1","url":"post/","title":"a"}]}"#);
        assert_eq!(without.items[0].url, "https://news.example/en/post/");
        assert!(without
            .notes
            .contains(&Note::RelativeUrlWithoutFeedUrl { index: 0 }));
        assert!(!with
            .notes
            .iter()
            .any(|n| matches!(n, Note::RelativeUrlWithoutFeedUrl { .. })));
        let relative_feed_url =
            feed(r#"{"feed_url":"/feed.json","items":[{"id":"1","url":"p","title":"a"}]}"#);
        assert_eq!(relative_feed_url.items[0].url, "https://news.example/p");
    }

    #[test]
    fn hostile_urls_never_survive() {
        let f = feed(
            r#"{"items":[{"id":"1","url":"JaVaScRiPt:alert(1)","external_url":"data:text/html,x","title":"x","image":"vbscript:x"},
                         {"id":"2","url":"https://ok.example/","title":"ok","image":" javascript:alert(1)"}]}"#,
        );
        assert_eq!(f.items.len(), 1);
        assert_eq!(f.items[0].image, None);
    }

    #[test]
    fn titles_are_plain_text_with_entities_decoded() {
        let f = feed(
            r#"{"items":[{"id":"1","url":"https://x.example/","title":"Q&amp;A: <script>alert(1)</script> \u0026#8211; ok"}]}"#,
        );
        assert_eq!(f.items[0].title, "Q&A: <script>alert(1)</script> – ok");
    }

    #[test]
    fn date_modified_is_the_fallback() {
        let f = feed(
            r#"{"items":[{"id":"1","url":"https://x.example/","title":"a","date_published":"soon","date_modified":"2020-01-01T00:00:00Z"}]}"#,
        );
        assert_eq!(f.items[0].date, date::parse("2020-01-01T00:00:00Z"));
        assert_eq!(
            f.notes,
            [
                Note::NoVersion,
                Note::NonRfc3339Date {
                    index: 0,
                    value: "soon".into()
                }
            ]
        );
    }

    #[test]
    fn fractional_numbers_are_values_of_the_wrong_type_not_objects() {
        // serde_json reads them as text (no float tables in the bundle), which
        // reaches our readers as a one-key map: still not an item, nor a feed.
        let f = feed(
            r#"{"items":[1.5,-2e3,{"id":0.5,"url":"https://x.example/1","title":2.5},
              {"id":"2","url":"https://x.example/2","title":"ok","tags":[1.5,"A"],"_om":1.5}]}"#,
        );
        let reasons: Vec<_> = f.skipped.iter().map(|s| (s.index, s.reason)).collect();
        assert_eq!(
            reasons,
            [
                (0, SkipReason::NotAnObject),
                (1, SkipReason::NotAnObject),
                (2, SkipReason::NoTitle)
            ]
        );
        assert_eq!(f.items[0].sections, ["A"]);
        assert_eq!(
            parse("1.5", FROM),
            Err(FeedError::NotAFeed("the top level is not an object"))
        );
    }

    #[test]
    fn documents_that_are_not_feeds() {
        assert_eq!(parse("<!doctype html><html>", FROM), Err(FeedError::Html));
        assert_eq!(parse("\u{FEFF}  <html>", FROM), Err(FeedError::Html));
        assert!(matches!(
            parse("{\"items\": [", FROM),
            Err(FeedError::Json(_))
        ));
        assert!(matches!(parse("", FROM), Err(FeedError::Json(_))));
        assert_eq!(
            parse("[1,2]", FROM),
            Err(FeedError::NotAFeed("the top level is not an object"))
        );
        assert_eq!(
            parse("\"feed\"", FROM),
            Err(FeedError::NotAFeed("the top level is not an object"))
        );
        assert_eq!(
            parse(r#"{"version":"1.1"}"#, FROM),
            Err(FeedError::NotAFeed("it has no \"items\" array"))
        );
        assert_eq!(
            parse(r#"{"items":{}}"#, FROM),
            Err(FeedError::NotAFeed("it has no \"items\" array"))
        );
    }

    #[test]
    fn deep_nesting_is_skipped_without_recursion() {
        // serde_json skips unwanted values iteratively, so depth cannot overflow the stack.
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let json = format!(
            r#"{{"x":{d},"items":[{d},{{"id":"1","url":"https://x.example/","title":{d},"tags":{d}}},{{"id":"2","url":"https://x.example/2","title":"ok","_om":{d}}}]}}"#,
            d = deep(10_000)
        );
        let f = feed(&json);
        assert_eq!(
            f.items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
            ["ok"]
        );
        assert!(parse(&deep(10_000), FROM).is_err());
    }

    #[test]
    fn duplicate_ids_are_reported_for_the_checker() {
        let f = feed(
            r#"{"items":[{"id":"1","url":"https://x.example/a","title":"a"},{"id":"1","url":"https://x.example/b","title":"b"}]}"#,
        );
        assert_eq!(
            duplicate_ids(&f),
            [Note::DuplicateId {
                index: 1,
                id: "1".into()
            }]
        );
        assert_eq!(f.items.len(), 2, "both are kept; selection shows one");
    }

    #[test]
    fn parsing_in_slices_gives_the_same_feed() {
        let items: Vec<String> = (0..25)
            .map(|i| format!(r#"{{"id":"{i}","url":"https://x.example/{i}","title":"Story {i}","tags":["A"]}}"#))
            .collect();
        let json = format!(r#"{{"items":[{}, 7, {{"id":"x"}}]}}"#, items.join(","));
        let whole = feed(&json);
        let mut parser = Parser::new(&json, FROM).unwrap();
        let mut steps = 1;
        while parser.step(4).unwrap() {
            steps += 1;
        }
        assert_eq!(steps, 7, "27 entries in slices of 4");
        assert_eq!(parser.finish(), whole);
        assert_eq!(whole.items.len(), 25);
        assert_eq!(whole.skipped.len(), 2);
    }

    #[test]
    fn reading_items_one_by_one_agrees_with_reading_the_document_at_once() {
        let it = |i: u32| format!(r#"{{"id":"{i}","url":"https://x.example/{i}","title":"S{i}"}}"#);
        let (a, b) = (it(1), it(2));
        let cases = [
            format!(r#"{{"items":[{a},{b}]}}"#),
            format!(
                r#"{{"items":[{a},{b}],"_om":{{"tiers":[{{"label":"PLUS"}}]}},"version":"https://jsonfeed.org/version/1.1"}}"#
            ),
            format!(
                " \u{FEFF}\n {{ \"title\" : \"T\" , \"items\" : [ \n {a} , \t {b} \r\n ] \n }} \n"
            ),
            r#"{"items":[]}"#.to_string(),
            r#"{"items":[ ]}"#.to_string(),
            format!(r#"{{"items":[7,"x",null,true,[1,[2]],{{}},-1.5e3,{a}]}}"#),
            r#"{"items":[{"id":"1","url":"https://x.example/]}\"","title":"a ] } [ { \\ \" ,"}]}"#
                .to_string(),
            r#"{"items":[{"id":"1","url":"https://x.example/","title":"t","x":{"y":[{"z":[]}]}}]}"#
                .to_string(),
            // Broken, each in its own way: the same error either way.
            format!(r#"{{"items":[{a},]}}"#),
            format!(r#"{{"items":[{a} {b}]}}"#),
            format!(r#"{{"items":[{a}}}}}"#),
            format!(r#"{{"items":[{a},{{"title":tru}}]}}"#),
            format!(r#"{{"items":[{a},{b}"#),
            format!(r#"{{"items":[{a}]}} trailing"#),
            format!(r#"{{"items":[{a}],}}"#),
            format!(r#"{{"items":[{a}] "title":"x"}}"#),
            r#"{"items":[{"title":"\ud800"}]}"#.to_string(),
            // Read whole: the scan leaves these to serde_json.
            format!(r#"{{"items":[{a}],"items":[{b}]}}"#),
            format!(r#"{{"\u0069tems":[{a}],"items":[{b}]}}"#),
            format!(r#"{{"items":{{"0":{a}}}}}"#),
            format!(r#"[{a}]"#),
        ];
        for case in &cases {
            assert_eq!(parse(case, FROM), parse_at_once(case, FROM), "{case}");
        }
        assert_eq!(parse(&cases[0], FROM).unwrap().items.len(), 2);
        for lazy in &cases[..8] {
            let parser = Parser::new(lazy, FROM).unwrap();
            assert!(
                matches!(parser.pending, Pending::Unread { .. }),
                "read whole: {lazy}"
            );
        }
        assert!(matches!(parse(&cases[8], FROM), Err(FeedError::Json(_))));
    }

    #[test]
    fn a_100_kb_title_is_cut_to_a_headline() {
        let title = "Ł".repeat(100 * 1024);
        let f = feed(&format!(
            r#"{{"items":[{{"id":"1","url":"https://x.example/","title":"{title}"}}]}}"#
        ));
        assert!(f.items[0].title.chars().count() <= MAX_TITLE_CHARS);
        assert!(f.items[0].title.ends_with('…'));
    }

    #[test]
    fn invalid_utf16_escapes_are_an_error_not_a_crash() {
        // A lone surrogate cannot become a Rust string: the document is refused as JSON.
        for bad in [
            r#"{"items":[{"title":"\ud800"}]}"#,
            r#"{"items":[{"title":"\udc00x"}]}"#,
            r#"{"items":[{"title":"\uZZZZ"}]}"#,
        ] {
            assert!(matches!(parse(bad, FROM), Err(FeedError::Json(_))), "{bad}");
        }
        // A valid pair is fine.
        let f = feed(
            r#"{"items":[{"id":"1","url":"https://x.example/","title":"\ud83d\udcf0 news"}]}"#,
        );
        assert_eq!(f.items[0].title, "📰 news");
    }

    #[test]
    fn markup_in_every_text_field_stays_text() {
        let evil = r#"<img src=x onerror=alert(1)></template><script>alert(2)</script>"#;
        let f = feed(&format!(
            r#"{{"title":"{evil}","_om":{{"tiers":[{{"label":"{evil}"}}]}},"items":[{{"id":"{evil}","url":"https://x.example/","title":"{evil}","tags":["{evil}"]}}]}}"#
        ));
        // Kept as the literal characters (labels cut to their length limit).
        assert_eq!(f.items[0].title, evil);
        assert_eq!(f.title, evil);
        for label in [&f.items[0].sections[0], f.tier_label.as_ref().unwrap()] {
            assert!(
                label.starts_with("<img src=x onerror=alert(1)></template>"),
                "{label}"
            );
        }
    }

    #[test]
    fn versions() {
        for v in [
            "https://jsonfeed.org/version/1.1",
            "http://jsonfeed.org/version/1",
            "1.0",
            "1.1",
            "https://jsonfeed.org/version/1/",
        ] {
            assert!(known_version(v), "{v}");
        }
        assert!(!known_version("2.0"));
        let f = feed(r#"{"version":"https://example.org/rss","items":[]}"#);
        assert_eq!(
            f.notes,
            [Note::UnknownVersion("https://example.org/rss".into())]
        );
    }

    #[test]
    fn sections_are_capped_and_deduplicated() {
        let tags: Vec<String> = (0..10_000).map(|i| format!("\"t{}\"", i % 50)).collect();
        let json = format!(
            r#"{{"items":[{{"id":"1","url":"https://x.example/","title":"a","tags":[{}]}}]}}"#,
            tags.join(",")
        );
        let f = feed(&json);
        assert_eq!(f.items[0].sections.len(), MAX_SECTIONS);
    }
}
