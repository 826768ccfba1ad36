//! Getting the feed's text over the network (through `gloo-net`), within the
//! limits of [`crate::retry`]: a timeout per try, a size cap that stops
//! reading early, and a few spaced-out tries for transient failures.

use gloo_net::http::Request;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::schedule::{sleep, Slices};
use crate::fetch_policy::{self, Failure};

/// Fetches `url` and returns its body, or a sentence saying what went wrong.
/// `fresh` (a `refresh()`) revalidates with the server instead of taking any
/// copy the browser holds, the page's preload included.
pub async fn text(url: &str, fresh: bool) -> Result<String, String> {
    let mut attempt = 0;
    loop {
        match try_once(url, fresh).await {
            Ok(text) => return Ok(text),
            Err(failure) => match fetch_policy::delay_ms(attempt, &failure) {
                Some(ms) => {
                    sleep(ms).await;
                    attempt += 1;
                }
                None => return Err(failure.describe(url)),
            },
        }
    }
}

/// One try: the request, aborted when it outlasts the timeout.
async fn try_once(url: &str, fresh: bool) -> Result<String, Failure> {
    let controller = web_sys::AbortController::new().map_err(|_| Failure::Network)?;
    let signal = controller.signal();
    // The timer aborts the request, headers or body, whichever is pending.
    let abort = Closure::once(move || controller.abort());
    let window = web_sys::window().ok_or(Failure::Network)?;
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.as_ref().unchecked_ref(),
            fetch_policy::TIMEOUT_MS,
        )
        .map_err(|_| Failure::Network)?;
    let result = get_text(url, fresh, &signal).await;
    window.clear_timeout_with_handle(timer);
    drop(abort);
    result.map_err(|failure| {
        if signal.aborted() && failure != Failure::TooLarge {
            Failure::Timeout
        } else {
            failure
        }
    })
}

/// The GET and its body as text, refused past the size cap.
async fn get_text(
    url: &str,
    fresh: bool,
    signal: &web_sys::AbortSignal,
) -> Result<String, Failure> {
    // The request is made here and sent through gloo-net: its builder would
    // parse the URL again to merge in a query we never add, and bring
    // core's formatting machinery into the bundle to do so.
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(signal));
    if fresh {
        init.set_cache(web_sys::RequestCache::NoCache);
    }
    let request =
        web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| Failure::Network)?;
    let response = Request::from(request)
        .send()
        .await
        .map_err(|_| Failure::Network)?;
    if !response.ok() {
        let retry_after =
            fetch_policy::retry_after(response.headers().get("retry-after").as_deref());
        return Err(Failure::Status {
            code: response.status(),
            retry_after,
        });
    }
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|l| l.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > fetch_policy::MAX_FEED_BYTES) {
        return Err(Failure::TooLarge);
    }
    let Some(body) = response.body() else {
        return Ok(String::new());
    };
    // Read chunk by chunk so an endless or huge body is dropped at the cap,
    // not after it has filled the reader's memory.
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes: Vec<u8> = Vec::with_capacity(
        declared
            .unwrap_or(64 * 1024)
            .min(fetch_policy::MAX_FEED_BYTES),
    );
    // A body already downloaded arrives chunk after chunk without a pause:
    // yield now and then so reading a large feed is not one long task.
    let mut slices = Slices::start();
    loop {
        slices.pause().await;
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| Failure::Network)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .map(|d| d.is_truthy())
            .unwrap_or(true);
        if done {
            break;
        }
        let value: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &"value".into())
            .map_err(|_| Failure::Network)?
            .unchecked_into();
        if bytes.len() + value.length() as usize > fetch_policy::MAX_FEED_BYTES {
            // Cancelling is best effort; the failure is ours to report either way.
            let _ = reader.cancel();
            return Err(Failure::TooLarge);
        }
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        if let Some(slot) = bytes.get_mut(start..) {
            value.copy_to(slot);
        }
    }
    String::from_utf8(bytes).map_err(|_| Failure::NotUtf8)
}
