//! What the widget does when fetching a feed goes wrong: which failures are
//! worth another try, how long to wait, and the limits that keep a bad
//! server from holding a reader's page. Pure, so it is tested natively; the
//! browser side is `fetch.rs`.

/// One attempt may take this long, headers and body together.
pub const TIMEOUT_MS: i32 = 8_000;
/// Bodies larger than this are cut off while reading (a feed of 10,000 items
/// is about 3.5 MB).
pub const MAX_FEED_BYTES: usize = 8 * 1024 * 1024;
/// Tries in all, the first included.
pub const ATTEMPTS: u32 = 3;
/// A server asking us to come back later is heard, up to this long.
const MAX_RETRY_AFTER_MS: u32 = 8_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// An HTTP error status, with its `Retry-After` in seconds if any.
    Status {
        code: u16,
        retry_after: Option<u32>,
    },
    /// No response at all: offline, DNS, refused, CORS, a redirect loop.
    Network,
    Timeout,
    TooLarge,
    NotUtf8,
}

impl Failure {
    /// One sentence for the console, built without `format!`.
    pub fn describe(&self, url: &str) -> String {
        let code;
        let what: &[&str] = match self {
            Failure::Status { code: c, .. } => {
                code = crate::text::decimal(u64::from(*c));
                &[" answered HTTP ", &code]
            }
            Failure::Network => {
                &[" could not be reached (offline, blocked by CORS, or redirected in a loop)"]
            }
            Failure::Timeout => &[" did not answer within ", TIMEOUT_TEXT],
            Failure::TooLarge => &[" is larger than ", MAX_FEED_BYTES_TEXT],
            Failure::NotUtf8 => &[" is not UTF-8 text"],
        };
        let mut sentence = url.to_owned();
        for part in what {
            sentence.push_str(part);
        }
        sentence
    }
}

/// [`TIMEOUT_MS`] and [`MAX_FEED_BYTES`] in words (a test keeps them in step).
const TIMEOUT_TEXT: &str = "8 s";
const MAX_FEED_BYTES_TEXT: &str = "8 MB";

/// How long to wait before try number `attempt + 1` (0-based `attempt` just
/// failed), or `None` to give up: only transient failures are retried,
/// with growing pauses, a few times at most.
pub fn delay_ms(attempt: u32, failure: &Failure) -> Option<u32> {
    if attempt + 1 >= ATTEMPTS {
        return None;
    }
    let backoff = 500 * 4u32.pow(attempt); // 0.5 s, then 2 s
    match failure {
        Failure::Status {
            code: 408 | 425 | 429 | 500 | 502 | 503 | 504,
            retry_after,
        } => Some(retry_after.map_or(backoff, |s| s.saturating_mul(1000).min(MAX_RETRY_AFTER_MS))),
        Failure::Network => Some(backoff),
        // A server that hung once will likely hang again; the reader has waited enough.
        Failure::Timeout | Failure::Status { .. } | Failure::TooLarge | Failure::NotUtf8 => None,
    }
}

/// `Retry-After` as delta-seconds; an HTTP date is not worth a clock here.
pub fn retry_after(header: Option<&str>) -> Option<u32> {
    header?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_in_words_match_the_limits() {
        assert_eq!(TIMEOUT_TEXT, format!("{} s", TIMEOUT_MS / 1000));
        assert_eq!(
            MAX_FEED_BYTES_TEXT,
            format!("{} MB", MAX_FEED_BYTES / (1024 * 1024))
        );
        assert_eq!(
            Failure::Status {
                code: 503,
                retry_after: None
            }
            .describe("https://x/f"),
            "https://x/f answered HTTP 503"
        );
    }

    fn status(code: u16) -> Failure {
        Failure::Status {
            code,
            retry_after: None,
        }
    }

    #[test]
    fn transient_failures_are_retried_with_growing_pauses() {
        assert_eq!(delay_ms(0, &status(503)), Some(500));
        assert_eq!(delay_ms(1, &status(503)), Some(2_000));
        assert_eq!(delay_ms(2, &status(503)), None, "three tries in all");
        assert_eq!(delay_ms(0, &Failure::Network), Some(500));
        for code in [408, 425, 429, 500, 502, 504] {
            assert!(delay_ms(0, &status(code)).is_some(), "{code}");
        }
    }

    #[test]
    fn retry_after_is_heard_within_a_cap() {
        assert_eq!(
            delay_ms(
                0,
                &Failure::Status {
                    code: 503,
                    retry_after: Some(1)
                }
            ),
            Some(1_000)
        );
        assert_eq!(
            delay_ms(
                0,
                &Failure::Status {
                    code: 429,
                    retry_after: Some(3_600)
                }
            ),
            Some(8_000)
        );
        assert_eq!(retry_after(Some(" 2 ")), Some(2));
        assert_eq!(retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")), None);
        assert_eq!(retry_after(None), None);
    }

    #[test]
    fn lasting_failures_are_not_retried() {
        for failure in [
            status(400),
            status(404),
            status(410),
            Failure::Timeout,
            Failure::TooLarge,
            Failure::NotUtf8,
        ] {
            assert_eq!(delay_ms(0, &failure), None, "{failure:?}");
        }
    }

    #[test]
    fn failures_describe_themselves_for_the_console() {
        assert_eq!(
            status(404).describe("https://x.example/f.json"),
            "https://x.example/f.json answered HTTP 404"
        );
        assert!(Failure::TooLarge.describe("u").contains("8 MB"));
    }
}
