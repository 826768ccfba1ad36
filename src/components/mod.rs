//! The widget's views. They only render: what to show is decided in
//! [`crate::widget`], and what a click means is the caller's [`Actions`].

mod actions;
mod skeleton;
mod story;

use std::rc::Rc;

use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;

use crate::widget::{Chip, Shown, State};
pub use actions::{Actions, OnSelect};
use skeleton::Skeleton;
use story::StoryView;

/// The whole widget for one [`Shown`] state.
#[component]
pub fn RelatedStories(shown: Shown, actions: Actions) -> impl IntoView {
    let Shown {
        state,
        layout,
        heading,
        texts,
    } = shown;
    let layout = layout.name();
    match state {
        State::Loading { rows } => EitherOf4::A(view! {
            <div class="rs" part="root" data-state="loading" data-layout=layout>
                <section aria-busy="true" aria-label=texts.heading>
                    <Heading text=heading/>
                    <Skeleton rows/>
                </section>
            </div>
        }),
        State::Failed { fallback } => {
            // Slot fallback content would never show while the host holds even
            // whitespace, so we choose between the slot and our message here.
            let body = if fallback {
                Either::Left(view! { <slot></slot> })
            } else {
                let retry = actions.retry.map(|retry| {
                    view! {
                        <button part="retry" type="button" on:click=move |_| retry()>
                            {texts.retry}
                        </button>
                    }
                });
                Either::Right(view! { <p part="error">{texts.error}{retry}</p> })
            };
            EitherOf4::B(view! { <div class="rs" part="root" data-state="error">{body}</div> })
        }
        State::Empty => {
            EitherOf4::C(view! { <div class="rs" part="root" data-state="empty"></div> })
        }
        State::Ready { chips, stories } => {
            let chips = (!chips.is_empty()).then(|| {
                let pick = actions.chip.clone();
                view! { <Chips chips label=texts.filter pick/> }
            });
            let select = actions.select;
            let stories = stories
                .into_iter()
                .enumerate()
                .map(|(i, story)| view! { <StoryView story position=i + 1 select=select.clone()/> })
                .collect_view();
            // A hidden heading still names the region, through aria-label.
            let labelled_by = (!heading.is_empty()).then_some("rs-heading");
            let label = heading.is_empty().then_some(texts.heading);
            EitherOf4::D(view! {
                <div class="rs" part="root" data-state="ready" data-layout=layout>
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

/// "All" plus the sections on offer, as toggle buttons.
#[component]
fn Chips(chips: Vec<Chip>, label: &'static str, pick: Rc<dyn Fn(Option<String>)>) -> impl IntoView {
    let buttons = chips
        .into_iter()
        .map(|Chip { section, label, pressed }| {
            let pick = pick.clone();
            view! {
                <button part="chip" type="button" aria-pressed=if pressed { "true" } else { "false" }
                    on:click=move |_| pick(section.clone())>
                    {label}
                </button>
            }
        })
        .collect_view();
    view! { <div part="chips" class="chips" role="group" aria-label=label>{buttons}</div> }
}

/// The list's heading; an empty text means none.
#[component]
fn Heading(text: String) -> impl IntoView {
    (!text.is_empty()).then(|| view! { <h2 part="heading" id="rs-heading">{text}</h2> })
}
