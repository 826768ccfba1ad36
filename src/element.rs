//! The bridge between the `<related-stories>` custom element (defined by the
//! small JS loader) and the Rust widget: one [`Widget`] per connected element.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::components::{DateFormat, Load, Page, RelatedStories};
use crate::config::Config;
use crate::feed::Item;
use crate::feeds;
use crate::i18n::Lang;

/// Renders a widget into `host`'s shadow root. Never throws: a failure is logged
/// once and leaves the host's fallback content in place.
#[wasm_bindgen]
pub fn mount(host: HtmlElement) -> Option<Widget> {
    match Widget::mount(host) {
        Ok(widget) => Some(widget),
        Err(e) => {
            warn(&format!("could not render ({})", describe(&e)));
            None
        }
    }
}

#[wasm_bindgen]
pub struct Widget {
    host: HtmlElement,
    config: ArcRwSignal<Config>,
    page: ArcRwSignal<Page>,
    load: ArcRwSignal<Load>,
    /// The absolute feed URL last requested.
    feed_url: RefCell<Option<String>>,
    /// Bumped on every request, so a late answer for an old URL is dropped.
    generation: Rc<Cell<u32>>,
    /// Attribute problems already reported: each is warned about once.
    warned: RefCell<Vec<String>>,
    _view: Box<dyn Any>,
}

#[wasm_bindgen]
impl Widget {
    /// Re-reads the attributes (called on every attribute change); refetches
    /// only when the feed URL itself changed.
    pub fn update(&self) {
        let (config, page) = read(&self.host, &self.warned);
        let feed_url = config.feed.as_deref().and_then(|f| absolute(f).ok());
        self.page.set(page);
        self.config.set(config);
        if *self.feed_url.borrow() != feed_url {
            self.fetch(feed_url, false);
        }
    }

    /// Fetches the feed again, bypassing the page-wide cache.
    pub fn refresh(&self) {
        let feed_url = self.feed_url.borrow().clone();
        self.fetch(feed_url, true);
    }

    /// Drops the view and ignores any answer still on its way.
    pub fn unmount(self) {
        self.generation.set(self.generation.get().wrapping_add(1));
    }
}

impl Widget {
    fn mount(host: HtmlElement) -> Result<Widget, JsValue> {
        let shadow = shadow_root(&host)?;
        let container: HtmlElement = document()?.create_element("div")?.unchecked_into();
        container.set_class_name("mount");
        shadow.append_child(&container)?;

        let warned = RefCell::new(Vec::new());
        let (config, page) = read(&host, &warned);
        let feed_url = config.feed.as_deref().and_then(|f| absolute(f).ok());
        let config = ArcRwSignal::new(config);
        let page = ArcRwSignal::new(page);
        let load = ArcRwSignal::new(Load::Loading);
        let view = {
            let (config, page, load) = (config.clone(), page.clone(), load.clone());
            let events_host = host.clone();
            mount_to(container, move || {
                announce_loads(events_host, load.clone(), config.clone(), page.clone());
                move || {
                    view! {
                        <RelatedStories
                            load=load.get()
                            config=config.get()
                            page=page.get()
                            on_select=announce_select
                            on_retry=retry
                        />
                    }
                }
            })
        };
        let widget = Widget {
            host,
            config,
            page,
            load,
            feed_url: RefCell::new(None),
            generation: Rc::new(Cell::new(0)),
            warned,
            _view: Box::new(view),
        };
        widget.fetch(feed_url, false);
        // The date formatters are slow to make the first time on a page:
        // made while the feed downloads.
        let lang = widget.page.with_untracked(|p| p.lang);
        wasm_bindgen_futures::spawn_local(DateFormat::prepare(lang));
        Ok(widget)
    }

    fn fetch(&self, feed_url: Option<String>, fresh: bool) {
        *self.feed_url.borrow_mut() = feed_url.clone();
        let generation = self.generation.get().wrapping_add(1);
        self.generation.set(generation);
        let Some(url) = feed_url else {
            // A missing feed is the page's choice (a widget not yet set up),
            // an unusable one a mistake worth a warning.
            let reason = match self.config.with_untracked(|c| c.feed.clone()) {
                Some(feed) => {
                    let reason = format!("feed=\"{feed}\" is not a usable URL");
                    warn(&reason);
                    reason
                }
                None => "the \"feed\" attribute is missing or empty".to_owned(),
            };
            emit(
                &self.host,
                "error",
                &detail(&[("reason", reason.into())]),
                false,
            );
            self.load.set(Load::Failed);
            return;
        };
        self.load.set(Load::Loading);
        let (current, load, host) = (
            self.generation.clone(),
            self.load.clone(),
            self.host.clone(),
        );
        feeds::load(&url, fresh, move |outcome| {
            // A newer request (or unmount) has made this answer stale.
            if current.get() != generation {
                return;
            }
            match outcome {
                Ok(feed) => load.set(Load::Ready(feed)),
                Err(reason) => {
                    emit(
                        &host,
                        "error",
                        &detail(&[("reason", (*reason).into())]),
                        false,
                    );
                    load.set(Load::Failed);
                }
            }
        });
    }
}

