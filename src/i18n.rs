//! The widget's own words, in the languages our partners publish in.

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
            },
            Lang::Be => &Texts {
                heading: "Звязаныя матэрыялы",
                subscribers_only: "Толькі для падпісчыкаў",
                error: "Не ўдалося загрузіць звязаныя матэрыялы.",
                new_tab: "адкрываецца ў новай укладцы",
                all: "Усе",
                filter: "Фільтр па рубрыках",
            },
            Lang::Ru => &Texts {
                heading: "Материалы по теме",
                subscribers_only: "Только для подписчиков",
                error: "Не удалось загрузить материалы по теме.",
                new_tab: "открывается в новой вкладке",
                all: "Все",
                filter: "Фильтр по рубрикам",
            },
        }
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
    fn every_language_has_every_text() {
        for lang in [Lang::En, Lang::Be, Lang::Ru] {
            let t = lang.texts();
            assert!(
                !t.heading.is_empty()
                    && !t.subscribers_only.is_empty()
                    && !t.error.is_empty()
                    && !t.new_tab.is_empty()
            );
        }
        assert_ne!(Lang::Be.texts().heading, Lang::Ru.texts().heading);
    }
}
