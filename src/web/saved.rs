//! The last good copy of each feed in the reader's `sessionStorage`, to
//! stand in when the network fails (the format is [`crate::saved_copy`]'s).

use crate::saved_copy;

fn session() -> Option<web_sys::Storage> {
    // Storage can be switched off or forbidden (sandboxed frames): then we simply keep nothing.
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps `text` as the copy of `url`; a full storage is the host page's
/// business, not an error of ours.
pub fn keep(url: &str, text: &str) {
    if let (Some(storage), Some(entry)) = (session(), saved_copy::pack(js_sys::Date::now(), text)) {
        let _ = storage.set_item(&saved_copy::key(url), &entry);
    }
}

/// The saved text of `url` and its age in ms, if a usable copy is there;
/// a damaged or expired one is removed.
pub fn take(url: &str) -> Option<(String, f64)> {
    let storage = session()?;
    let key = saved_copy::key(url);
    let entry = storage.get_item(&key).ok().flatten()?;
    let found =
        saved_copy::unpack(&entry, js_sys::Date::now()).map(|(text, age)| (text.to_owned(), age));
    if found.is_none() {
        forget(url);
    }
    found
}

/// Drops the copy of `url` (it did not parse into any story).
pub fn forget(url: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(&saved_copy::key(url));
    }
}
