//! Components and the element bridge, mounted into a real DOM in headless
//! Chromium (`make test-wasm`).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use leptos::prelude::*;
use std::rc::Rc;

use related_stories::components::RelatedStories;
use related_stories::config::Config;
use related_stories::feed;
use related_stories::i18n::Lang;
use related_stories::web::dates::DateFormat;
use related_stories::widget::{shown, Load, Page};
use std::cell::RefCell;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const FEED: &str = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "_om": {"tiers": [{"label": "POZIRK+"}]},
  "items": [
    {"id": "a", "url": "https://news.example/a", "title": "Current article", "tags": ["Politics"], "date_published": "2023-12-15T10:00:00Z"},
    {"id": "b", "url": "https://news.example/b", "title": "Both sections, older", "tags": ["Politics", "Security"], "date_published": "2023-12-10T10:00:00Z", "_om": {"access": "locked"}},
    {"id": "c", "url": "https://news.example/c", "title": "One section, newest", "tags": ["Security"], "date_published": "2023-12-14T10:00:00Z"},
    {"id": "d", "url": "https://news.example/d", "title": "<img src=x onerror=alert(1)>", "tags": ["Politics"], "date_published": "2023-12-01T10:00:00Z"},
    {"id": "e", "url": "https://news.example/e", "title": "Economy only", "tags": ["Economy"]}
  ]
}"#;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn fresh_host() -> HtmlElement {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

fn config(sections: &str) -> Config {
    Config::from_attributes(|name| match name {
        "feed" => Some("/feed.json".into()),
        "sections" => Some(sections.into()),
        _ => None,
    })
    .0
}

fn page() -> Page {
    Page {
        article: Some("https://news.example/a".into()),
        lang: Lang::En,
        has_fallback: false,
        context: None,
    }
}

/// Mounts the views for one state, as the element does.
fn render(load: Load, config: Config, page: Page) -> HtmlElement {
    let host = fresh_host();
    let dates = DateFormat::new(page.lang);
    let (shown, _) = shown(&load, &config, &page, None, &|ms| dates.format(ms));
    let handle = mount_to(host.clone(), move || view! { <RelatedStories shown/> });
    handle.forget();
    host
}

fn ready() -> Load {
    Load::Ready(Arc::new(
        feed::parse(FEED, "https://news.example/feed.json").unwrap(),
    ))
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    all(root, selector)
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
fn renders_ranked_stories_as_real_links() {
    let host = render(ready(), config("Politics, Security"), page());
    assert_eq!(texts(&host, "[part~=heading]"), ["Related stories"]);
    assert_eq!(
        texts(&host, "[part~=title]"),
        [
            "Both sections, older",
            "One section, newest",
            "<img src=x onerror=alert(1)>"
        ]
    );
    let hrefs: Vec<_> = all(&host, "a[part~=link]")
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    assert_eq!(
        hrefs,
        [
            "https://news.example/b",
            "https://news.example/c",
            "https://news.example/d"
        ]
    );
    assert_eq!(texts(&host, "[part~=sections]")[0], "Politics, Security");
    let section = host.query_selector("section").unwrap().unwrap();
    assert_eq!(
        section.get_attribute("aria-labelledby").as_deref(),
        Some("rs-heading")
    );
}

#[wasm_bindgen_test]
fn feed_markup_stays_text() {
    let host = render(ready(), config(""), page());
    assert!(host.query_selector("img").unwrap().is_none());
}

#[wasm_bindgen_test]
fn only_locked_stories_carry_a_badge_that_says_so() {
    let host = render(ready(), config("Politics, Security"), page());
    let items = all(&host, "li[part~=item]");
    let badges: Vec<bool> = items
        .iter()
        .map(|li| li.query_selector("[part~=badge]").unwrap().is_some())
        .collect();
    assert_eq!(badges, [true, false, false]);
    let badge = items[0].query_selector("[part~=badge]").unwrap().unwrap();
    assert_eq!(badge.text_content().unwrap(), "Subscribers only: POZIRK+");
    assert_eq!(
        badge
            .query_selector("svg")
            .unwrap()
            .unwrap()
            .get_attribute("aria-hidden")
            .as_deref(),
        Some("true")
    );
    assert!(items[0].class_list().contains("locked"));
}

#[wasm_bindgen_test]
fn dates_are_localized_with_an_exact_datetime() {
    let host = render(
        ready(),
        config("Politics, Security"),
        Page {
            lang: Lang::Ru,
            ..page()
        },
    );
    let time = host.query_selector("time[part~=date]").unwrap().unwrap();
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2023-12-10T10:00:00.000Z")
    );
    assert!(time.text_content().unwrap().contains("2023"));
    assert!(
        time.text_content().unwrap().contains("дек"),
        "{:?}",
        time.text_content()
    );
    assert_eq!(texts(&host, "[part~=heading]"), ["Материалы по теме"]);
}

