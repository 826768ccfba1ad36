//! Item building: a raw item read from the feed into an [`Item`] the widget
//! can show, or the reason it cannot be shown.

use super::model::{Item, MAX_SECTIONS};
use super::readers::RawItem;
use super::report::{Note, SkipReason};
use crate::text::{self, MAX_SECTION_CHARS, MAX_TITLE_CHARS};
use crate::{date, terms, url};

/// How much of an item's summary and of its text its terms are read from:
/// a feed that puts whole articles there costs no more than one that does not.
const TEXT_CHARS: usize = 600;

/// Builds item `index`; relative links resolve against `base`. What is odd
/// but readable goes into `notes`.
pub fn build(
    raw: RawItem,
    index: usize,
    base: &str,
    notes: &mut Vec<Note>,
) -> Result<Item, SkipReason> {
    let title = raw
        .title
        .map(|t| text::clean(&t, MAX_TITLE_CHARS))
        .unwrap_or_default();
    // JSON Feed allows items without a title (microblogs write none): the
    // first sentence of their text stands in, and the item says so.
    let untitled = title.is_empty();
    // Its words, for ranking by what stories say: the summary and the start
    // of the text (HTML read as text).
    let text = raw
        .content_text
        .or_else(|| raw.content_html.as_deref().map(text::html_text));
    let text = text.as_deref().map(|t| text::prefix(t, TEXT_CHARS));
    let made = |text: Option<&str>| text.map(text::headline).filter(|h| !h.is_empty());
    let title = if untitled {
        made(raw.summary.as_deref())
            .or_else(|| made(text))
            .ok_or(SkipReason::NoTitle)?
    } else {
        title
    };
    let terms = terms::of(
        &title,
        &[
            text::prefix(raw.summary.as_deref().unwrap_or_default(), TEXT_CHARS),
            text.unwrap_or_default(),
        ],
    );
    // The spec says readers open `url`; a linkblog item without one still has
    // somewhere to go, and an id is "ideally the full URL".
    // The id is often the url itself; then it offers no second chance.
    // Asked only when neither link is usable, as every id is not a URL.
    let id_link = || {
        raw.id
            .as_ref()
            .filter(|id| raw.url.as_ref() != Some(id) && url::is_http(id))
            .and_then(|id| url::resolve(base, id))
    };
    let link = [raw.url.as_ref(), raw.external_url.as_ref()]
        .into_iter()
        .flatten()
        .find_map(|candidate| url::resolve(base, candidate))
        .or_else(id_link)
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
    if untitled {
        notes.push(Note::MadeUpHeadline { index });
    }
    Ok(Item {
        id,
        url: link,
        title,
        sections: sections(raw.tags),
        date,
        locked,
        image: raw.image.as_deref().and_then(|i| url::resolve(base, i)),
        index,
        untitled,
        terms,
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
