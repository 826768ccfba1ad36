//! The widget's only words to the partner's developers: one console line a
//! problem, prefixed so it can be found among the page's own.

use wasm_bindgen::JsValue;

/// `related-stories: ` followed by the parts, joined without `format!`
/// (core's formatting machinery is kilobytes the bundle need not carry).
pub fn warn(parts: &[&str]) {
    let mut line = String::from("related-stories: ");
    for part in parts {
        line.push_str(part);
    }
    web_sys::console::warn_1(&JsValue::from_str(&line));
}
