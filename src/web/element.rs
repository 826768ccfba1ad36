//! The bridge between the `<related-stories>` custom element (defined by the
//! small JS loader) and the Rust widget: one [`Widget`] per connected element.
//!
//! Each change (the feed arriving, an attribute, a chip) renders the widget
//! anew from its state through [`crate::widget::shown`]; the views hold no
//! state and no listeners of their own. One listener on the widget's
//! container, a closure that holds its widget, reads what the reader
//! clicked by its `part`.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{
    Element, Event, HtmlElement, MouseEvent, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

use super::console::warn;
use super::dates::DateFormat;
use super::schedule::after;
use super::share;
use crate::components::RelatedStories;
use crate::config::Config;
use crate::contract::{self, ERROR_EVENT, EVENT_PREFIX, LOAD_EVENT, SELECT_EVENT};
use crate::feed::Item;
use crate::i18n::Lang;
use crate::widget::{self, Load, Page};

/// Renders a widget into `host`'s shadow root. Never throws: a failure is logged
/// once and leaves the host's fallback content in place.
///
/// `rendered` is called after every render with the `impression` event's
/// detail for the list it shows, or `undefined` when it shows none. The
/// loader tells a new list from the same one again, watches it for a
/// viewable impression and dispatches the event.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, rendered: js_sys::Function) -> Option<Widget> {
    match Inner::mount(host, rendered) {
        Ok(inner) => Some(Widget(inner)),
        Err(e) => {
            warn(&["could not render (", &describe(&e), ")"]);
            None
        }
    }
}

/// Starts loading the feed at `feed` (as written in the page) for widgets
/// that will need it soon, and gets the first render ready, all in idle time.
#[wasm_bindgen]
pub fn prefetch(feed: &str) {
    let lang = document()
        .ok()
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .unwrap_or_default();
    let lang = Lang::from_tag(&lang);
    if let Ok(url) = absolute(feed) {
        share::load(
            &url,
            false,
            Box::new(move |outcome| rehearse(outcome, lang)),
        );
    }
    // The date formatters cost tens of milliseconds the first time (more on
    // a phone); made now, in the page's language, the widget's first render
    // does not wait for them.
    wasm_bindgen_futures::spawn_local(DateFormat::prepare(lang));
}

/// Renders the prefetched feed once into an element no page holds, then
/// drops it: the browser compiles the render path's WebAssembly on its
/// first call, and this way that happens now, in idle time, not in the task
/// that shows a reader the list.
fn rehearse(outcome: share::Outcome, lang: Lang) {
    let (Ok(feed), Ok(document)) = (outcome, document()) else {
        return;
    };
    let Ok(container) = document.create_element("div") else {
        return;
    };
    let (config, _) = Config::from_attributes(|_| None);
    let page = Page {
        lang,
        ..Page::default()
    };
    let load = Load::Ready(feed);
    drop(mount_view(
        container.unchecked_into(),
        &load,
        &config,
        &page,
        None,
    ));
}

/// Mounts the view of one state into `parent`: the mounted view (dropping
/// it takes it off again) and the stories it lists, in order.
fn mount_view(
    parent: HtmlElement,
    load: &Load,
    config: &Config,
    page: &Page,
    chip: Option<&str>,
) -> (Box<dyn Any>, Vec<Item>) {
    let dates = DateFormat::new(page.lang);
    let (shown, listed) = widget::shown(load, config, page, chip, &|ms| dates.format(ms));
    let view = mount_to(parent, move || view! { <RelatedStories shown/> });
    (Box::new(view), listed)
}

/// The events the container listens to, and whether in the capture phase.
/// Middle clicks never fire `click`: `auxclick` reports them. An image's
/// `error` does not bubble, so it is caught on the way down.
const LISTENED: [(&str, bool); 3] = [("click", false), ("auxclick", false), ("error", true)];

/// How long a first load may take before the skeleton shows, in ms: under
/// the 300 ms or so that readers notice as a wait.
const SKELETON_AFTER_MS: i32 = 250;

