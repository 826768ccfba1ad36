//! Story dates in the reader's language, through the browser's `Intl`.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::schedule::yield_now;
use crate::date::Age;
use crate::i18n::Lang;

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
        yield_now().await;
        formatters.date();
        yield_now().await;
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
