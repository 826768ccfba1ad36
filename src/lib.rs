//! `related-stories`: an embeddable list of related news stories.
//!
//! Data flows one way: attributes -> [`config`]; feed URL -> fetch -> [`feed`]
//! -> [`select`] -> view. Everything but the view and the fetch is pure Rust,
//! tested natively; the browser parts are compiled for wasm32 only.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod cache;
pub mod config;
pub mod date;
pub mod feed;
pub mod i18n;
pub mod retry;
pub mod select;
pub mod text;
pub mod url;
pub mod widget;

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod web;
#[cfg(target_arch = "wasm32")]
pub use web::element::{mount, prefetch, Widget};