#[wasm_bindgen]
pub struct Widget(Rc<Inner>);

#[wasm_bindgen]
impl Widget {
    /// Re-reads the attributes (called on every attribute change); refetches
    /// only when the feed URL itself changed.
    pub fn update(&self) {
        self.0.update();
    }

    /// Fetches the feed again, bypassing the page-wide cache.
    pub fn refresh(&self) {
        self.0.refresh();
    }

    /// Drops the view and ignores any answer still on its way.
    pub fn unmount(self) {
        let inner = &self.0;
        inner.generation.set(inner.generation.get().wrapping_add(1));
        inner.view.replace(None);
    }
}

struct Inner {
    host: HtmlElement,
    shadow: ShadowRoot,
    container: HtmlElement,
    config: RefCell<Config>,
    page: RefCell<Page>,
    load: RefCell<Load>,
    /// The section chip the reader pressed, if any.
    chip: RefCell<Option<String>>,
    /// The stories shown, in order, for the `select` event.
    listed: RefCell<Vec<Item>>,
    /// The loader's callback after each render (see [`mount`]).
    rendered: js_sys::Function,
    /// The absolute feed URL last requested.
    feed_url: RefCell<Option<String>>,
    /// Bumped on every request, so a late answer for an old URL is dropped.
    generation: Cell<u32>,
    /// Attribute problems already reported: each is warned about once.
    warned: RefCell<Vec<String>>,
    /// The mounted view; dropping it takes it off the page.
    view: RefCell<Option<Box<dyn Any>>>,
    /// The container's listener for clicks and failed images, kept as long
    /// as the container can send it events.
    listener: Closure<dyn Fn(Event)>,
    /// Callbacks hold the widget through this.
    me: Weak<Inner>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // The container can outlive its widget (a shadow root is kept for
        // a re-insert): it must never call the listener dropped with it.
        let listener = self.listener.as_ref().unchecked_ref();
        for (event, capture) in LISTENED {
            let _ = self
                .container
                .remove_event_listener_with_callback_and_bool(event, listener, capture);
        }
    }
}

impl Inner {
    fn mount(host: HtmlElement, rendered: js_sys::Function) -> Result<Rc<Inner>, JsValue> {
        let shadow = shadow_root(&host)?;
        let container: HtmlElement = document()?.create_element("div")?.unchecked_into();
        container.set_class_name("mount");
        shadow.append_child(&container)?;
        let warned = RefCell::new(Vec::new());
        let (config, page) = config_and_page(&host, &warned);
        let lang = page.lang;
        let inner = Rc::new_cyclic(|me: &Weak<Inner>| Inner {
            listener: {
                let me = me.clone();
                Closure::new(move |ev: Event| {
                    if let Some(me) = me.upgrade() {
                        me.on_event(&ev);
                    }
                })
            },
            host,
            shadow,
            container,
            config: RefCell::new(config),
            page: RefCell::new(page),
            load: RefCell::new(Load::Loading),
            chip: RefCell::new(None),
            listed: RefCell::new(Vec::new()),
            rendered,
            feed_url: RefCell::new(None),
            generation: Cell::new(0),
            warned,
            view: RefCell::new(None),
            me: me.clone(),
        });
        let listener = inner.listener.as_ref().unchecked_ref();
        for (event, capture) in LISTENED {
            inner
                .container
                .add_event_listener_with_callback_and_bool(event, listener, capture)?;
        }
        if inner.fetch(false) {
            // The skeleton only for a feed that keeps the reader waiting:
            // one preloaded while the wasm downloaded is listed sooner, and
            // a skeleton replaced within a blink is a flicker (and, on a
            // phone, a render and a layout in the list's way). Until then
            // the loader's reserved box keeps the room.
            let me = inner.me.clone();
            let generation = inner.generation.get();
            after(SKELETON_AFTER_MS, move || {
                let still_loading = |me: &Rc<Inner>| {
                    me.generation.get() == generation && matches!(*me.load.borrow(), Load::Loading)
                };
                if let Some(me) = me.upgrade().filter(still_loading) {
                    me.render(false);
                }
            });
        }
        // The date formatters are slow to make the first time on a page:
        // made while the feed downloads.
        wasm_bindgen_futures::spawn_local(DateFormat::prepare(lang));
        Ok(inner)
    }

