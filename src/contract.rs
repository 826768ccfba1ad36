// Generated from src/contract.json by tools/contract.mjs (make contract): do not edit.

//! The element's contract as constants; its source is `src/contract.json`.

/// The element's tag name.
pub const TAG: &str = "related-stories";

/// Every attribute the element reads; the loader observes exactly these.
pub const ATTRIBUTES: &[&str] = &["feed", "sections", "rank", "article", "limit", "locked", "untitled", "heading", "lock-label", "lang", "theme", "layout", "chips", "target", "utm", "loading"];

/// `limit`: how many stories, from `MIN_LIMIT` to `MAX_LIMIT`.
pub const DEFAULT_LIMIT: usize = 5;
pub const MIN_LIMIT: usize = 1;
pub const MAX_LIMIT: usize = 50;

/// An attribute with a fixed set of values: the first is its default.
pub struct Choice {
    pub name: &'static str,
    pub values: &'static [&'static str],
    /// The rest of the warning for any other value.
    pub hint: &'static str,
    /// Whether `Cards` means `cards`.
    pub fold_case: bool,
}

pub const RANK: Choice = Choice {
    name: "rank",
    values: &["related", "newest"],
    hint: "is not related or newest; using related",
    fold_case: false,
};

pub const LOCKED: Choice = Choice {
    name: "locked",
    values: &["show", "hide", "last"],
    hint: "is not show, hide or last; using show",
    fold_case: true,
};

pub const UNTITLED: Choice = Choice {
    name: "untitled",
    values: &["headline", "skip"],
    hint: "is not headline or skip; using headline",
    fold_case: false,
};

pub const THEME: Choice = Choice {
    name: "theme",
    values: &["auto", "light", "dark"],
    hint: "is not auto, light or dark; using auto",
    fold_case: false,
};

pub const LAYOUT: Choice = Choice {
    name: "layout",
    values: &["list", "compact", "cards"],
    hint: "is not list, compact or cards; using list",
    fold_case: true,
};

pub const LOADING: Choice = Choice {
    name: "loading",
    values: &["lazy", "near", "eager"],
    hint: "is not lazy, near or eager; using lazy",
    fold_case: false,
};

/// The events, by the name after the prefix.
pub const EVENT_PREFIX: &str = "related-stories:";
pub const LOAD_EVENT: &str = "load";
pub const ERROR_EVENT: &str = "error";
pub const SELECT_EVENT: &str = "select";
pub const IMPRESSION_EVENT: &str = "impression";

/// The `detail` fields of the events.
pub mod detail {
    pub const COUNT: &str = "count";
    pub const REASON: &str = "reason";
    pub const URL: &str = "url";
    pub const ID: &str = "id";
    pub const TITLE: &str = "title";
    pub const POSITION: &str = "position";
    pub const LOCKED: &str = "locked";
    pub const SECTIONS: &str = "sections";
    pub const ITEMS: &str = "items";
}

/// The shadow parts a themer can style with `::part()`.
pub const PARTS: &[&str] = &["root", "heading", "chips", "chip", "list", "skeleton", "item", "image", "sections", "section", "link", "title", "date", "badge", "error", "retry"];

/// The CSS custom properties a themer can set.
pub const CSS_PROPERTIES: &[&str] = &["--rs-font-family", "--rs-headline-font-family", "--rs-font-size", "--rs-line-height", "--rs-color-text", "--rs-color-muted", "--rs-color-link", "--rs-color-link-hover", "--rs-color-visited", "--rs-color-accent", "--rs-color-background", "--rs-color-divider", "--rs-color-skeleton", "--rs-badge-background", "--rs-badge-color", "--rs-badge-border", "--rs-chip-background", "--rs-chip-color", "--rs-chip-border", "--rs-chip-active-background", "--rs-chip-active-color", "--rs-focus-ring", "--rs-space", "--rs-gap", "--rs-padding", "--rs-radius", "--rs-image-radius", "--rs-image-placeholder"];
