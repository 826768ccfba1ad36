//! Getting the feed's text over the network (through `gloo-net`).

/// Fetches `url` and returns its body, or a sentence saying what went wrong.
pub async fn text(url: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| format!("the request for {url} failed ({e})"))?;
    if !response.ok() {
        return Err(format!(
            "{url} answered HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response
        .text()
        .await
        .map_err(|e| format!("the body of {url} could not be read ({e})"))
}
