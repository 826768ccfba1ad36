//! The widget's views. They only render: what to show is decided in
//! [`crate::widget`], and what a click means in `web::element`, whose one
//! listener reads the controls by their `part` (a story link, a chip and
//! its `value`, the retry button).

mod skeleton;
mod story;

use leptos::either::Either;
use leptos::prelude::*;

use crate::widget::{Chip, Shown, State};
use skeleton::Skeleton;
use story::StoryView;

/// The whole widget for one [`Shown`] state. Every state shares one shape
/// (root, region, heading, list), so the bundle carries it once.
#[component]
pub fn RelatedStories(shown: Shown) -> impl IntoView {
    let Shown {
        state,
        layout,
        heading,
        texts,
    } = shown;
    let (name, region, message) = match state {
        State::Loading { rows } => ("loading", Some((None, Either::Left(rows))), None),
        State::Ready { chips, stories } => {
            ("ready", Some((Some(chips), Either::Right(stories))), None)
        }
        // Slot fallback content would never show while the host holds even
        // whitespace, so we choose between the slot and our message here.
        State::Failed { fallback } => ("error", None, Some(fallback)),
        State::Empty => ("empty", None, None),
    };
    let loading = name == "loading";
    let layout = region.is_some().then_some(layout.name());
    let region = region.map(|(chips, list)| {
        let chips = chips
            .filter(|c| !c.is_empty())
            .map(|chips| view! { <Chips chips label=texts.filter/> });
        let rows = match list {
            Either::Left(rows) => Either::Left(view! { <Skeleton rows/> }),
            Either::Right(stories) => Either::Right(
                stories
                    .into_iter()
                    .map(|story| view! { <StoryView story/> })
                    .collect_view(),
            ),
        };
        // A hidden heading still names the region, through aria-label; a
        // loading one is named by the default heading.
        let labelled_by = (!loading && !heading.is_empty()).then_some("rs-heading");
        let label = (loading || heading.is_empty()).then_some(texts.heading);
        view! {
            <section aria-busy=loading.then_some("true") aria-labelledby=labelled_by aria-label=label>
                <Heading text=heading/>
                {chips}
                <ul
                    part=if loading { "list skeleton" } else { "list" }
                    class=loading.then_some("skeleton")
                    aria-hidden=loading.then_some("true")
                >
                    {rows}
                </ul>
            </section>
        }
    });
    let message = message.map(|fallback| {
        if fallback {
            Either::Left(view! { <slot></slot> })
        } else {
            Either::Right(view! {
                <p part="error">
                    {texts.error}
                    <button part="retry" type="button">{texts.retry}</button>
                </p>
            })
        }
    });
    view! {
        <div class="rs" part="root" data-state=name data-layout=layout>
            {region}
            {message}
        </div>
    }
}

/// "All" plus the sections on offer, as toggle buttons; each section's
/// button has it as its `value`, "All" has none.
#[component]
fn Chips(chips: Vec<Chip>, label: &'static str) -> impl IntoView {
    let buttons = chips
        .into_iter()
        .map(
            |Chip {
                 section,
                 label,
                 pressed,
             }| {
                view! {
                    <button part="chip" type="button" value=section
                        aria-pressed=if pressed { "true" } else { "false" }>
                        {label}
                    </button>
                }
            },
        )
        .collect_view();
    view! { <div part="chips" class="chips" role="group" aria-label=label>{buttons}</div> }
}

/// The list's heading; an empty text means none.
#[component]
fn Heading(text: String) -> impl IntoView {
    (!text.is_empty()).then(|| view! { <h2 part="heading" id="rs-heading">{text}</h2> })
}