/// Fires `related-stories:load` with the number of stories shown, whenever the
/// feed arrives or an attribute change re-renders the list.
fn announce_loads(
    host: HtmlElement,
    load: ArcRwSignal<Load>,
    config: ArcRwSignal<Config>,
    page: ArcRwSignal<Page>,
) {
    Effect::new(move || {
        let Load::Ready(feed) = load.get() else {
            return;
        };
        let (config, page) = (config.get(), page.get());
        let query = config.query(page.article);
        let count = crate::components::selection(&feed, &query).len();
        emit(
            &host,
            "load",
            &detail(&[("count", (count as f64).into())]),
            false,
        );
    });
}

/// Turns a reader's click on a story into `related-stories:select`. The host
/// may cancel it (say, to open its own subscription dialog for a locked
/// story); a modified or middle click is the reader asking for a new tab or
/// window, so it is reported but cannot be cancelled.
fn announce_select(ev: &web_sys::MouseEvent, item: &Item, position: usize) {
    // The link sits in our shadow root; its host is the element to fire from.
    let Some(host) = host_of(ev) else { return };
    let modified =
        ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0;
    let sections: js_sys::Array = item.sections.iter().map(|s| JsValue::from_str(s)).collect();
    let detail = detail(&[
        ("url", item.url.as_str().into()),
        ("id", item.id.as_str().into()),
        ("title", item.title.as_str().into()),
        ("position", (position as f64).into()),
        ("locked", item.locked.into()),
        ("sections", sections.into()),
    ]);
    if !emit(&host, "select", &detail, !modified) {
        ev.prevent_default();
    }
}

/// The error message's retry button: the element's own `refresh()`.
fn retry(ev: &web_sys::MouseEvent) {
    let Some(host) = host_of(ev) else { return };
    if let Ok(refresh) = js_sys::Reflect::get(&host, &"refresh".into()) {
        if let Some(refresh) = refresh.dyn_ref::<js_sys::Function>() {
            // A throw here is the browser's to report; the widget stays as it is.
            let _ = refresh.call0(&host);
        }
    }
}

/// The custom element whose shadow root the event's target sits in.
fn host_of(ev: &web_sys::MouseEvent) -> Option<web_sys::Element> {
    ev.current_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .and_then(|node| node.get_root_node().dyn_into::<ShadowRoot>().ok())
        .map(|root| root.host())
}

/// An event detail object from `(name, value)` pairs.
fn detail(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

/// Dispatches `related-stories:<name>` from the element, bubbling and
/// crossing shadow boundaries. Returns false when a listener cancelled it.
fn emit(host: &web_sys::Element, name: &str, detail: &JsValue, cancelable: bool) -> bool {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(cancelable);
    init.set_detail(detail);
    match web_sys::CustomEvent::new_with_event_init_dict(&format!("related-stories:{name}"), &init)
    {
        // A listener that throws is reported by the browser, not to us.
        Ok(event) => host.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

/// The element's attributes and what the page says around it. Each attribute
/// mistake is warned about once, not again on every later change.
fn read(host: &HtmlElement, warned: &RefCell<Vec<String>>) -> (Config, Page) {
    let (config, warnings) = Config::from_attributes(|name| host.get_attribute(name));
    for w in warnings {
        if !warned.borrow().contains(&w) {
            warn(&w);
            warned.borrow_mut().push(w);
        }
    }
    let page = Page {
        article: current_article(config.article.as_deref()),
        lang: Lang::from_tag(&language(host, config.lang.as_deref())),
        has_fallback: has_fallback(host),
    };
    (config, page)
}

/// `article` attribute, else `<link rel="canonical">`, else the page's own URL
/// without its fragment.
fn current_article(attribute: Option<&str>) -> Option<String> {
    if let Some(article) = attribute {
        return absolute(article).ok();
    }
    let document = document().ok()?;
    let canonical = document
        .query_selector("link[rel~='canonical'][href]")
        .ok()
        .flatten()
        .and_then(|link| link.dyn_into::<web_sys::HtmlLinkElement>().ok())
        .map(|link| link.href())
        .filter(|href| !href.is_empty());
    canonical.or_else(|| {
        let href = document.location()?.href().ok()?;
        Some(href.split('#').next().unwrap_or_default().to_owned())
    })
}

/// `lang` attribute, else the nearest `lang` around the element.
fn language(host: &HtmlElement, attribute: Option<&str>) -> String {
    if let Some(lang) = attribute {
        return lang.to_owned();
    }
    host.closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_default()
}

/// Whether the partner left something to show if we fail: an element, or text
/// that is not just whitespace.
fn has_fallback(host: &HtmlElement) -> bool {
    host.first_element_child().is_some()
        || host.text_content().is_some_and(|t| !t.trim().is_empty())
}

/// Resolves a URL written in the page against the page's base URL.
fn absolute(url: &str) -> Result<String, JsValue> {
    let base = document()?.base_uri()?.unwrap_or_default();
    Ok(web_sys::Url::new_with_base(url, &base)?.href())
}

fn shadow_root(host: &HtmlElement) -> Result<ShadowRoot, JsValue> {
    // Re-inserting an element finds its shadow root already there.
    let shadow = match host.shadow_root() {
        Some(shadow) => {
            shadow.set_inner_html("");
            shadow
        }
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    crate::style::adopt(&shadow)?;
    Ok(shadow)
}

fn document() -> Result<web_sys::Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// One line in the console, prefixed so a partner can find us.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("related-stories: {message}")));
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            js_sys::Reflect::get(e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "unknown error".to_owned())
}
