//! The browser half: everything that touches the DOM, the network or the
//! page's storage, compiled for wasm32 only. Modules depend downwards in
//! this order and never back: `element` (one widget) uses `share` (one feed
//! per URL for the page), which uses `fetch` and `saved`; all of them use
//! `schedule` and `console`.

pub mod console;
pub mod dates;
pub mod element;
pub mod fetch;
pub mod saved;
pub mod schedule;
pub mod share;
pub mod style;
