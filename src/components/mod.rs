//! The widget's views. They only render: what to show is decided by
//! [`crate::select`] from a parsed [`crate::feed::Feed`].

mod related;
mod skeleton;
mod story;

pub use related::{Load, Page, RelatedStories};
