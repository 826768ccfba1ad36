//! The widget's own words, in the languages our partners publish in.

use crate::text::decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Be,
    Ru,
}

pub struct Texts {
    pub heading: &'static str,
    pub subscribers_only: &'static str,
    pub error: &'static str,
    /// Read after a headline that opens in a new tab.
    pub new_tab: &'static str,
    /// The chip that clears the section filter, and the chips' group name.
    pub all: &'static str,
    pub filter: &'static str,
    pub retry: &'static str,
}

impl Lang {
    /// Reads a BCP 47 tag (`be-BY`, `ru`, `en-GB`); anything else is English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "be" => Lang::Be,
            "ru" => Lang::Ru,
            _ => Lang::En,
        }
    }

    /// The tag handed to `Intl` for dates.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Be => "be",
            Lang::Ru => "ru",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &Texts {
                heading: "Related stories",
                subscribers_only: "Subscribers only",
                error: "Related stories could not be loaded.",
                new_tab: "opens in a new tab",
                all: "All",
                filter: "Filter by section",
                retry: "Try again",
            },
            Lang::Be => &Texts {
                heading: "Звязаныя матэрыялы",
                subscribers_only: "Толькі для падпісчыкаў",
                error: "Не ўдалося загрузіць звязаныя матэрыялы.",
                new_tab: "адкрываецца ў новай укладцы",
                all: "Усе",
                filter: "Фільтр па рубрыках",
                retry: "Паспрабаваць зноў",
            },
            Lang::Ru => &Texts {
                heading: "Материалы по теме",
                subscribers_only: "Только для подписчиков",
                error: "Не удалось загрузить материалы по теме.",
                new_tab: "открывается в новой вкладке",
                all: "Все",
                filter: "Фильтр по рубрикам",
                retry: "Попробовать снова",
            },
        }
    }
}

/// Our own words for dates, for a language the browser's `Intl` does not
/// have (Chromium ships no Belarusian date or relative-time data and silently
/// answers in English). `None`: leave it to `Intl`.
impl Lang {
    pub fn relative(self, age: crate::date::Age) -> Option<String> {
        use crate::date::Age;
        if self != Lang::Be {
            return None;
        }
        let ago = |n: u32, forms: [&str; 3]| {
            let form = forms.get(slavic_plural(n)).copied().unwrap_or_default();
            [&decimal(u64::from(n)), " ", form, " таму"].concat()
        };
        Some(match age {
            Age::JustNow => "зараз".to_owned(),
            Age::MinutesAgo(n) => ago(n, ["хвіліну", "хвіліны", "хвілін"]),
            Age::HoursAgo(n) => ago(n, ["гадзіну", "гадзіны", "гадзін"]),
            Age::Yesterday => "учора".to_owned(),
            Age::Date => return None,
        })
    }

    /// A calendar date from its local day, month (1 to 12) and year.
    pub fn calendar_date(self, day: u32, month: u32, year: i32) -> Option<String> {
        const BE_MONTHS: [&str; 12] = [
            "студзеня",
            "лютага",
            "сакавіка",
            "красавіка",
            "мая",
            "чэрвеня",
            "ліпеня",
            "жніўня",
            "верасня",
            "кастрычніка",
            "лістапада",
            "снежня",
        ];
        let name = BE_MONTHS.get(month.checked_sub(1)? as usize)?;
        (self == Lang::Be).then(|| {
            let sign = if year < 0 { "-" } else { "" };
            let year = decimal(u64::from(year.unsigned_abs()));
            [&decimal(u64::from(day)), " ", name, " ", sign, &year].concat()
        })
    }
}

/// East Slavic plural forms: 0 for 1, 21, 31…; 1 for 2–4, 22–24…; 2 for the rest.
fn slavic_plural(n: u32) -> usize {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => 0,
        (2..=4, r) if !(12..=14).contains(&r) => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_languages() {
        assert_eq!(Lang::from_tag("be-BY"), Lang::Be);
        assert_eq!(Lang::from_tag(" RU "), Lang::Ru);
        assert_eq!(Lang::from_tag("ru_RU"), Lang::Ru);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("de"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn belarusian_dates_in_our_own_words() {
        use crate::date::Age;
        // None (Intl's words) would compare unequal to every expectation below.
        let be = |age| Lang::Be.relative(age).unwrap_or_default();
        assert_eq!(be(Age::HoursAgo(3)), "3 гадзіны таму");
        assert_eq!(be(Age::HoursAgo(1)), "1 гадзіну таму");
        assert_eq!(be(Age::HoursAgo(5)), "5 гадзін таму");
        assert_eq!(be(Age::HoursAgo(21)), "21 гадзіну таму");
        assert_eq!(be(Age::MinutesAgo(12)), "12 хвілін таму");
        assert_eq!(be(Age::MinutesAgo(22)), "22 хвіліны таму");
        assert_eq!(be(Age::JustNow), "зараз");
        assert_eq!(be(Age::Yesterday), "учора");
        assert_eq!(Lang::Be.relative(Age::Date), None);
        assert_eq!(
            Lang::Ru.relative(Age::HoursAgo(3)),
            None,
            "the browser has Russian"
        );
        assert_eq!(
            Lang::Be.calendar_date(15, 12, 2023).as_deref(),
            Some("15 снежня 2023")
        );
        assert_eq!(Lang::Be.calendar_date(1, 13, 2023), None);
        assert_eq!(Lang::En.calendar_date(1, 1, 2023), None);
    }

    #[test]
    fn slavic_plurals() {
        let forms: Vec<usize> = [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111]
            .into_iter()
            .map(slavic_plural)
            .collect();
        assert_eq!(forms, [0, 1, 1, 2, 2, 2, 2, 0, 1, 2, 0, 2]);
    }

    /// Every text of a language; destructured, so a new field must be listed.
    fn all(t: &Texts) -> [&'static str; 7] {
        let Texts {
            heading,
            subscribers_only,
            error,
            new_tab,
            all,
            filter,
            retry,
        } = *t;
        [
            heading,
            subscribers_only,
            error,
            new_tab,
            all,
            filter,
            retry,
        ]
    }

    #[test]
    fn every_language_has_every_text_in_its_own_words() {
        let english = all(Lang::En.texts());
        for lang in [Lang::En, Lang::Be, Lang::Ru] {
            let texts = all(lang.texts());
            for (i, text) in texts.iter().enumerate() {
                assert!(
                    !text.is_empty() && text.trim() == *text,
                    "{lang:?} text {i}: {text:?}"
                );
                // No two texts of a language alike: each says something else.
                assert!(!texts[..i].contains(text), "{lang:?}: {text:?} twice");
                if lang != Lang::En {
                    assert_ne!(*text, english[i], "{lang:?} text {i} is still English");
                }
            }
        }
        assert_ne!(all(Lang::Be.texts()), all(Lang::Ru.texts()));
    }
}
