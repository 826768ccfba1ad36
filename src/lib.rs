//! `related-stories`: an embeddable list of related news stories.
//!
//! Data flows one way:
//!
//! ```text
//! attributes ---------------------------------> config --------------+
//!   (loader.js observes them; contract: names, defaults, ranges)     |
//! feed URL -> web::share -> web::fetch -> feed::Parser -> Feed ------+-> widget::shown -> components
//!             (one per URL   (gloo-net,     (sliced, lenient)        |   (select: filter,  (views only)
//!              per page)      fetch_policy)                          |    rank, limit)
//!                 `-> web::saved (saved_copy: the last good copy)    |
//! page (canonical, lang, fallback) ----------------------------------+
//!                                 web::element mounts the view, emits load/error/select
//! ```
//!
//! Pure Rust, tested natively: `config`, `contract` (generated from
//! `src/contract.json`), `date`, `feed`, `fetch_policy`, `i18n`,
//! `saved_copy`, `select`, `text`, `url`, `widget`. `web` and `components`
//! touch the DOM and are compiled for wasm32 only. `web::element` is the one
//! widget the loader mounts; it renders the view anew from its state on each
//! change.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod config;
// Generated from src/contract.json by tools/contract.mjs, formatted as generated.
#[rustfmt::skip]
pub mod contract;
pub mod date;
pub mod feed;
pub mod fetch_policy;
pub mod heap;
pub mod i18n;
pub mod saved_copy;
pub mod select;
pub mod terms;
pub mod text;
pub mod url;
pub mod widget;

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod web;
#[cfg(target_arch = "wasm32")]
pub use web::element::{mount, prefetch, Widget};