    fn update(&self) {
        let (config, page) = config_and_page(&self.host, &self.warned);
        if config == *self.config.borrow() && page == *self.page.borrow() {
            return;
        }
        self.config.replace(config);
        self.page.replace(page);
        // A new attribute starts again from "All".
        self.chip.replace(None);
        if self.feed_url() == *self.feed_url.borrow() {
            self.render(true);
        } else {
            self.fetch_showing_skeleton(false);
        }
    }

    fn refresh(&self) {
        self.fetch_showing_skeleton(true);
    }

    /// Fetches, and shows the skeleton until the feed is there.
    fn fetch_showing_skeleton(&self, fresh: bool) {
        if self.fetch(fresh) {
            self.render(false);
        }
    }

    fn feed_url(&self) -> Option<String> {
        let config = self.config.borrow();
        config.feed.as_deref().and_then(|f| absolute(f).ok())
    }

    /// Requests the feed; true while it is on its way (a feed already
    /// loaded for another widget is rendered at once, without a skeleton).
    fn fetch(&self, fresh: bool) -> bool {
        let feed_url = self.feed_url();
        self.feed_url.replace(feed_url.clone());
        let generation = self.generation.get().wrapping_add(1);
        self.generation.set(generation);
        let Some(url) = feed_url else {
            // A missing feed is the page's choice (a widget not yet set up),
            // an unusable one a mistake worth a warning.
            let reason = match self.config.borrow().feed.as_deref() {
                Some(feed) => {
                    let reason = ["feed=\"", feed, "\" is not a usable URL"].concat();
                    warn(&[&reason]);
                    reason
                }
                None => "the \"feed\" attribute is missing or empty".to_owned(),
            };
            self.fail(&reason);
            return false;
        };
        self.load.replace(Load::Loading);
        let me = self.me.clone();
        share::load(
            &url,
            fresh,
            Box::new(move |outcome| {
                // A newer request (or unmount) has made this answer stale.
                let Some(me) = me.upgrade().filter(|me| me.generation.get() == generation) else {
                    return;
                };
                match outcome {
                    Ok(feed) => me.set_load(Load::Ready(feed)),
                    Err(reason) => me.fail(&reason),
                }
            }),
        );
        let loading = matches!(*self.load.borrow(), Load::Loading);
        if loading {
            self.chip.replace(None);
        }
        loading
    }

    fn fail(&self, reason: &str) {
        let detail = detail(&[(contract::detail::REASON, reason.into())]);
        announce(&self.host, ERROR_EVENT, detail);
        self.set_load(Load::Failed);
    }

    fn set_load(&self, load: Load) {
        self.load.replace(load);
        self.chip.replace(None);
        self.render(true);
    }

    /// Renders the current state in place of the last. With `report`, a
    /// shown list is also reported as `related-stories:load`.
    fn render(&self, report: bool) {
        let focus = Focus::take(&self.shadow);
        // The old view goes first, so the new one's ids are the only ones;
        // so does the loader's reserved box, which held the room till now.
        self.view.replace(None);
        if let Ok(Some(reserve)) = self.shadow.query_selector(".reserve") {
            reserve.remove();
        }
        let (view, listed) = {
            let (load, config, page) =
                (self.load.borrow(), self.config.borrow(), self.page.borrow());
            let chip = self.chip.borrow();
            let container = self.container.clone();
            mount_view(container, &load, &config, &page, chip.as_deref())
        };
        let ready = matches!(*self.load.borrow(), Load::Ready(_));
        let count = listed.len();
        let shown = (count > 0).then(|| impression(&listed));
        self.listed.replace(listed);
        self.view.replace(Some(view));
        focus.restore(&self.shadow);
        // A callback that throws is the loader's bug, not the render's.
        let _ = self
            .rendered
            .call1(&JsValue::NULL, &shown.unwrap_or_default());
        if report && ready {
            // Without a chip, the whole selection is what is listed.
            let detail = detail(&[(contract::detail::COUNT, (count as f64).into())]);
            announce(&self.host, LOAD_EVENT, detail);
        }
    }

