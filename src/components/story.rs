use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::OnSelect;
use crate::date::Age;
use crate::feed::Item;
use crate::i18n::Lang;

/// Where a story's link goes and how it opens.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub href: String,
    pub target: Option<String>,
    /// Screen-reader hint for links that open a new tab.
    pub hint: Option<&'static str>,
}

/// What a lock badge says. The visible label may be a brand ("POZIRK+"), so
/// the accessible name also says, in words, that the story is for subscribers.
#[derive(Debug, Clone, PartialEq)]
pub struct LockBadge {
    label: String,
    hint: Option<&'static str>,
}

impl LockBadge {
    pub fn new(label: Option<String>, subscribers_only: &'static str) -> LockBadge {
        match label {
            Some(label) if label != subscribers_only => LockBadge {
                label,
                hint: Some(subscribers_only),
            },
            _ => LockBadge {
                label: subscribers_only.to_owned(),
                hint: None,
            },
        }
    }
}

/// One story: its sections, the headline as a real link, date and lock badge.
#[component]
pub fn Story(
    item: Item,
    position: usize,
    link: Link,
    date: Option<(String, String)>,
    lock: Option<LockBadge>,
    /// Cards only: the thumbnail, or `Some(None)` for the placeholder.
    image: Option<Option<String>>,
    on_select: Option<OnSelect>,
) -> impl IntoView {
    let thumbnail = image.map(|src| view! { <Thumbnail src/> });
    let sections = (!item.sections.is_empty()).then(|| {
        let labels = item.sections.iter().enumerate().map(|(i, section)| {
            let separator = (i > 0).then_some(", ");
            view! { {separator}<span part="section">{section.clone()}</span> }
        });
        view! { <p part="sections">{labels.collect_view()}</p> }
    });
    let date = date.map(|(iso, text)| view! { <time part="date" datetime=iso>{text}</time> });
    let locked = lock.is_some();
    let badge = lock.map(|LockBadge { label, hint }| {
        view! {
            <span part="badge" class="badge">
                <LockIcon/>
                {hint.map(|h| view! { <span class="visually-hidden">{h}": "</span> })}
                <span>{label}</span>
            </span>
        }
    });
    let meta =
        (date.is_some() || badge.is_some()).then(|| view! { <p class="meta">{date}{badge}</p> });
    // Middle clicks never fire `click`; they are reported (not cancelable) too.
    let selected = on_select.map(|handler| {
        let item = item.clone();
        move |ev: web_sys::MouseEvent| handler(&ev, &item, position)
    });
    let aux_selected = selected.clone();
    let rel = link.target.is_some().then_some("noopener");
    let Link { href, target, hint } = link;
    view! {
        <li part="item" class="item" class:locked=locked>
            {thumbnail}
            {sections}
            <a
                part="link"
                href=href
                target=target
                rel=rel
                on:click=move |ev| {
                    if let Some(f) = &selected {
                        f(ev)
                    }
                }
                on:auxclick=move |ev: web_sys::MouseEvent| {
                    if let Some(f) = aux_selected.as_ref().filter(|_| ev.button() == 1) {
                        f(ev)
                    }
                }
            >
                <span part="title">{item.title}</span>
                {hint.map(|h| view! { <span class="visually-hidden">" ("{h}")"</span> })}
            </a>
            {meta}
        </li>
    }
}

/// A fixed-ratio frame whose background is the placeholder, so a missing or
/// broken image (hidden on error) leaves a tidy tile, never a broken icon.
#[component]
fn Thumbnail(src: Option<String>) -> impl IntoView {
    let image = src.map(|src| {
        view! {
            <img
                part="image"
                src=src
                alt=""
                loading="lazy"
                decoding="async"
                on:error=|ev: web_sys::ErrorEvent| {
                    if let Some(img) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        let _ = img.set_attribute("data-failed", "");
                    }
                }
            />
        }
    });
    view! { <div class="thumb" aria-hidden="true">{image}</div> }
}

#[component]
fn LockIcon() -> impl IntoView {
    view! {
        <svg class="lock" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
            <path
                fill="currentColor"
                d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.25C12.44 7 13 7.56 13 8.25v5.5c0 .69-.56 1.25-1.25 1.25h-7.5C3.56 15 3 14.44 3 13.75v-5.5C3 7.56 3.56 7 4.25 7h.25zm1.75 0h3.5V5a1.75 1.75 0 1 0-3.5 0v2z"
            ></path>
        </svg>
    }
}

