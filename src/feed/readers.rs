//! The lenient readers. Each accepts any JSON value and consumes it fully, so
//! a surprise type never aborts the surrounding parse: a value of the wrong
//! type reads as absent, and drops one field (or one item), never the feed.
//!
//! An object's keys are declared once, with [`keys!`], as an enum the
//! reader matches by name: reordering a list cannot fill the wrong field,
//! and a key without a field does not compile.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::model::MAX_SECTIONS;
use crate::text;

/// The top level of a feed, as far as the widget reads it.
#[derive(Default)]
pub struct RawFeed {
    pub version: Option<String>,
    pub title: Option<String>,
    pub feed_url: Option<String>,
    pub items: Option<Vec<Option<RawItem>>>,
    /// The first label of the Open Membership `_om.tiers`.
    pub tier_label: Option<String>,
}

/// One entry of `items`, as far as the widget reads it.
#[derive(Default)]
pub struct RawItem {
    pub id: Option<String>,
    pub url: Option<String>,
    pub external_url: Option<String>,
    pub title: Option<String>,
    pub tags: Vec<String>,
    pub date_published: Option<String>,
    pub date_modified: Option<String>,
    pub image: Option<String>,
    /// The Open Membership `_om.access`.
    pub access: Option<String>,
    /// What the item says: its terms, and the headline of an untitled one.
    pub summary: Option<String>,
    pub content_text: Option<String>,
    pub content_html: Option<String>,
}

/// Declares the keys an object reader wants, each naming its field: the
/// enum and the list of names it is looked up in come from one list.
macro_rules! keys {
    ($(#[$doc:meta])* $name:ident { $($key:literal => $field:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        enum $name {
            $($field,)*
        }
        impl $name {
            const NAMES: &'static [&'static str] = &[$($key),*];
            const ALL: &'static [$name] = &[$($name::$field),*];
            /// Reads the next key of `map`: one of these, or what else it is.
            fn next<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Key<$name>>, A::Error> {
                Ok(map.next_key_seed(KeySeed(Self::NAMES))?.map(|key| match key {
                    Key::Field(i) => Self::ALL.get(i).copied().map_or(Key::Other, Key::Field),
                    Key::Other => Key::Other,
                }))
            }
        }
    };
}

keys!(
    /// The top-level keys of a feed.
    FeedKey {
        "version" => Version,
        "title" => Title,
        "feed_url" => FeedUrl,
        "items" => Items,
        "_om" => Om,
    }
);

keys!(
    /// The keys of an item.
    ItemKey {
        "id" => Id,
        "url" => Url,
        "external_url" => ExternalUrl,
        "title" => Title,
        "tags" => Tags,
        "date_published" => DatePublished,
        "date_modified" => DateModified,
        "image" => Image,
        "_om" => Om,
        "summary" => Summary,
        "content_text" => ContentText,
        "content_html" => ContentHtml,
    }
);

keys!(
    /// The Open Membership extension's keys: which one counts depends on
    /// where the object is (see [`Om`]).
    OmKey {
        "access" => Access,
        "tiers" => Tiers,
        "label" => Label,
    }
);

/// A map key as a reader sees it: one of its fields, or a key it does not read.
enum Key<F> {
    Field(F),
    Other,
}

/// Reads a map key as its position among `names`, without allocating. One
/// seed for every reader: a generic one would be compiled once per reader.
struct KeySeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key<usize>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E>(self, v: &str) -> Result<Key<usize>, E> {
        Ok(self
            .0
            .iter()
            .position(|k| *k == v)
            .map_or(Key::Other, Key::Field))
    }
}

/// Answers every scalar a visitor does not want with its empty value.
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
pub struct Document(pub Option<RawFeed>);

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DocumentVisitor)
    }
}

struct DocumentVisitor;

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
        while let Some(key) = FeedKey::next(&mut map)? {
            match key {
                Key::Field(FeedKey::Version) => feed.version = map.next_value::<Text>()?.0,
                Key::Field(FeedKey::Title) => feed.title = map.next_value::<Text>()?.0,
                Key::Field(FeedKey::FeedUrl) => feed.feed_url = map.next_value::<Text>()?.0,
                Key::Field(FeedKey::Items) => feed.items = map.next_value::<Items>()?.0,
                Key::Field(FeedKey::Om) => feed.tier_label = map.next_value_seed(Om::Feed)?,
                Key::Other => map.next_value::<IgnoredAny>().map(drop)?,
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

/// One entry of `items`: an object, or (`None`) anything else.
#[derive(Default)]
pub struct MaybeItem(pub Option<RawItem>);

impl<'de> Deserialize<'de> for MaybeItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ItemVisitor)
    }
}

struct ItemVisitor;

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
        while let Some(key) = ItemKey::next(&mut map)? {
            let field = match key {
                Key::Field(field) => field,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            let text = match field {
                ItemKey::Id => &mut item.id,
                ItemKey::Url => &mut item.url,
                ItemKey::ExternalUrl => &mut item.external_url,
                ItemKey::Title => &mut item.title,
                ItemKey::DatePublished => &mut item.date_published,
                ItemKey::DateModified => &mut item.date_modified,
                ItemKey::Image => &mut item.image,
                ItemKey::Summary => &mut item.summary,
                ItemKey::ContentText => &mut item.content_text,
                ItemKey::ContentHtml => &mut item.content_html,
                ItemKey::Tags => {
                    item.tags = map.next_value::<Tags>()?.0;
                    continue;
                }
                ItemKey::Om => {
                    item.access = map.next_value_seed(Om::Item)?;
                    continue;
                }
            };
            *text = map.next_value::<Text>()?.0;
        }
        Ok(MaybeItem(Some(item)))
    }
}

/// Which Open Membership object a reader is in: each has its own field.
#[derive(Clone, Copy, PartialEq)]
enum Om {
    /// A feed's `_om`: its `tiers`.
    Feed,
    /// An item's `_om`: its `access`.
    Item,
    /// One entry of `tiers`: its `label`.
    Tier,
}

/// Reads the one field an Open Membership object has at its level. The
/// three levels share this reader: each reader type costs the bundle a copy
/// of the JSON reader's value dispatch.
impl<'de> DeserializeSeed<'de> for Om {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Om {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an _om object")
    }
    ignore_the_rest!(Option<String>);
    fn visit_str<E>(self, _: &str) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<String>, A::Error> {
        drain_seq(seq).map(|()| None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
        let mut value = None;
        while let Some(key) = OmKey::next(&mut map)? {
            match (self, key) {
                (Om::Item, Key::Field(OmKey::Access)) | (Om::Tier, Key::Field(OmKey::Label)) => {
                    value = map.next_value::<Text>()?.0;
                }
                (Om::Feed, Key::Field(OmKey::Tiers)) => value = map.next_value::<Tiers>()?.0,
                _ => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(value)
    }
}

/// `_om.tiers`: the first tier that has a label.
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
        while let Some(tier) = seq.next_element_seed(Om::Tier)? {
            label = label.or(tier.filter(|l| !l.trim().is_empty()));
        }
        Ok(Tiers(label))
    }
}