    /// What a reader's click (or a failed image) in the views means.
    fn on_event(&self, ev: &Event) {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let kind = ev.type_();
        if kind == "error" {
            // A broken image is hidden; its frame's placeholder shows.
            if target.local_name() == "img" {
                let _ = target.set_attribute("data-failed", "");
            }
            return;
        }
        let Ok(Some(control)) = target.closest("[part~=link],[part~=chip],[part~=retry]") else {
            return;
        };
        match control.get_attribute("part").as_deref() {
            Some("link") => {
                let Some(ev) = ev.dyn_ref::<MouseEvent>() else {
                    return;
                };
                // Of the other buttons' clicks, only the middle one opens a link.
                if kind == "auxclick" && ev.button() != 1 {
                    return;
                }
                if let Some(position) = self.position_of(&control) {
                    self.select(ev, position);
                }
            }
            Some("chip") if kind == "click" => {
                // "All" has no value.
                self.chip.replace(control.get_attribute("value"));
                self.render(false);
            }
            Some("retry") if kind == "click" => self.refresh(),
            _ => {}
        }
    }

    /// The 1-based place of `link` among the stories shown.
    fn position_of(&self, link: &Element) -> Option<usize> {
        let links = self.container.query_selector_all("[part~=link]").ok()?;
        place_in(&links, link).map(|i| i as usize + 1)
    }

    /// Turns a reader's click on a story into `related-stories:select`. The
    /// host may cancel it (say, to open its own subscription dialog for a
    /// locked story); a modified or middle click is the reader asking for a
    /// new tab or window, so it is reported but cannot be cancelled.
    fn select(&self, ev: &web_sys::MouseEvent, position: usize) {
        let listed = self.listed.borrow();
        let Some(item) = position.checked_sub(1).and_then(|i| listed.get(i)) else {
            return;
        };
        let modified =
            ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0;
        let sections: js_sys::Array = item.sections.iter().map(|s| JsValue::from_str(s)).collect();
        let detail = detail(&[
            (contract::detail::URL, item.url.as_str().into()),
            (contract::detail::ID, item.id.as_str().into()),
            (contract::detail::TITLE, item.title.as_str().into()),
            (contract::detail::POSITION, (position as f64).into()),
            (contract::detail::LOCKED, item.locked.into()),
            (contract::detail::SECTIONS, sections.into()),
        ]);
        drop(listed);
        if !emit(&self.host, SELECT_EVENT, &detail, !modified) {
            ev.prevent_default();
        }
    }
}

/// The `impression` event's detail: each story as `select` reports it.
fn impression(listed: &[Item]) -> JsValue {
    let items: js_sys::Array = listed
        .iter()
        .enumerate()
        .map(|(i, item)| {
            detail(&[
                (contract::detail::URL, item.url.as_str().into()),
                (contract::detail::ID, item.id.as_str().into()),
                (contract::detail::POSITION, ((i + 1) as f64).into()),
                (contract::detail::LOCKED, item.locked.into()),
            ])
        })
        .collect();
    detail(&[
        (contract::detail::COUNT, (listed.len() as f64).into()),
        (contract::detail::ITEMS, items.into()),
    ])
}

/// Where keyboard focus was inside the widget before a render: the `part`
/// of the focused element and its place among those parts, so a reader
/// who pressed a chip (or any control) keeps their place after it.
struct Focus(Option<(String, u32)>);

