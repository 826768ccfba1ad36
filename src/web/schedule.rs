//! Giving the main thread back: the page's own input and painting go first,
//! so no task of ours runs long.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long one slice of work may hold the main thread, in ms. Well under
/// the 50 ms at which browsers call a task long and input feels late.
pub const SLICE_MS: f64 = 8.0;

/// Work between painted frames, in ms: well under the 50 ms at which a
/// frame counts as long.
const FRAME_MS: f64 = 30.0;

/// A pause this long since a yield returned means our work had stopped,
/// and the browser was free to paint: a new run of slices starts counting.
const IDLE_MS: f64 = 100.0;

thread_local! {
    static LAST_FRAME: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    static LAST_YIELD: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// A slice timer: [`Slices::pause`] yields once the slice has run out.
pub struct Slices(f64);

impl Slices {
    pub fn start() -> Slices {
        Slices(js_sys::Date::now())
    }

    pub async fn pause(&mut self) {
        if js_sys::Date::now() - self.0 > SLICE_MS {
            yield_now().await;
            self.0 = js_sys::Date::now();
        }
    }
}

/// Lets the browser handle input, and now and then paint, before the next
/// slice of work. `scheduler.yield()` (where it exists) keeps our place in
/// the queue, but its continuations outrank rendering: back to back they
/// hold a frame for up to 100 ms. So after [`FRAME_MS`] of slices without a
/// painted frame, wait for one (a task queued from `requestAnimationFrame`
/// runs after it), or 50 ms where no frame comes: a hidden tab paints none.
pub async fn yield_now() {
    let now = js_sys::Date::now();
    // The first yield of a run (the widget's first, or its first after a
    // quiet spell) goes on at once: waiting for a frame there only kept the
    // list from the screen, for up to a frame.
    if now - LAST_YIELD.get() > IDLE_MS {
        LAST_FRAME.set(now);
    }
    let after_frame = now - LAST_FRAME.get() > FRAME_MS;
    let yielded = if after_frame { None } else { scheduler_yield() };
    let promise = yielded.unwrap_or_else(|| {
        js_sys::Promise::new(&mut |resolve, _| {
            let Some(window) = web_sys::window() else {
                let _ = resolve.call0(&JsValue::NULL);
                return;
            };
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                if after_frame { 50 } else { 0 },
            );
            if after_frame {
                let queue = window.clone();
                let after_paint = wasm_bindgen::closure::Closure::once_into_js(move || {
                    let _ =
                        queue.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
                });
                let _ = window.request_animation_frame(after_paint.unchecked_ref());
            }
        })
    });
    // A rejected yield only means we go on without having yielded.
    let _ = JsFuture::from(promise).await;
    let back = js_sys::Date::now();
    if after_frame {
        LAST_FRAME.set(back);
    }
    LAST_YIELD.set(back);
}

/// `scheduler.yield()`, where the browser has it.
fn scheduler_yield() -> Option<js_sys::Promise> {
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into()).ok()?;
    let call = js_sys::Reflect::get(&scheduler, &"yield".into()).ok()?;
    let promise = call.dyn_ref::<js_sys::Function>()?.call0(&scheduler).ok()?;
    Some(js_sys::Promise::resolve(&promise))
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let delay = i32::try_from(ms).unwrap_or(i32::MAX);
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, delay);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Runs `f` in a task of its own, `ms` milliseconds from now.
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms);
}
