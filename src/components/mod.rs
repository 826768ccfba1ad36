//! The widget's views. They only render: what to show is decided by
//! [`crate::select`] from a parsed [`crate::feed::Feed`].

mod related;
mod skeleton;
mod story;

pub use related::{selection, Load, Page, RelatedStories};
pub use story::DateFormat;

/// Called when a reader activates a story link, with the 1-based position of
/// the story in the list. The element turns it into a `related-stories:select`
/// event; the views themselves know nothing of events.
pub type OnSelect = fn(&web_sys::MouseEvent, &crate::feed::Item, usize);

/// Called when a reader asks to try loading the feed again.
pub type OnRetry = fn(&web_sys::MouseEvent);
