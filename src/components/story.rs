use leptos::prelude::*;

use crate::widget::{Badge, Story};

/// One story: its sections, the headline as a real link, date and lock badge.
#[component]
pub fn StoryView(story: Story) -> impl IntoView {
    let Story {
        href,
        target,
        new_tab,
        title,
        sections,
        date,
        badge,
        image,
    } = story;
    let thumbnail = image.map(|src| view! { <Thumbnail src/> });
    let sections = (!sections.is_empty()).then(|| {
        let labels = sections.into_iter().enumerate().map(|(i, section)| {
            let separator = (i > 0).then_some(", ");
            view! { {separator}<span part="section">{section}</span> }
        });
        view! { <p part="sections">{labels.collect_view()}</p> }
    });
    let date = date.map(|(iso, text)| view! { <time part="date" datetime=iso>{text}</time> });
    let locked = badge.is_some();
    let badge = badge.map(|Badge { label, hint }| {
        view! {
            <span part="badge" class="badge">
                <LockIcon/>
                {hint.map(|h| view! { <span class="visually-hidden">{h}": "</span> })}
                <span>{label}</span>
            </span>
        }
    });
    let meta =
        (date.is_some() || badge.is_some()).then(|| view! { <p class="meta">{date}{badge}</p> });
    let rel = target.is_some().then_some("noopener");
    view! {
        <li part="item" class="item" class:locked=locked>
            {thumbnail}
            {sections}
            <a
                part="link"
                href=href
                target=target
                rel=rel
            >
                <span part="title">{title}</span>
                {new_tab.map(|h| view! { <span class="visually-hidden">" ("{h}")"</span> })}
            </a>
            {meta}
        </li>
    }
}

/// A fixed-ratio frame whose background is the placeholder, so a missing or
/// broken image (hidden on error, see `web::element`) leaves a tidy tile,
/// never a broken icon.
#[component]
fn Thumbnail(src: Option<String>) -> impl IntoView {
    let image = src.map(|src| {
        view! {
            <img
                part="image"
                src=src
                alt=""
                loading="lazy"
                decoding="async"
            />
        }
    });
    view! { <div class="thumb" aria-hidden="true">{image}</div> }
}

#[component]
fn LockIcon() -> impl IntoView {
    view! {
        <svg class="lock" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
            <path
                fill="currentColor"
                d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.25C12.44 7 13 7.56 13 8.25v5.5c0 .69-.56 1.25-1.25 1.25h-7.5C3.56 15 3 14.44 3 13.75v-5.5C3 7.56 3.56 7 4.25 7h.25zm1.75 0h3.5V5a1.75 1.75 0 1 0-3.5 0v2z"
            ></path>
        </svg>
    }
}