#[wasm_bindgen_test]
fn a_hidden_heading_still_names_the_region() {
    let mut c = config("");
    c.heading = Some(String::new());
    let host = render(ready(), c, page());
    assert!(host.query_selector("h2").unwrap().is_none());
    let section = host.query_selector("section").unwrap().unwrap();
    assert_eq!(
        section.get_attribute("aria-label").as_deref(),
        Some("Related stories")
    );
}

#[wasm_bindgen_test]
fn loading_shows_one_skeleton_row_per_story() {
    let mut c = config("");
    c.limit = 3;
    let host = render(Load::Loading, c, page());
    assert_eq!(all(&host, "[part~=skeleton] li").len(), 3);
    assert!(host
        .query_selector("[data-state=loading]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
fn nothing_matching_renders_nothing() {
    let host = render(ready(), config("Sport"), page());
    assert!(host.query_selector("[data-state=empty]").unwrap().is_some());
    assert_eq!(
        host.query_selector("[data-state=empty]")
            .unwrap()
            .unwrap()
            .child_element_count(),
        0
    );
}

#[wasm_bindgen_test]
fn failure_shows_the_partners_fallback_or_our_message() {
    let with = render(
        Load::Failed,
        config(""),
        Page {
            has_fallback: true,
            ..page()
        },
    );
    assert!(with
        .query_selector("[data-state=error] slot")
        .unwrap()
        .is_some());
    let without = render(
        Load::Failed,
        config(""),
        Page {
            lang: Lang::Be,
            ..page()
        },
    );
    assert!(without.query_selector("slot").unwrap().is_none());
    // The sentence, then its retry button.
    assert_eq!(
        texts(&without, "[part~=error]"),
        ["Не ўдалося загрузіць звязаныя матэрыялы.Паспрабаваць зноў"]
    );
}

/// Every `part` a state renders, as a themer's `::part()` would find it.
fn parts(root: &Element) -> Vec<String> {
    all(root, "[part]")
        .iter()
        .flat_map(|e| {
            let part = e.get_attribute("part").unwrap_or_default();
            part.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[wasm_bindgen_test]
fn the_rendered_parts_are_exactly_the_documented_ones() {
    let cards = Config::from_attributes(|name| match name {
        "feed" => Some("/feed.json".into()),
        "sections" => Some("Politics, Security".into()),
        "layout" => Some("cards".into()),
        "chips" => Some(String::new()),
        _ => None,
    })
    .0;
    // One story with a thumbnail, for the cards layout's `image`.
    let with_image = FEED.replace(
        r#""id": "b","#,
        r#""id": "b", "image": "https://news.example/b.jpg","#,
    );
    let with_image = feed::parse(&with_image, "https://news.example/feed.json").unwrap();
    let mut rendered: Vec<String> = [
        render(Load::Ready(Arc::new(with_image)), cards, page()),
        render(ready(), config("Politics"), page()),
        render(Load::Loading, config(""), page()),
        render(Load::Failed, config(""), page()),
    ]
    .iter()
    .flat_map(|host| parts(host))
    .collect();
    rendered.sort();
    rendered.dedup();
    let mut documented: Vec<String> = related_stories::contract::PARTS
        .iter()
        .map(|p| p.to_string())
        .collect();
    documented.sort();
    assert_eq!(rendered, documented);
}

/// A one-story feed published `hours_ago` hours before now.
fn recent_feed(hours_ago: f64) -> Load {
    let when = js_sys::Date::new(&JsValue::from_f64(
        js_sys::Date::now() - hours_ago * 3_600_000.0,
    ));
    let json = format!(
        r#"{{"items":[{{"id":"r","url":"https://news.example/r","title":"Recent","date_published":"{}"}}]}}"#,
        String::from(when.to_iso_string())
    );
    Load::Ready(Arc::new(
        feed::parse(&json, "https://news.example/feed.json").unwrap(),
    ))
}

#[wasm_bindgen_test]
fn recent_dates_read_relative_in_the_readers_language() {
    for (lang, three_hours, yesterday) in [
        (Lang::En, "3 hours ago", "yesterday"),
        (Lang::Ru, "3 часа назад", "вчера"),
        (Lang::Be, "3 гадзіны таму", "учора"),
    ] {
        let page = Page { lang, ..page() };
        let host = render(recent_feed(3.2), config(""), page.clone());
        assert_eq!(texts(&host, "time"), [three_hours], "{lang:?}");
        let host = render(recent_feed(30.0), config(""), page);
        assert_eq!(texts(&host, "time"), [yesterday], "{lang:?}");
    }
    // Older than two days: a calendar date.
    let host = render(recent_feed(24.0 * 40.0), config(""), page());
    assert!(texts(&host, "time")[0].chars().any(|c| c.is_ascii_digit()));
}

#[wasm_bindgen_test]
fn the_error_message_offers_a_retry_and_a_fallback_replaces_both() {
    let page = Page {
        lang: Lang::Ru,
        ..page()
    };
    let host = render(Load::Failed, config(""), page.clone());
    assert_eq!(texts(&host, "button[part~=retry]"), ["Попробовать снова"]);
    let with_fallback = Page {
        has_fallback: true,
        ..page
    };
    let host = render(Load::Failed, config(""), with_fallback);
    assert!(texts(&host, "button[part~=retry]").is_empty());
    assert!(texts(&host, "[part~=error]").is_empty());
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Polls the shadow root until `selector` matches, for up to three seconds.
async fn until(host: &HtmlElement, selector: &str) -> Element {
    for _ in 0..150 {
        if let Some(found) = host
            .shadow_root()
            .and_then(|s| s.query_selector(selector).unwrap())
        {
            return found;
        }
        sleep(20).await;
    }
    panic!("{selector} never appeared");
}

fn data_url(json: &str) -> String {
    format!(
        "data:application/json,{}",
        String::from(js_sys::encode_uri_component(json))
    )
}

/// A `rendered` callback for `mount` that does nothing.
fn ignore() -> js_sys::Function {
    Closure::<dyn Fn(JsValue)>::new(|_| {})
        .into_js_value()
        .unchecked_into()
}

/// A `rendered` callback for `mount` that keeps what each render handed it.
fn recorder() -> (js_sys::Function, Rc<RefCell<Vec<JsValue>>>) {
    let calls = Rc::new(RefCell::new(Vec::new()));
    let keep = calls.clone();
    let callback = Closure::<dyn Fn(JsValue)>::new(move |detail| keep.borrow_mut().push(detail))
        .into_js_value()
        .unchecked_into();
    (callback, calls)
}

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &key.into()).unwrap()
}

/// The `(id, position, locked)` of each story in an impression's detail.
fn impression_items(detail: &JsValue) -> Vec<(String, f64, bool)> {
    js_sys::Array::from(&get(detail, "items"))
        .iter()
        .map(|item| {
            (
                get(&item, "id").as_string().unwrap(),
                get(&item, "position").as_f64().unwrap(),
                get(&item, "locked").as_bool().unwrap(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn each_render_hands_the_loader_the_list_it_shows() {
    let host = fresh_host();
    host.set_attribute("feed", &data_url(FEED)).unwrap();
    host.set_attribute("sections", "Politics").unwrap();
    host.set_attribute("article", "https://news.example/a")
        .unwrap();
    let (rendered, calls) = recorder();
    let widget = related_stories::mount(host.clone(), rendered).expect("mounts");
    let last = || calls.borrow().last().cloned().unwrap();
    until(&host, "[data-state=ready]").await;
    // The list (a feed there at once is listed without a skeleton first).
    assert_eq!(get(&last(), "count").as_f64(), Some(2.0));
    let politics = [("b".to_owned(), 1.0, true), ("d".to_owned(), 2.0, false)];
    assert_eq!(impression_items(&last()), politics);
    let url = get(&js_sys::Array::from(&get(&last(), "items")).get(0), "url");
    assert_eq!(url.as_string().as_deref(), Some("https://news.example/b"));

    // Every render calls it: the same list in a new view...
    let before = calls.borrow().len();
    host.set_attribute("heading", "More").unwrap();
    widget.update();
    assert_eq!(calls.borrow().len(), before + 1);
    assert_eq!(impression_items(&last()), politics);

    // ...other stories...
    host.set_attribute("sections", "Economy").unwrap();
    widget.update();
    assert_eq!(calls.borrow().len(), before + 2);
    assert_eq!(impression_items(&last()), [("e".to_owned(), 1.0, false)]);

    // ...and no list (the skeleton of a refresh): undefined.
    widget.refresh();
    assert_eq!(calls.borrow().len(), before + 3);
    assert!(last().is_undefined());
    until(&host, "[data-state=ready]").await;
    assert_eq!(impression_items(&last()), [("e".to_owned(), 1.0, false)]);
    widget.unmount();
}

#[wasm_bindgen_test]
async fn the_reserved_box_holds_the_room_until_the_first_render() {
    let host = fresh_host();
    let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
    let shadow = host.attach_shadow(&init).unwrap();
    shadow.set_inner_html(r#"<div class="reserve" style="height:200px"></div>"#);
    // A feed no other test has loaded: the widget waits for it.
    host.set_attribute("feed", &data_url(&[FEED, " "].concat()))
        .unwrap();
    let widget = related_stories::mount(host.clone(), ignore()).expect("mounts");
    // Mounted, its skeleton not drawn yet: the loader's box keeps the room.
    assert!(shadow.query_selector(".reserve").unwrap().is_some());
    assert!(host.offset_height() >= 200);
    until(&host, "[data-state]").await;
    assert!(shadow.query_selector(".reserve").unwrap().is_none());
    widget.unmount();
}

#[wasm_bindgen_test]
async fn a_feed_there_at_once_is_listed_without_a_skeleton_first() {
    let host = fresh_host();
    // A feed no other test has loaded, but one that arrives at once.
    host.set_attribute("feed", &data_url(&[FEED, "  "].concat()))
        .unwrap();
    let (rendered, calls) = recorder();
    let widget = related_stories::mount(host.clone(), rendered).expect("mounts");
    until(&host, "[data-state=ready]").await;
    // One render, the list's: no skeleton flickered before it.
    assert_eq!(calls.borrow().len(), 1);
    assert!(
        !calls.borrow()[0].is_undefined(),
        "the one render lists stories"
    );
    widget.unmount();
}

#[wasm_bindgen_test]
async fn mount_fetches_renders_and_follows_attribute_changes() {
    let host = fresh_host();
    host.set_inner_html("<a href=\"https://news.example/\">More</a>");
    host.set_attribute("feed", &data_url(FEED)).unwrap();
    host.set_attribute("sections", "Politics").unwrap();
    host.set_attribute("article", "https://news.example/a")
        .unwrap();
    let widget = related_stories::mount(host.clone(), ignore()).expect("mounts");

    let shadow = host.shadow_root().expect("an open shadow root");
    assert_eq!(
        shadow.adopted_style_sheets().length(),
        1,
        "the stylesheet is adopted"
    );
    until(&host, "[data-state=ready]").await;
    assert_eq!(
        texts(&shadow.clone().unchecked_into(), "[part~=title]").len(),
        2
    );

    host.set_attribute("sections", "Economy").unwrap();
    widget.update();
    sleep(0).await;
    let titles: Vec<String> = shadow
        .query_selector_all("[part~=title]")
        .map(|l| {
            (0..l.length())
                .map(|i| l.item(i).unwrap().text_content().unwrap())
                .collect()
        })
        .unwrap();
    assert_eq!(titles, ["Economy only"]);

    host.set_attribute("feed", "data:application/json,<html>")
        .unwrap();
    widget.update();
    until(&host, "[data-state=error] slot").await;
    widget.unmount();
    assert!(
        shadow.query_selector("[part~=root]").unwrap().is_none(),
        "unmount takes the view off the page"
    );
}

#[wasm_bindgen_test]
async fn a_pressed_chip_narrows_the_list_and_keeps_the_focus() {
    let host = fresh_host();
    host.set_attribute("feed", &data_url(FEED)).unwrap();
    host.set_attribute("sections", "").unwrap();
    host.set_attribute("chips", "").unwrap();
    host.set_attribute("article", "https://news.example/a")
        .unwrap();
    let _widget = related_stories::mount(host.clone(), ignore()).expect("mounts");
    until(&host, "[data-state=ready]").await;
    let shadow = host.shadow_root().unwrap();
    let root: Element = shadow
        .clone()
        .unchecked_into::<web_sys::Node>()
        .unchecked_into();
    assert_eq!(texts(&root, "[part~=title]").len(), 4);
    let chips = all(&root, "button[part~=chip]");
    let economy = chips
        .iter()
        .find(|c| c.text_content().unwrap().trim() == "Economy")
        .expect("an Economy chip")
        .clone()
        .unchecked_into::<HtmlElement>();
    economy.focus().unwrap();
    economy.click();
    assert_eq!(texts(&root, "[part~=title]"), ["Economy only"]);
    let active = shadow.active_element().expect("focus stays in the widget");
    assert_eq!(active.text_content().unwrap().trim(), "Economy");
    assert_eq!(
        active.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
}
