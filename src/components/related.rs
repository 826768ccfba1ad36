use std::cell::RefCell;
use std::sync::Arc;

use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;

use super::skeleton::Skeleton;
use super::story::{DateFormat, Link, LockBadge, Story};
use super::{OnRetry, OnSelect};
use crate::config::{Config, Layout};
use crate::feed::{Feed, Item};
use crate::i18n::Lang;
use crate::select::{self, Query};

/// Where the feed is in its life.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    Loading,
    Ready(Arc<Feed>),
    Failed,
}

/// What the page around the widget tells it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// URL of the article the widget sits under; never listed.
    pub article: Option<String>,
    pub lang: Lang,
    /// The partner put fallback content inside the element.
    pub has_fallback: bool,
}

thread_local! {
    // The view and the element's `load` event ask for the same selection in
    // one update; on a long feed, selecting twice would be felt.
    static SELECTIONS: RefCell<Vec<Selection>> = const { RefCell::new(Vec::new()) };
}

type Selection = (Arc<Feed>, Query, Vec<Item>);

/// The stories `query` selects from `feed`, remembered for the widgets on the page.
pub fn selection(feed: &Arc<Feed>, query: &Query) -> Vec<Item> {
    SELECTIONS.with_borrow_mut(|memo| {
        if let Some((_, _, items)) = memo
            .iter()
            .find(|(f, q, _)| Arc::ptr_eq(f, feed) && q == query)
        {
            return items.clone();
        }
        let items: Vec<Item> = select::select(feed, query).into_iter().cloned().collect();
        // Feeds only the memo still holds (refreshed, or their widgets gone) go.
        memo.retain(|(f, _, _)| Arc::strong_count(f) > 1);
        if memo.len() >= 16 {
            memo.remove(0);
        }
        memo.push((feed.clone(), query.clone(), items.clone()));
        items
    })
}

/// The whole widget for one state of the feed.
#[component]
pub fn RelatedStories(
    load: Load,
    config: Config,
    page: Page,
    #[prop(optional)] on_select: Option<OnSelect>,
    #[prop(optional)] on_retry: Option<OnRetry>,
) -> impl IntoView {
    let texts = page.lang.texts();
    let layout = config.layout;
    let heading = config
        .heading
        .clone()
        .unwrap_or_else(|| texts.heading.to_owned());
    match load {
        Load::Loading => EitherOf4::A(view! {
            <div class="rs" part="root" data-state="loading" data-layout=layout.name()>
                <section aria-busy="true" aria-label=texts.heading>
                    <Heading text=heading/>
                    <Skeleton rows=config.limit/>
                </section>
            </div>
        }),
        Load::Failed => {
            // Slot fallback content would never show while the host holds even
            // whitespace, so we choose between the slot and our message here.
            let body = if page.has_fallback {
                Either::Left(view! { <slot></slot> })
            } else {
                let retry = on_retry.map(|retry| {
                    view! {
                        <button part="retry" type="button" on:click=move |ev| retry(&ev)>
                            {texts.retry}
                        </button>
                    }
                });
                Either::Right(view! { <p part="error">{texts.error}{retry}</p> })
            };
            EitherOf4::B(view! { <div class="rs" part="root" data-state="error">{body}</div> })
        }
        Load::Ready(feed) => {
            let query = config.query(page.article.clone());
            if selection(&feed, &query).is_empty() {
                return EitherOf4::C(
                    view! { <div class="rs" part="root" data-state="empty"></div> },
                );
            }
            let offered = if config.chips {
                select::chips(&feed, &query, MAX_CHIPS)
            } else {
                Vec::new()
            };
            // The reader's chip is this view's own state: a click narrows the
            // list in place, and a new feed or attribute starts again from "All".
            let chip = RwSignal::new(None::<String>);
            let stories = move || {
                let query = Query {
                    chip: chip.get(),
                    ..query.clone()
                };
                // Without a chip, the selection just made above, remembered.
                story_views(
                    selection(&feed, &query),
                    &feed,
                    &config,
                    page.lang,
                    on_select,
                )
            };
            let chips =
                (!offered.is_empty()).then(|| view! { <Chips offered chip lang=page.lang/> });
            // A hidden heading still names the region, through aria-label.
            let labelled_by = (!heading.is_empty()).then_some("rs-heading");
            let label = heading.is_empty().then_some(texts.heading);
            EitherOf4::D(view! {
                <div class="rs" part="root" data-state="ready" data-layout=layout.name()>
                    <section aria-labelledby=labelled_by aria-label=label>
                        <Heading text=heading/>
                        {chips}
                        <ul part="list">{stories}</ul>
                    </section>
                </div>
            })
        }
    }
}

/// At most this many section chips; more stop being a quick choice.
const MAX_CHIPS: usize = 8;

fn story_views(
    stories: Vec<Item>,
    feed: &Feed,
    config: &Config,
    lang: Lang,
    on_select: Option<OnSelect>,
) -> impl IntoView {
    let texts = lang.texts();
    let label = config
        .lock_label
        .clone()
        .or_else(|| feed.tier_label.clone());
    let lock = LockBadge::new(label, texts.subscribers_only);
    let dates = DateFormat::new(lang);
    let new_tab = config.target.as_deref() == Some("_blank");
    let cards = config.layout == Layout::Cards;
    stories
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let date = item.date.and_then(|ms| dates.format(ms));
            let lock = item.locked.then(|| lock.clone());
            let link = Link {
                href: match &config.utm {
                    Some(utm) => crate::url::merge_query(&item.url, utm),
                    None => item.url.clone(),
                },
                target: config.target.clone(),
                hint: new_tab.then_some(texts.new_tab),
            };
            let image = cards.then(|| item.image.clone());
            view! { <Story item position=i + 1 link date lock image on_select/> }
        })
        .collect_view()
}

/// "All" plus the sections on offer, as toggle buttons.
#[component]
fn Chips(offered: Vec<String>, chip: RwSignal<Option<String>>, lang: Lang) -> impl IntoView {
    let texts = lang.texts();
    let button = move |value: Option<String>, text: String| {
        let pressed = {
            let value = value.clone();
            move || (chip.get() == value).to_string()
        };
        view! {
            <button part="chip" type="button" aria-pressed=pressed on:click=move |_| chip.set(value.clone())>
                {text}
            </button>
        }
    };
    let all = button(None, texts.all.to_owned());
    let sections = offered
        .into_iter()
        .map(|s| button(Some(s.clone()), s))
        .collect_view();
    view! {
        <div part="chips" class="chips" role="group" aria-label=texts.filter>
            {all}
            {sections}
        </div>
    }
}

/// The list's heading; an empty text means none.
#[component]
fn Heading(text: String) -> impl IntoView {
    (!text.is_empty()).then(|| {
        view! {
            <h2 part="heading" id="rs-heading">
                {text}
            </h2>
        }
    })
}