impl Focus {
    fn take(shadow: &ShadowRoot) -> Focus {
        let at = shadow.active_element().and_then(|active| {
            let part = active.get_attribute("part")?;
            let peers = shadow.query_selector_all(&part_selector(&part)).ok()?;
            place_in(&peers, &active).map(|i| (part, i))
        });
        Focus(at)
    }

    fn restore(self, shadow: &ShadowRoot) {
        let Some((part, i)) = self.0 else { return };
        // A pressed chip is where the reader is, wherever the list put it.
        let selector = if part == "chip" {
            "[part~=chip][aria-pressed=true]".to_owned()
        } else {
            part_selector(&part)
        };
        let found = shadow.query_selector_all(&selector).ok().and_then(|all| {
            let i = if part == "chip" { 0 } else { i };
            all.get(i)
        });
        if let Some(element) = found.and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
            let _ = element.focus();
        }
    }
}

/// Where `node` is in `list`, from 0.
fn place_in(list: &web_sys::NodeList, node: &web_sys::Node) -> Option<u32> {
    (0..list.length()).find(|&i| list.get(i).is_some_and(|n| n.is_same_node(Some(node))))
}

fn part_selector(part: &str) -> String {
    ["[part=\"", part, "\"]"].concat()
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

/// Dispatches `related-stories:<name>` once the current task's work is
/// done: a widget that finds its feed already loaded renders inside
/// `mount`, and the loader listens for `load` and `error` only after it.
fn announce(host: &web_sys::Element, name: &'static str, detail: JsValue) {
    let host = host.clone();
    let dispatch = Closure::once_into_js(move || emit(&host, name, &detail, false));
    if let Some(window) = web_sys::window() {
        window.queue_microtask(dispatch.unchecked_ref());
    }
}

/// Dispatches `related-stories:<name>` from the element, bubbling and
/// crossing shadow boundaries. Returns false when a listener cancelled it.
fn emit(host: &web_sys::Element, name: &str, detail: &JsValue, cancelable: bool) -> bool {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(cancelable);
    init.set_detail(detail);
    let kind = [EVENT_PREFIX, name].concat();
    match web_sys::CustomEvent::new_with_event_init_dict(&kind, &init) {
        // A listener that throws is reported by the browser, not to us.
        Ok(event) => host.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

/// The element's attributes and what the page says around it. Each attribute
/// mistake is warned about once, not again on every later change.
fn config_and_page(host: &HtmlElement, warned: &RefCell<Vec<String>>) -> (Config, Page) {
    let (config, warnings) = Config::from_attributes(|name| host.get_attribute(name));
    for w in warnings {
        if !warned.borrow().contains(&w) {
            warn(&[&w]);
            warned.borrow_mut().push(w);
        }
    }
    let page = Page {
        article: current_article(config.article.as_deref()),
        lang: Lang::from_tag(&language(host, config.lang.as_deref())),
        has_fallback: has_fallback(host),
        context: page_context(),
    };
    (config, page)
}

/// What the page says its article is: `og:title`, else `<title>`, and its
/// description. Nothing else of the page is read.
fn page_context() -> Option<String> {
    let document = document().ok()?;
    let meta = |selector: &str| {
        document
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
    };
    let title = meta("meta[property='og:title'][content]").unwrap_or_else(|| document.title());
    let description = meta("meta[name='description'][content]")
        .or_else(|| meta("meta[property='og:description'][content]"))
        .unwrap_or_default();
    let context = [title.as_str(), " ", description.as_str()].concat();
    (!context.trim().is_empty()).then_some(context)
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
            // The loader's reserved box stays until the first render.
            let reserve = shadow.query_selector(".reserve").ok().flatten();
            shadow.set_inner_html("");
            if let Some(reserve) = reserve {
                shadow.append_child(&reserve)?;
            }
            shadow
        }
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    super::style::adopt(&shadow)?;
    Ok(shadow)
}

fn document() -> Result<web_sys::Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
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
