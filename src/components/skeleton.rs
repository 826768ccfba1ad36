use leptos::prelude::*;

/// Grey placeholder rows holding the list's height while the feed loads.
#[component]
pub fn Skeleton(rows: usize) -> impl IntoView {
    (0..rows)
        .map(|_| {
            view! {
                <li class="item">
                    <span class="bone sections"></span>
                    <span class="bone title"></span>
                    <span class="bone title short"></span>
                    <span class="bone date"></span>
                </li>
            }
        })
        .collect_view()
}
