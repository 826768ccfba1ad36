//! The widget's stylesheet, shared by every widget on the page.
//!
//! A constructable stylesheet adopted by each shadow root: one parse for any
//! number of widgets, no extra request, and nothing a strict `style-src` CSP blocks.

use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, ShadowRoot};

const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/related-stories.min.css"));

thread_local! {
    static SHEET: Result<CssStyleSheet, JsValue> = CssStyleSheet::new().and_then(|sheet| {
        sheet.replace_sync(CSS)?;
        Ok(sheet)
    });
}

pub fn adopt(shadow: &ShadowRoot) -> Result<(), JsValue> {
    SHEET.with(|sheet| {
        let sheet = sheet.as_ref().map_err(Clone::clone)?;
        shadow.set_adopted_style_sheets(&js_sys::Array::of1(sheet));
        Ok(())
    })
}