/// Dates through the browser's `Intl`: "3 hours ago" while recent, a
/// calendar date after that.
pub struct DateFormat {
    formatters: Rc<Formatters>,
    now: f64,
}

/// A language's formatters, each made the first time it is needed: making
/// one loads the browser's locale data, tens of milliseconds on a page's
/// first use, so they are kept and [`DateFormat::prepare`]d ahead.
struct Formatters {
    lang: Lang,
    /// The calendar-date formatter, and our own words when `Intl` answered
    /// in another language than asked (it has no data for it).
    date: OnceCell<(js_sys::Intl::DateTimeFormat, Option<Lang>)>,
    relative: OnceCell<js_sys::Intl::RelativeTimeFormat>,
}

thread_local! {
    static FORMATTERS: RefCell<Vec<Rc<Formatters>>> = const { RefCell::new(Vec::new()) };
}

impl DateFormat {
    pub fn new(lang: Lang) -> DateFormat {
        let formatters = FORMATTERS.with_borrow_mut(|all| {
            if let Some(found) = all.iter().find(|f| f.lang == lang) {
                return found.clone();
            }
            let made = Rc::new(Formatters {
                lang,
                date: OnceCell::new(),
                relative: OnceCell::new(),
            });
            all.push(made.clone());
            made
        });
        DateFormat {
            formatters,
            now: js_sys::Date::now(),
        }
    }

    /// Makes `lang`'s formatters while the feed downloads, each in a task of
    /// its own, so the render that needs them does not pay for them.
    pub async fn prepare(lang: Lang) {
        let formatters = DateFormat::new(lang).formatters;
        crate::feeds::yield_to_browser().await;
        formatters.date();
        crate::feeds::yield_to_browser().await;
        formatters.relative();
    }
}

fn intl_options(key: &str, value: &str) -> js_sys::Object {
    let options = js_sys::Object::new();
    // Reflect::set only fails on frozen objects; a fresh one is not.
    let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    options
}

impl Formatters {
    fn date(&self) -> &(js_sys::Intl::DateTimeFormat, Option<Lang>) {
        self.date.get_or_init(|| {
            let locales = js_sys::Array::of1(&self.lang.tag().into());
            let date =
                js_sys::Intl::DateTimeFormat::new(&locales, &intl_options("dateStyle", "medium"));
            let resolved = js_sys::Reflect::get(&date.resolved_options(), &"locale".into())
                .ok()
                .and_then(|l| l.as_string())
                .unwrap_or_default();
            let own_words = (Lang::from_tag(&resolved) != self.lang).then_some(self.lang);
            (date, own_words)
        })
    }

    fn relative(&self) -> &js_sys::Intl::RelativeTimeFormat {
        self.relative.get_or_init(|| {
            let locales = js_sys::Array::of1(&self.lang.tag().into());
            // numeric: "auto" says "yesterday" and "now", not "1 day ago".
            js_sys::Intl::RelativeTimeFormat::new(&locales, &intl_options("numeric", "auto"))
        })
    }
}

impl DateFormat {
    /// `(ISO 8601 for <time datetime>, text for readers)`.
    pub fn format(&self, ms: f64) -> Option<(String, String)> {
        // toISOString throws outside years 0..=9999; the parser never gives
        // such dates, but a throw here would abort every widget on the page.
        if !(-62_167_219_200_000.0..=253_402_300_799_999.0).contains(&ms) {
            return None;
        }
        let date = js_sys::Date::new(&JsValue::from_f64(ms));
        let age = crate::date::age(ms, self.now);
        let (calendar, own_words) = self.formatters.date();
        if let Some(lang) = *own_words {
            let text = lang.relative(age).or_else(|| {
                lang.calendar_date(
                    date.get_date(),
                    date.get_month() + 1,
                    date.get_full_year() as i32,
                )
            });
            if let Some(text) = text {
                return Some((String::from(date.to_iso_string()), text));
            }
        }
        let relative = |value: u32, unit: &str| {
            String::from(self.formatters.relative().format(-f64::from(value), unit))
        };
        let text = match age {
            Age::JustNow => relative(0, "second"),
            Age::MinutesAgo(n) => relative(n, "minute"),
            Age::HoursAgo(n) => relative(n, "hour"),
            Age::Yesterday => relative(1, "day"),
            Age::Date => calendar
                .format()
                .call1(&JsValue::NULL, &date)
                .ok()?
                .as_string()?,
        };
        Some((String::from(date.to_iso_string()), text))
    }
}
