//! `related-stories`: an embeddable list of related news stories.
//!
//! Data flows one way:
//!
//! ```text
//! attributes --------------------------> config ---------+
//! feed URL -> web::share -> web::fetch -> feed (parse) --+-> widget::shown -> components
//!              (one per page)  (gloo-net)                |   (select, Shown)   (views only)
//!                   `-> web::saved (last good copy)      |
//! page (canonical, lang, fallback) ----------------------+
//! ```
//!
//! Everything left of the views, but fetching and storage, is pure Rust
//! tested natively (`cache`, `config`, `date`, `feed`, `i18n`, `retry`,
//! `select`, `text`, `url`, `widget`); `web` and `components` touch the DOM
//! and are compiled for wasm32 only. `web::element` is the one widget the
//! loader mounts; it renders the view anew from its state on each change.
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
// Generated from src/contract.json by tools/contract.mjs, formatted as generated.
#[rustfmt::skip]
pub mod contract;
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
